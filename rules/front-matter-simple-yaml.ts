/**
 * # front-matter-simple-yaml
 *
 * The front matter stays simple YAML, as the template asks: scalars and short
 * lists of scalars, plus the `links` map of scalars. No block scalars (`|`, `>`),
 * no plain or quoted scalars folded over several lines, no nesting beyond `links`,
 * no anchors (`&a`), aliases (`*a`) or tags (`!!str`). Tools that read these files
 * line by line (and people) get the rest wrong.
 *
 * Option `foldedScalars` (on in the `agentrules` preset): a plain or quoted value
 * folded over several lines is accepted. PyYAML's `safe_dump`, which agentrules uses
 * when it rewrites front matter, folds values longer than 80 columns that way
 * (`title: Backfill … into the` / `  events table`); the value read is one line.
 *
 * ## Valid
 *
 * ### One-line values
 *
 * ```md
 * ---
 * title: "Ranked search API"
 * tags: [api, search]
 * links:
 *   issue: "https://tracker.example.test/SRCH-14"
 * ---
 * ```
 *
 * ### With `foldedScalars`: a long value as PyYAML folds it
 *
 * ```json milestone-lint.config.json
 * { "rules": { "front-matter-simple-yaml": ["error", { "foldedScalars": true }] } }
 * ```
 *
 * ```md
 * ---
 * title: Backfill historical webhook deliveries from the cold archive bucket into the
 *   events table before cutover
 * owner: '@mara'
 * updated: '2026-05-04'
 * tags:
 * - webhooks
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * title: >
 *   Ranked search
 *   API
 * tags:
 *   - name: api
 * owner: &owner "@ines"
 * ---
 * ```
 *
 * ```text output
 * 2:8  error  `title` is a multiline block scalar (`>`); keep it on one line, e.g. `"…"`.
 * 6:5  error  An item of `tags` is a nested map; only plain values are allowed here.
 * 7:8  error  `owner` has the YAML anchor `&owner`; front matter does not use anchors or aliases: write the value out.
 * ```
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Node } from "yaml";
import type { FileRule, Range } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";

/** The one key whose value may be a map (of scalars). */
const MAP_KEY = "links";

type Check = (node: unknown, where: string, from: number) => void;

function rangeOf(node: Node, shift: number): Range | undefined {
  const r = node.range;
  return r ? { start: r[0] + shift, end: r[1] + shift } : undefined;
}

// a type, not an interface, so that it fits the engine's `Record<string, unknown>` options
type SimpleYamlOptions = { foldedScalars?: boolean };

export const frontMatterSimpleYaml: FileRule<SimpleYamlOptions> = {
  meta: {
    id: "front-matter-simple-yaml",
    description: "Front matter is simple YAML: one-line scalars, short lists, the `links` map; no block scalars, nesting, anchors or tags",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("front-matter-simple-yaml"),
    optionsSchema: { type: "object", properties: { foldedScalars: { type: "boolean" } }, additionalProperties: false },
    defaultOptions: { foldedScalars: false },
  },
  check(context) {
    const { doc, content, errors } = context.frontMatter;
    if (!doc || !content || errors.length > 0 || !isMap(doc.contents)) return;
    const shift = content.start;
    const text = context.file.text;

    /** Anchors and tags stand before the node they belong to; point at them. */
    const props = (node: Node, where: string, from: number): void => {
      const start = (node.range?.[0] ?? 0) + shift;
      if (node.anchor) {
        const at = text.lastIndexOf(`&${node.anchor}`, start);
        context.report({
          message: `${where} has the YAML anchor \`&${node.anchor}\`; front matter does not use anchors or aliases: write the value out.`,
          at: at >= from ? { start: at, end: at + node.anchor.length + 1 } : rangeOf(node, shift),
        });
      }
      if (node.tag) {
        // the tag is the word around the last `!` before the node (`!!int`, `!e!tag`)
        let at = text.lastIndexOf("!", start);
        while (at > from && !/[\s[{,]/.test(text.charAt(at - 1))) at--;
        const end = at >= from ? text.slice(at).search(/\s/) : -1;
        context.report({
          message: `${where} has an explicit YAML tag; front matter uses plain values without tags: remove it.`,
          at: at >= from && end > 0 ? { start: at, end: at + end } : rangeOf(node, shift),
        });
      }
    };

    const scalar = (node: Scalar, where: string, from: number): void => {
      props(node, where, from);
      const at = rangeOf(node, shift);
      if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
        context.report({
          message: `${where} is a multiline block scalar (\`${node.type === Scalar.BLOCK_LITERAL ? "|" : ">"}\`); keep it on one line, e.g. \`"…"\`.`,
          ...(at ? { at } : {}),
        });
      } else if (at && !context.options.foldedScalars && /[\r\n]/.test(text.slice(at.start, at.end))) {
        context.report({ message: `${where} is folded over several lines; write it on one line.`, at });
      }
    };

    /** A node that must be a scalar (a list item, a `links` value). */
    const leaf: Check = (node, where, from) => {
      if (isAlias(node)) {
        const at = rangeOf(node, shift);
        context.report({
          message: `${where} is the YAML alias \`*${node.source}\`; front matter does not use anchors or aliases: write the value out.`,
          ...(at ? { at } : {}),
        });
      } else if (isScalar(node)) scalar(node, where, from);
      else if (isMap(node) || isSeq(node)) {
        const at = rangeOf(node, shift);
        context.report({
          message: `${where} is a nested ${isMap(node) ? "map" : "list"}; only plain values are allowed here.`,
          ...(at ? { at } : {}),
        });
      }
    };

    for (const pair of doc.contents.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key)) {
        const at = key ? rangeOf(key, shift) : undefined;
        context.report({ message: "Front matter keys are plain words; this key is a complex YAML node.", ...(at ? { at } : {}) });
        continue;
      }
      const name = String(key.value);
      const from = key.range ? key.range[1] + shift : shift;
      // a key's own anchor or tag stands before it on its line
      const keyStart = key.range ? key.range[0] + shift : shift;
      props(key, `Key \`${name}\``, text.lastIndexOf("\n", keyStart - 1) + 1);
      const value = pair.value as unknown;
      const where = `\`${name}\``;
      if (isSeq(value)) {
        props(value, where, from);
        let itemFrom = from;
        for (const item of value.items) {
          leaf(item, `An item of ${where}`, itemFrom);
          itemFrom = ((item as Node | null)?.range?.[1] ?? 0) + shift;
        }
      } else if (isMap(value) && name === MAP_KEY) {
        props(value, where, from);
        for (const item of value.items) {
          const k = item.key as Node | null;
          const label = isScalar(k) ? `\`${name}.${String(k.value)}\`` : where;
          if (k) props(k, label, (k.range?.[0] ?? 0) + shift);
          leaf(item.value, label, (k?.range?.[1] ?? 0) + shift);
        }
      } else if (isMap(value)) {
        const at = rangeOf(value, shift);
        context.report({
          message: `${where} is a nested map; only \`${MAP_KEY}\` may hold \`key: value\` lines. Write ${where} as one value or a list.`,
          ...(at ? { at } : {}),
        });
      } else leaf(value, where, from);
    }
  },
};
