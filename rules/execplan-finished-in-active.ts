/**
 * # execplan-finished-in-active
 *
 * A finished plan does not stay among the active ones. In a repository that keeps
 * `active/` and `completed/` folders (the config's `plans.active` and
 * `plans.completed`), a plan in an active folder is reported when its status says
 * it is done (`status: done`, `Status: Completed`), or when every item of its
 * `Progress` is ticked (an item that says where its work went, `deferred` or
 * `split into …`, counts as closed). A warning: the last item may have been ticked
 * a minute ago. The `git mv` that files it is suggested when both are plain folders
 * (a plan's own folder moves with it when plans have one each).
 *
 * Options: `skeleton`, filled in from the config's `plans.skeleton`.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "active": ["plans/active/"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/active/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [ ] Wire the export button.
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "active": ["plans/active/"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/active/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [x] (2026-03-03 09:15Z) Wired the export button.
 *
 * ## Outcomes & Retrospective
 * ```
 *
 * ```text output
 * 1:1  warning  Every Progress item of this plan is ticked, but it is still in an active folder: once its Outcomes & Retrospective is written, move it to the completed plans.
 *   → mkdir -p -- plans/completed && git mv -- plans/active/csv-export.md plans/completed/csv-export.md
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { gitMvPath } from "../src/tree/git-mv.js";
import { sectionChecklist } from "../src/source/checklist.js";
import { outcomesWritten, planStatus, saysDone, stillOpen } from "../src/source/plan-status.js";
import {
  SKELETON_OPTIONS,
  knownSection,
  looksLikePlan,
  readPlanSections,
  skeletonOf,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

export const execplanFinishedInActive: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-finished-in-active",
    description: "A plan that is done (by its status, or with every Progress item ticked) is not left in an active folder",
    severity: "warn",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-finished-in-active"),
    lifecycle: "place",
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const { place } = context.file;
    if (place.state !== "active") return;
    const sections = readPlanSections(context, skeletonOf(context));
    if (!looksLikePlan(sections)) return;
    const suggestion = place.finish && gitMvPath(context.file, place.finish.from, place.finish.to);
    const move = suggestion ? { suggestion } : {};
    const status = planStatus(context, sections.found[0]?.heading.range.start ?? context.file.text.length);
    if (status && saysDone(status)) {
      context.report({
        message: `This plan's ${status.where} says ${quoteValue(status.value)}, but it is still in an active folder: move it to the completed plans.`,
        at: status.range,
        ...move,
      });
      return;
    }
    const progress = knownSection(sections, "progress");
    if (!progress) return;
    const { items, unboxed } = sectionChecklist(context, progress.heading.range.end, progress.end);
    // a step written without a box is a step the plan has not ticked
    if (items.length === 0 || unboxed.length > 0 || stillOpen(items).length > 0) return;
    const outcomes = knownSection(sections, "outcomes");
    const unwritten = outcomes && outcomesWritten(context, outcomes).state !== "written";
    context.report({
      message: `Every Progress item of this plan is ticked, but it is still in an active folder: ${unwritten ? `once its ${outcomes.heading.raw} is written, move it` : "move it"} to the completed plans.`,
      at: progress.heading.range,
      ...move,
    });
  },
};
