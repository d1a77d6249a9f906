/**
 * # execplan-template-text
 *
 * Nothing of the skeleton's placeholder text is left in a plan: the timestamp
 * placeholder (`(YYYY-MM-DD HH:MMZ)`), an entry whose value is still the template's
 * (`- Observation: …`, `Evidence: ...`, `Date/Author: (to be filled)`,
 * `Rationale: <why>`), the partly-done example `(completed: X; remaining: Y)`, and a
 * title that is still `# <Short, action-oriented description>`. Each is reported
 * where it stands. Text in code spans and code blocks is left alone: a plan may quote
 * the template on purpose.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Decision Log
 *
 * - Decision: Stream the CSV instead of building it in memory.
 *   Rationale: Exports reach 200 MB.
 *   Date/Author: 2026-03-02, @dana
 *
 * Entries read `- Decision: …` in `PLANS.md`.
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - [x] (YYYY-MM-DD HH:MMZ) Wrote the CSV writer.
 *
 * ## Surprises & Discoveries
 *
 * - Observation: …
 *   Evidence: …
 * ```
 *
 * ```text output
 * 3:7  error  Template placeholder "(YYYY-MM-DD HH:MMZ)" is still here; write when it happened, e.g. "(2026-11-25 14:00Z)".
 * 7:16  error  "Observation:" still holds the template's placeholder "…"; write the observation, or remove the entry.
 * 8:13  error  "Evidence:" still holds the template's placeholder "…"; write the evidence, or remove the entry.
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { insideAny, scanBody } from "../src/source/body-scan.js";

/** The timestamp placeholder, with its parentheses when it has them. */
const TIMESTAMP = /\(?YYYY-MM-DD(?:[ T]HH:MM(?::SS)?Z?)?\)?/g;
const PARTLY_DONE = "(completed: X; remaining: Y)";
/** `- **Evidence:** …` on a line of its own: a label of the practice's entries, then only a placeholder. */
const ENTRY =
  /^([ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?)(Observation|Evidence|Decision|Rationale|Date\/Author|Date|Author|Impact|Outcome|Lesson)(?:\*\*|__)?[ \t]*:(?:[ \t]*(?:\*\*|__))?[ \t]*(…|\.\.\.|\((?:to be filled(?: in)?|fill in|tbd)\)|<[^<>\r\n]*>)[ \t]*$/gim;
/** A title that is nothing but a placeholder in angle brackets. */
const TITLE_PLACEHOLDER = /^<[^<>]+>$/;

export const execplanTemplateText: FileRule<Record<string, never>, PlanPlace> = {
  meta: {
    id: "execplan-template-text",
    description: "No placeholder text of the skeleton left in a plan (`(YYYY-MM-DD HH:MMZ)`, `- Observation: …`, `Date/Author: (to be filled)`)",
    severity: "error",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-template-text"),
  },
  check(context) {
    const text = context.file.text;
    const { codeRanges, headings } = scanBody(context);
    const from = context.frontMatter.close?.end ?? 0;
    const inCode = (at: number) => insideAny(codeRanges, at);
    const body = text.slice(from);

    for (const m of body.matchAll(TIMESTAMP)) {
      const at = from + m.index;
      if (inCode(at + (m[0].startsWith("(") ? 1 : 0))) continue;
      context.report({
        message: `Template placeholder ${quoteValue(m[0])} is still here; write when it happened, e.g. "(${context.today} 14:00Z)".`,
        at: { start: at, end: at + m[0].length },
      });
    }
    for (let i = body.indexOf(PARTLY_DONE); i >= 0; i = body.indexOf(PARTLY_DONE, i + PARTLY_DONE.length)) {
      const at = from + i;
      if (inCode(at + 1)) continue;
      context.report({
        message: `Template placeholder "${PARTLY_DONE}" is still here; say what was completed and what remains.`,
        at: { start: at, end: at + PARTLY_DONE.length },
      });
    }
    for (const m of body.matchAll(ENTRY)) {
      const [, lead = "", label = "", value = ""] = m;
      const at = from + m.index + m[0].lastIndexOf(value);
      if (inCode(from + m.index + lead.length)) continue;
      const what = label === "Date/Author" ? "the date and who decided" : `the ${label.toLowerCase()}`;
      context.report({
        message: `${quoteValue(`${label}:`)} still holds the template's placeholder ${quoteValue(value)}; write ${what}, or remove the entry.`,
        at: { start: at, end: at + value.length },
      });
    }
    for (const heading of headings) {
      if (heading.depth !== 1 || !TITLE_PLACEHOLDER.test(heading.raw)) continue;
      context.report({
        message: `The title is still the template's placeholder ${quoteValue(heading.raw, Infinity)}; say in a few words what the plan does.`,
        at: heading.textRange,
      });
    }
  },
};
