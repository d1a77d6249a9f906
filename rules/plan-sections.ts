/**
 * # plan-sections
 *
 * An ExecPlan's body has what its `PLANS.md` asks for (docs/format.md §7): a `#`
 * title heading, `# <id> - <title>` as `agentrules execplan new` writes it or
 * `# <title>`, then `## Purpose / Big Picture` and the four living sections,
 * `## Progress`, `## Surprises & Discoveries`, `## Decision Log` and
 * `## Outcomes & Retrospective`, each once. Plans add sections of their own anywhere,
 * and the order is free. A plan without its living sections has nowhere to record
 * what happened, and one with two `## Progress` sections says two things.
 *
 * A section written with other letter case or `and` for `&` (`## Decision log`), or
 * with words after its name (`## Progress Log`), is that section. A heading one or two
 * typed characters away, or at another level, is reported as the section meant. A
 * title that starts with an ExecPlan ID must name the plan's own `id`.
 *
 * Off by default (the template says nothing of plan bodies); on in the `agentrules`
 * preset. Option `sections`: the `## …` headings required, in place of these five.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "rules": { "plan-sections": "error" } }
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * ---
 * # EP-20260406-001 - Webhook intake
 *
 * ## Purpose / Big Picture
 * ## Context and Orientation
 * ## Progress Log
 * ## Surprises and Discoveries
 * ## Decision log
 * ## Outcomes & Retrospective
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "rules": { "plan-sections": "error" } }
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * ---
 * # EP-20260406-002 - Webhook intake
 *
 * ## Purpose / Big Picture
 * ## Progress
 * ### Surprises & Discoveries
 * ## Decison Log
 * ## Progress
 * ```
 *
 * ```text output
 * 4:1  error  Required section heading "## Outcomes & Retrospective" is missing; add it.
 * 4:3  error  The title heading names EP-20260406-002, but the plan's `id` is EP-20260406-001; write `# EP-20260406-001 - <title>`.
 * 8:1  error  Required section heading "## Surprises & Discoveries" is missing; the heading "### Surprises & Discoveries" is at level 3: rename it to "## Surprises & Discoveries".
 * 9:1  error  Required section heading "## Decision Log" is missing; the heading "## Decison Log" looks like a misspelling of it: rename it to "## Decision Log".
 * 10:1  error  Section heading "## Progress" appears again; the first one is at line 7. Keep one: merge the two sections or remove this one.
 * ```
 */
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { lineOf, scanBody, type ScannedHeading } from "../src/source/body-scan.js";
import { CLI_PLAN_SECTIONS } from "../src/source/sections.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { didYouMean } from "../src/shared/suggest.js";
import { PLAN_ID } from "../src/tree/identity.js";

// a type, not an interface, so that it fits the engine's `Record<string, unknown>` options
type PlanSectionsOptions = { sections?: readonly string[] };

/** `Decision log`, `Surprises and Discoveries`: the same section, written another way. */
const sameName = (text: string): string => text.toLowerCase().replace(/\s+and\s+/g, " & ").replace(/\s+/g, " ").replace(/:$/, "").trim();

/** The heading is the section `name`, perhaps with words after it (`Progress Log`). */
const isSection = (heading: ScannedHeading, name: string): boolean =>
  [heading.raw, heading.plain].some((text) => sameName(text) === sameName(name) || sameName(text).startsWith(`${sameName(name)} `));

const shown = (h: ScannedHeading): string => `${"#".repeat(h.depth)} ${h.raw}`;

const ID_AT_START = /^(EP-\d{8}-\d{3})\b/;

function checkTitle(context: FileContext<PlanSectionsOptions>, headings: readonly ScannedHeading[], bodyStart: number): void {
  const title = headings.find((h) => h.depth === 1);
  if (!title) {
    context.report({ message: "ExecPlan has no `#` title heading; add `# <id> - <title>` before its first section.", at: bodyStart });
    return;
  }
  const named = ID_AT_START.exec(title.raw)?.[1];
  const id = stringValue(context.frontMatter, "id")?.value;
  if (named === undefined || id === undefined || !PLAN_ID.test(id) || named === id) return;
  context.report({
    message: `The title heading names ${named}, but the plan's \`id\` is ${id}; write \`# ${id} - <title>\`.`,
    at: { start: title.textRange.start, end: title.textRange.start + named.length },
  });
}

export const planSections: FileRule<PlanSectionsOptions> = {
  meta: {
    id: "plan-sections",
    description: "An ExecPlan has its title, `## Purpose / Big Picture` and the four living sections, once each",
    severity: "off",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("plan-sections"),
    optionsSchema: {
      type: "object",
      properties: { sections: { type: "array", minItems: 1, items: { type: "string", pattern: "^## [^ ]" } } },
      additionalProperties: false,
    },
    defaultOptions: { sections: CLI_PLAN_SECTIONS },
  },
  check(context) {
    const body = scanBody(context);
    const firstBlock = body.root.children.find((n) => n.type !== "yaml");
    const bodyStart = firstBlock?.position?.start.offset ?? context.frontMatter.close?.end ?? 0;
    checkTitle(context, body.headings, bodyStart);
    const wanted = (context.options.sections ?? CLI_PLAN_SECTIONS).map((h) => h.slice(3).trim());
    const taken = new Set<ScannedHeading>();
    const found = wanted.map((name) => {
      const all = body.headings.filter((h) => h.depth === 2 && isSection(h, name));
      for (const h of all) taken.add(h);
      return all;
    });
    wanted.forEach((name, i) => {
      const label = `## ${name}`;
      const [first, ...again] = found[i] ?? [];
      if (first) {
        for (const h of again) {
          context.report({
            message: `Section heading "${label}" appears again; the first one is at line ${lineOf(context, first.range.start)}. Keep one: merge the two sections or remove this one.`,
            at: h.range,
          });
        }
        return;
      }
      const free = body.headings.filter((h) => !taken.has(h) && h.depth > 1);
      const otherLevel = free.find((h) => isSection(h, name));
      const near = otherLevel ?? free.find((h) => h.depth === 2 && didYouMean(h.raw, [name]) !== undefined);
      if (near) {
        taken.add(near);
        const how = otherLevel ? `is at level ${near.depth}` : "looks like a misspelling of it";
        context.report({ message: `Required section heading "${label}" is missing; the heading "${shown(near)}" ${how}: rename it to "${label}".`, at: near.range });
        return;
      }
      context.report({ message: `Required section heading "${label}" is missing; add it.`, at: body.headings.find((h) => h.depth === 1)?.range ?? bodyStart });
    });
  },
};
