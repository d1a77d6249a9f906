/**
 * # execplan-section-duplicate
 *
 * Each section of the skeleton appears once in a plan: a second `## Progress`
 * splits the plan's state in two, and a reader (or an agent) updates one and trusts
 * the other. The second and later headings with the same wording are reported, with
 * the line of the first. Two different wordings of one section (`## Purpose` and
 * `## Big Picture`) are left alone: a plan may mean two sections by them.
 *
 * Options: `skeleton`, filled in from the config's `plans.skeleton`.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [ ] Wire the export button.
 *
 * ## Decision Log
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
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 *
 * ## Decision Log
 *
 * ## Progress
 *
 * - [ ] Wire the export button.
 * ```
 *
 * ```text output
 * 7:1  error  Section "## Progress" appears again; the first one is at line 1. Keep one: merge the two sections.
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { lineOf } from "../src/source/body-scan.js";
import {
  SKELETON_OPTIONS,
  headingKey,
  readPlanSections,
  sectionHeadingLabel,
  skeletonOf,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

export const execplanSectionDuplicate: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-section-duplicate",
    description: "Each section of the skeleton appears once in a plan",
    severity: "error",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-section-duplicate"),
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const sections = readPlanSections(context, skeletonOf(context));
    const first = new Map<string, number>();
    for (const { section, heading } of sections.found) {
      const key = `${section}\u0000${headingKey(heading.plain)}`;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, heading.range.start);
        continue;
      }
      context.report({
        message: `Section ${quoteValue(sectionHeadingLabel(sections.skeleton, section), Infinity)} appears again; the first one is at line ${lineOf(context, seen)}. Keep one: merge the two sections.`,
        at: heading.range,
      });
    }
  },
};
