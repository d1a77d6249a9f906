/**
 * # execplan-finished
 *
 * A finished plan says so everywhere. A plan is finished when it sits in one of the
 * config's `plans.completed` folders, or when its status says so (`status: done` in
 * front matter, or a `Status: Completed` line above its first section). Then:
 *
 * - every `Progress` item is ticked: an unticked one (reported at the first, with
 *   the count) is work the plan claims and did not do. An item that says where its
 *   work went (`deferred`, `moved to …`, `split into …`, `dropped`, struck through),
 *   or that it was optional (`Optional: …`, `(optional)`), is not counted;
 * - `Outcomes & Retrospective` is written: not empty, and not only a placeholder or
 *   a note that it is still to come (`Pending.`, `(To be filled.)`, `Will be updated
 *   at completion.`, `Not yet implemented.`).
 *
 * A file with none of the skeleton's sections is no plan and is left alone.
 *
 * Options: `skeleton`, filled in from the config's `plans.skeleton`.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/completed/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [ ] XLSX export (deferred to plans/active/xlsx-export.md).
 * - [ ] Optional: a progress bar for exports over 10 MB.
 *
 * ## Outcomes & Retrospective
 *
 * Invoices export as CSV; XLSX waits for its own plan.
 * ```
 *
 * ## Invalid
 *
 * ### In a completed folder
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/completed/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [ ] Wire the export button.
 *
 * ## Outcomes & Retrospective
 *
 * (To be written at completion.)
 * ```
 *
 * ```text output
 * 4:3  error  This plan is finished (it is in a completed folder), but 1 of its Progress items is not ticked: tick it if it was done, or say where its work went ("deferred to …", "split into …").
 * 8:1  error  Section "## Outcomes & Retrospective" of this finished plan (it is in a completed folder) says the work is still to come: "(To be written at completion.)"; write what was achieved, what remains and what was learned.
 * ```
 *
 * ### Done by its status
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * ---
 * status: done
 * ---
 *
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 *
 * ## Outcomes & Retrospective
 * ```
 *
 * ```text output
 * 9:1  error  Section "## Outcomes & Retrospective" of this finished plan (its front matter says "done") is empty; write what was achieved, what remains and what was learned.
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { checklistIn } from "../src/source/checklist.js";
import { outcomesWritten, planStatus, saysDone, stillOpen } from "../src/source/plan-status.js";
import {
  SKELETON_OPTIONS,
  knownSection,
  looksLikePlan,
  readPlanSections,
  sectionHeadingLabel,
  skeletonOf,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

const QUOTED_MAX = 80;

export const execplanFinished: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-finished",
    description: "A finished plan (in a completed folder, or done by its status) has every Progress item ticked and its Outcomes written",
    severity: "error",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-finished"),
    lifecycle: "checklist",
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const sections = readPlanSections(context, skeletonOf(context));
    if (!looksLikePlan(sections)) return;
    const status = planStatus(context, sections.found[0]?.heading.range.start ?? context.file.text.length);
    const why =
      context.file.place.state === "completed" ? "it is in a completed folder" : status && saysDone(status) ? `its ${status.where} says ${quoteValue(status.value)}` : undefined;
    if (!why) return;

    const progress = knownSection(sections, "progress");
    const open = progress ? stillOpen(checklistIn(context, progress.heading.range.end, progress.end)) : [];
    const [first] = open;
    if (first) {
      const count = open.length === 1 ? "1 of its Progress items is" : `${open.length} of its Progress items are`;
      context.report({
        message: `This plan is finished (${why}), but ${count} not ticked${open.length > 1 ? ", the first one here" : ""}: tick ${open.length > 1 ? "each" : "it"} if it was done, or say where its work went ("deferred to …", "split into …").`,
        at: first.box,
      });
    }

    const outcomes = knownSection(sections, "outcomes");
    if (!outcomes) return;
    const label = sectionHeadingLabel(sections.skeleton, outcomes.section);
    const written = outcomesWritten(context, outcomes);
    if (written.state === "empty") {
      context.report({
        message: `Section ${quoteValue(label, Infinity)} of this finished plan (${why}) is empty; write what was achieved, what remains and what was learned.`,
        at: outcomes.heading.range,
      });
    } else if (written.state === "to come") {
      context.report({
        message: `Section ${quoteValue(label, Infinity)} of this finished plan (${why}) says the work is still to come: ${quoteValue(written.text, QUOTED_MAX)}; write what was achieved, what remains and what was learned.`,
        at: written.at,
      });
    }
  },
};
