/**
 * # execplan-section-order
 *
 * A plan's sections come in its skeleton's order, the order the repository's
 * `PLANS.md` gives (several put `Outcomes & Retrospective` last). Sections a plan
 * adds of its own may stand anywhere, and so may what the skeleton leaves out. The
 * fewest sections that explain the disorder are reported (one moved section is one
 * report), each saying which section it must come before or after. A warning: the
 * plan still says everything, in an order a reader does not expect.
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
 * ## Milestones
 *
 * ## Surprises & Discoveries
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
 * ## Decision Log
 *
 * ## Outcomes & Retrospective
 *
 * ## Surprises & Discoveries
 * ```
 *
 * ```text output
 * 7:1  warning  Section "## Surprises & Discoveries" is out of order: it must come before "## Decision Log" (line 3), as in the skeleton.
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { lineOf } from "../src/source/body-scan.js";
import { movesInOrder } from "../src/shared/order.js";
import {
  SKELETON_OPTIONS,
  readPlanSections,
  sectionHeadingLabel,
  skeletonOf,
  type PlanSection,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

export const execplanSectionOrder: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-section-order",
    description: "A plan's sections come in its skeleton's order",
    severity: "warn",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-section-order"),
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const sections = readPlanSections(context, skeletonOf(context));
    const label = (f: PlanSection) => quoteValue(sectionHeadingLabel(sections.skeleton, f.section), Infinity);
    for (const { item, where, other } of movesInOrder(sections.found, (f) => f.section)) {
      context.report({
        message: `Section ${label(item)} is out of order: it must come ${where} ${label(other)} (line ${lineOf(context, other.heading.range.start)}), as in the skeleton.`,
        at: item.heading.range,
      });
    }
  },
};
