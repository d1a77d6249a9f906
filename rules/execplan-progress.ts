/**
 * # execplan-progress
 *
 * A plan's `Progress` section is a checklist, the one place that says how far the
 * work is: each step a `- [ ] …` (to do) or `- [x] …` (done) item, a partly done
 * step kept open as `- [ ] … (completed: …; remaining: …)`. An item without a box in
 * a list of such steps is reported (an item that only groups checklist items under it
 * is fine, and a list with no box at all is notes, left alone), and so is a
 * `Progress` with no checklist at all.
 *
 * A repository whose rules document keeps Progress as a log instead (`2026-05-04 14:20
 * UTC - what was done`, no boxes; `plans.skeleton.checklist: false`, which `--init` sets
 * from `PLANS.md`) is not asked for a checklist.
 *
 * When the skeleton's own Progress items carry timestamps (`plans.skeleton.timestamps`,
 * which `--init` sets from `PLANS.md`), each ticked item says when it was done: a date
 * (`2025-10-01`, usually as `(2025-10-01 13:00Z)`) on its line. A plan that stamps none
 * of its ticked items is reported once, at the first. Off otherwise: only what the
 * repository asks for is required. A template placeholder where the date
 * belongs is `execplan-template-text`'s to report.
 *
 * Options: `skeleton`, filled in from the config's `plans.skeleton`.
 *
 * ## Valid
 *
 * ### A checklist with timestamps
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "skeleton": { "timestamps": true, "sections": [{ "heading": "Progress", "required": true }] } } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [x] (2026-03-03T09:15Z) Streamed the rows instead of building them in memory.
 * - [ ] Wire the export button (completed: the handler; remaining: the button).
 * - Release notes:
 *   - [ ] Say that exports are CSV now.
 * ```
 *
 * ### Progress kept as a log, as the rules document asks
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "skeleton": { "checklist": false, "sections": [{ "heading": "Progress", "required": true }] } } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - 2026-03-02 10:40 UTC - wrote the CSV writer - 1 GB of invoices in 40 s
 * ```
 *
 * ## Invalid
 *
 * ### A step without its time, a step without a box
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "skeleton": { "timestamps": true, "sections": [{ "heading": "Progress", "required": true }] } } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - [x] (2026-03-02 10:40Z) Wrote the CSV writer.
 * - [x] Streamed the rows instead of building them in memory.
 * - Wire the export button.
 * ```
 *
 * ```text output
 * 4:3  error  Ticked Progress item has no timestamp; start it with when it was done, e.g. "- [x] (2026-11-25 14:00Z) Streamed the rows instead of building them in memory.", as the skeleton does.
 * 5:1  error  Progress item "Wire the export button." has no checkbox; write it as "- [ ] …" (to do) or "- [x] …" (done).
 * ```
 *
 * ### No step stamped
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "skeleton": { "timestamps": true, "sections": [{ "heading": "Progress", "required": true }] } } }
 * ```
 *
 * ```md plans/csv-export.md
 * ## Progress
 *
 * - [x] Wrote the CSV writer.
 * - [x] Wired the export button.
 * - [ ] Say in the release notes that exports are CSV now.
 * ```
 *
 * ```text output
 * 3:3  error  None of the 2 ticked Progress items has a timestamp, the first one here; start each with when it was done, e.g. "- [x] (2026-11-25 14:00Z) Wrote the CSV writer.", as the skeleton does.
 * ```
 */
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { sectionChecklist } from "../src/source/checklist.js";
import { nodeRange } from "../src/source/markdown.js";
import {
  SKELETON_OPTIONS,
  knownSection,
  readPlanSections,
  sectionHeadingLabel,
  skeletonOf,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

/** A date on the item's line (`2025-10-01 13:00Z`, or ISO's `2025-10-01T13:00Z`), or the template's placeholder for one. */
const DATE = /\b\d{4}-\d{2}-\d{2}(?![\d-])|YYYY-MM-DD/;
/** The example ticked item: its timestamp and the first words of the item. */
const EXAMPLE_MAX = 84;

export const execplanProgress: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-progress",
    description: "A plan's Progress is a checklist; ticked items carry a timestamp when the skeleton's do",
    severity: "error",
    appliesTo: ["plan"],
    docsUrl: docsUrl("execplan-progress"),
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const sections = readPlanSections(context, skeletonOf(context));
    const progress = knownSection(sections, "progress");
    if (!progress || !sections.skeleton.checklist) return;
    const text = context.file.text;
    const { items, unboxed } = sectionChecklist(context, progress.heading.range.end, progress.end);
    const label = sectionHeadingLabel(sections.skeleton, progress.section);
    if (items.length === 0) {
      context.report({
        message: `Section ${quoteValue(label, Infinity)} has no checklist; list the plan's steps as "- [ ] …" items and tick each one ("- [x] …") when it is done.`,
        at: progress.heading.range,
      });
      return;
    }
    for (const item of unboxed) {
      const first = item.children[0];
      const { start } = nodeRange(item);
      const words = first ? (text.slice(nodeRange(first).start, nodeRange(first).end).split(/\r?\n|\r/)[0]?.trim() ?? "") : "";
      context.report({
        message: `Progress item ${quoteValue(words)} has no checkbox; write it as "- [ ] …" (to do) or "- [x] …" (done).`,
        at: { start, end: first ? nodeRange(first).start : start },
      });
    }
    if (!sections.skeleton.timestamps) return;
    const ticked = items.filter((item) => item.checked);
    const bare = ticked.filter((item) => !DATE.test(item.text));
    const [first] = bare;
    if (!first) return;
    const example = quoteValue(`- [x] (${context.today} 14:00Z) ${first.text}`, EXAMPLE_MAX);
    // a plan that stamps none of its steps is one habit, said once
    if (bare.length === ticked.length && bare.length > 1) {
      context.report({
        message: `None of the ${bare.length} ticked Progress items has a timestamp, the first one here; start each with when it was done, e.g. ${example}, as the skeleton does.`,
        at: first.box,
      });
      return;
    }
    for (const item of bare) {
      context.report({
        message: `Ticked Progress item has no timestamp; start it with when it was done, e.g. ${quoteValue(`- [x] (${context.today} 14:00Z) ${item.text}`, EXAMPLE_MAX)}, as the skeleton does.`,
        at: item.box,
      });
    }
  },
};
