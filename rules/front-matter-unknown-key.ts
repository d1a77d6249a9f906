/**
 * # front-matter-unknown-key
 *
 * Every front matter key is one the file's schema knows (its `properties`, or a
 * key matching its `patternProperties`): `schemas/milestone.schema.json` for
 * milestones, `schemas/execplan.schema.json` for ExecPlans, or the team's own
 * schema given like front-matter-schema's (option `schemas`). A key nobody reads is
 * usually a misspelling (`rsik`, `touch`); the nearest known key is suggested.
 * A misspelt required key (`statsu` with no `status`) is left to front-matter-schema,
 * which reports it as the missing key. A warning: extra keys do not break the tools.
 *
 * ## Valid
 *
 * ```md
 * ---
 * status: in_progress
 * risk: low
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * status: in_progress
 * rsik: low
 * priority: high
 * ---
 * ```
 *
 * ```text output
 * 3:1  warning  Unknown milestone front matter key `rsik`; did you mean `risk`?
 * 4:1  warning  Unknown milestone front matter key `priority`; the known keys are: id, execplan_id, ms, title, status, domain, owner, created, updated, tags, risk, links. Remove it or check its spelling.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { SCHEMA_OPTIONS_SCHEMA, schemaFor, type SchemaOptions } from "../src/config/schema-option.js";
import { didYouMean } from "../src/shared/suggest.js";

const KIND_WORDS = { milestone: "milestone", execplan: "ExecPlan" } as const;

export const frontMatterUnknownKey: FileRule<SchemaOptions> = {
  meta: {
    id: "front-matter-unknown-key",
    description: "Front matter keys are ones the schema knows (a misspelt key gets a suggestion)",
    severity: "warn",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("front-matter-unknown-key"),
    optionsSchema: SCHEMA_OPTIONS_SCHEMA,
  },
  check(context) {
    const { frontMatter, file } = context;
    // keys of YAML that did not parse are not keys anyone meant (front-matter-yaml-syntax reports it)
    if (frontMatter.data === undefined) return;
    const kind = file.place.kind;
    const schema = schemaFor(kind, context.options);
    // a schema that lists no properties allows any key
    if (!schema.properties) return;
    const known = Object.keys(schema.properties);
    const patterns = Object.keys((schema.patternProperties as Record<string, unknown> | undefined) ?? {}).map((p) => new RegExp(p, "u"));
    const present = new Set(frontMatter.keys.map((k) => k.name));
    for (const key of frontMatter.keys) {
      if (Object.hasOwn(schema.properties, key.name) || patterns.some((p) => p.test(key.name))) continue;
      // only keys not already there are candidates
      const near = didYouMean(key.name, known.filter((k) => !present.has(k)));
      // a misspelt required key (`statsu`) is already an error of front-matter-schema, at this same key
      if (near !== undefined && schema.required?.includes(near)) continue;
      context.report({
        message: near
          ? `Unknown ${KIND_WORDS[kind]} front matter key \`${key.name}\`; did you mean \`${near}\`?`
          : `Unknown ${KIND_WORDS[kind]} front matter key \`${key.name}\`; the known keys are: ${known.join(", ")}. Remove it or check its spelling.`,
        at: key.key,
      });
    }
  },
};
