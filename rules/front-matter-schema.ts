/**
 * # front-matter-schema
 *
 * The front matter must match its JSON Schema: `schemas/milestone.schema.json`
 * for milestones, `schemas/execplan.schema.json` for ExecPlans (required keys,
 * types, allowed values, patterns). Every problem is reported at the key or value
 * it is about; a missing key at a near-miss spelling of it (`statsu`) or else at
 * the closing `---`. Values outside an enum list the allowed ones and suggest the
 * nearest (`in-progress` → `in_progress`).
 *
 * Fixable in one case: `ms: "3"` (a quoted number) becomes `ms: 3`.
 *
 * One problem, one diagnostic: what another rule reports more precisely is left to
 * it. A value written as a YAML block scalar (`|`, `>`) is `front-matter-simple-yaml`'s
 * (the line break YAML adds to it is what would break the pattern here); an ID of
 * the `EP-<digits>-<digits>[/MS<digits>]` form with a part of the wrong length is
 * `id-valid`'s, which says which part and fixes the padding.
 *
 * Option `schemas`: `{ milestone?: object, execplan?: object }` replaces the
 * bundled schema of that kind (the config's `schema` setting fills it in).
 *
 * ## Valid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * execplan_id: EP-20260210-003
 * ms: 2
 * title: "Ranked search API"
 * status: in_progress
 * domain: backend
 * owner: "@ines"
 * created: 2026-03-02
 * updated: 2026-03-20
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * execplan_id: EP-20260210-003
 * ms: "2"
 * title: "Ranked search API"
 * status: in-progress
 * domain: backend
 * created: 2026-03-02
 * updated: 2026-03-20
 * ---
 * ```
 *
 * ```text output
 * 4:5  error  `ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.
 * 6:9  error  `status` is "in-progress", which is not allowed; expected one of: planned, in_progress, completed, blocked, archived. Did you mean "in_progress"?
 * 10:1  error  Required key `owner` is missing; add `owner:` (an `@handle`, e.g. `@codex` or `@org/team`).
 * ```
 */
import type { ErrorObject } from "ajv";
import { isScalar, Scalar, type Document } from "yaml";
import type { Fix, FileKind, FileRule, Range } from "../src/shared/types.js";
import { idParts } from "../src/tree/identity.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { locate, pointerSegments, validatorFor, type JsonSchema } from "../src/config/schemas.js";
import { SCHEMA_OPTIONS_SCHEMA, schemaFor, type SchemaOptions } from "../src/config/schema-option.js";
import { didYouMean, didYouMeanSentence } from "../src/shared/suggest.js";
import { quoteValue } from "../src/shared/quote.js";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (typeof value === "string") return quoteValue(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${show(value)}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a YAML integer (no quotes)",
  number: "a number",
  boolean: "`true` or `false`",
  array: "a list",
  object: "a map of `key: value` lines",
};

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let v = data;
  for (const s of segments) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

function describe(error: ErrorObject, data: unknown, schema: JsonSchema): string {
  const segments = pointerSegments(error.instancePath);
  const name = segments.length > 0 ? `\`${segments.join(".")}\`` : "Front matter";
  const value = valueAt(data, segments);
  const top = segments[0] !== undefined ? schema.properties?.[segments[0]] : undefined;
  const expected = segments.length === 1 && top?.description ? `; expected ${top.description}` : "";
  switch (error.keyword) {
    case "enum": {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const hint = typeof value === "string" ? didYouMeanSentence(value, allowed) : "";
      return `${name} is ${show(value)}, which is not allowed; expected one of: ${allowed.join(", ")}.${hint}`;
    }
    case "type": {
      const type = String((error.params as { type: string }).type);
      const want = TYPE_WORDS[type] ?? type;
      if (value === null || value === undefined) return `${name} has no value; expected ${segments.length === 1 && top?.description ? top.description : want}.`;
      const unquote = type === "integer" && typeof value === "string" && /^\d+$/.test(value) ? ` Write \`${segments.join(".")}: ${Number(value)}\`.` : "";
      return `${name} must be ${want}, but it is ${typeName(value)}.${unquote}`;
    }
    case "pattern":
      return `${name} is ${show(value)}, which is not in the expected form${expected || `; expected to match ${(error.params as { pattern: string }).pattern}`}.`;
    case "minimum":
    case "maximum":
      return `${name} is ${show(value)}, out of range${expected}.`;
    case "minLength":
      return `${name} must not be empty${expected}.`;
    default:
      return `${name} ${error.message ?? "is invalid"}${expected}.`;
  }
}

/** True for an error that another rule reports on the same value with a more precise message. */
function leftToAnotherRule(error: ErrorObject, doc: Document.Parsed, kind: FileKind): boolean {
  const [key, ...rest] = pointerSegments(error.instancePath);
  if (key === undefined) return false;
  const node = doc.get(key, true);
  if (!isScalar(node)) return false;
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return true;
  if (error.keyword !== "pattern" || rest.length > 0 || typeof node.value !== "string" || (key !== "id" && key !== "execplan_id")) return false;
  const parts = idParts(node.value);
  return parts !== undefined && (parts.ms !== undefined) === (kind === "milestone" && key === "id");
}

/** `ms: "3"` → `ms: 3`: the one schema error with a fix whose meaning is beyond doubt. */
function quotedMsFix(error: ErrorObject, doc: Document.Parsed, at: Range): Fix | undefined {
  if (error.keyword !== "type" || error.instancePath !== "/ms" || (error.params as { type: string }).type !== "integer") return undefined;
  const node = doc.get("ms", true);
  if (!isScalar(node) || (node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE)) return undefined;
  if (typeof node.value !== "string" || !/^\d+$/.test(node.value)) return undefined;
  return { range: [at.start, at.end], text: String(Number(node.value)) };
}

export const frontMatterSchema: FileRule<SchemaOptions> = {
  meta: {
    id: "front-matter-schema",
    description: "Front matter has the required keys, with values of the right type, form and range",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    fixable: true,
    docsUrl: docsUrl("front-matter-schema"),
    optionsSchema: SCHEMA_OPTIONS_SCHEMA,
  },
  check(context) {
    const { frontMatter, file } = context;
    const { doc, data, content, close } = frontMatter;
    if (!doc || !content || data === undefined) return;
    const kind = file.place.kind;
    const schema = schemaFor(kind, context.options);
    const validate = validatorFor(schema);
    if (validate(data)) return;
    const present = frontMatter.keys.map((k) => k.name);
    for (const error of validate.errors ?? []) {
      if (error.keyword === "required") {
        const missing = String((error.params as { missingProperty: string }).missingProperty);
        const description = schema.properties?.[missing]?.description;
        const expected = description ? ` (${description})` : "";
        const nearMiss = didYouMean(missing, present.filter((p) => !schema.properties?.[p]));
        const misspelt = nearMiss === undefined ? undefined : frontMatter.get(nearMiss);
        context.report({
          message: misspelt
            ? `Required key \`${missing}\` is missing; \`${misspelt.name}\` looks like a misspelling of it: rename it to \`${missing}\`${expected}.`
            : `Required key \`${missing}\` is missing; add \`${missing}:\`${expected}.`,
          at: misspelt ? misspelt.key : (close ?? content),
        });
        continue;
      }
      if (leftToAnotherRule(error, doc, kind)) continue;
      const segments = pointerSegments(error.instancePath);
      const at = locate(doc, segments, content.start) ?? content;
      const fix = quotedMsFix(error, doc, at);
      context.report({ message: describe(error, data, schema), at, ...(fix ? { fix } : {}) });
    }
  },
};
