/**
 * # finished-work-ticked
 *
 * A file that says the work is finished does not keep a checklist that says it is not
 * (docs/format.md §8):
 * - a `completed` or `archived` milestone has no unticked item (`- [ ]`) under
 *   `## Definition of Done` or `## Workstreams & Tasks`, the checklists that
 *   `agentrules` writes (other sections, such as follow-ups, may list open items);
 * - a `done` or `archived` plan has no unticked item under `## Progress`.
 *
 * Reported once a file, at the first unticked item, with how many there are. A
 * warning: either the boxes were not ticked, or the status was set too early.
 *
 * ## Valid
 *
 * ```md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 *
 * ## Definition of Done
 *
 * - [x] Each provider's signature scheme is checked on the raw body.
 * - [x] Failed checks answer 401.
 *
 * ## Deferred / Follow-ups
 *
 * - [ ] Verify the trial providers once they go live.
 * ```
 *
 * ## Invalid
 *
 * ```md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 *
 * ## Definition of Done
 *
 * - [x] Each provider's signature scheme is checked on the raw body.
 * - [ ] The runbook says how to rotate a signing secret.
 *
 * ## Workstreams & Tasks
 *
 * - [x] Verifiers
 * - [ ] Runbook
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: done
 * ---
 *
 * ## Progress
 *
 * - [x] (2026-04-08) Intake endpoint.
 * - [ ] Retries: policy written, worker not wired.
 * ```
 *
 * ```text output
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:9:3  warning  Plan is done, but 1 of its 2 Progress items is not ticked; tick what was done, and split what was not into a follow-up plan or set `status` back to `active`.
 * active/webhook-intake/milestones/complete/MS001_signature-check.md:11:3  warning  Milestone is completed, but 2 of its 4 checklist items are not ticked (Definition of Done, Workstreams & Tasks), this one first; tick what was done, and move what was not to a follow-up or set `status` back to `in_progress`.
 * ```
 */
import type { FileContext, FileRule, Range } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { scanBody } from "../src/source/body-scan.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { nodeRange } from "../src/source/markdown.js";
import { CLOSED_MILESTONE, FINISHED_PLAN } from "../src/tree/lifecycle.js";

const MILESTONE_CHECKLISTS = ["Definition of Done", "Workstreams & Tasks"];
const PLAN_CHECKLISTS = ["Progress"];

/** `[ ]`, `[x]` or `[X]` at the start of an item, followed by a blank or the end of the line. */
const BOX = /^\[([ xX])\](?=[ \t\r\n]|$)/;

interface Box {
  ticked: boolean;
  at: Range;
}

/** The task-list boxes of the items under the `##` sections named `names` (their subsections included). */
function boxesUnder(context: FileContext, names: readonly string[]): Box[] {
  const body = scanBody(context);
  const text = context.file.text;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const ranges: Range[] = [];
  const top = body.headings.filter((h) => h.depth <= 2);
  top.forEach((h, i) => {
    if (h.depth !== 2 || !(wanted.has(h.raw.toLowerCase()) || wanted.has(h.plain.toLowerCase()))) return;
    ranges.push({ start: h.range.end, end: top[i + 1]?.range.start ?? text.length });
  });
  const boxes: Box[] = [];
  for (const item of body.listItems) {
    const first = item.children[0];
    if (first?.type !== "paragraph") continue;
    const start = nodeRange(first).start;
    if (!ranges.some((r) => start >= r.start && start < r.end)) continue;
    const m = BOX.exec(text.slice(start, start + 4));
    if (m) boxes.push({ ticked: m[1] !== " ", at: { start, end: start + 3 } });
  }
  return boxes;
}

/** The first unticked box, and how many there are: "its one Progress item is", "2 of its 5 Progress items are", "all 4 of its … are". */
function unticked(boxes: readonly Box[], noun: string): { count: string; first: string; at: Range } | undefined {
  const open = boxes.filter((b) => !b.ticked);
  const first = open[0];
  if (!first) return undefined;
  const count =
    boxes.length === 1
      ? `its one ${noun} is`
      : open.length === boxes.length
        ? `all ${boxes.length} of its ${noun}s are`
        : `${open.length} of its ${boxes.length} ${noun}s ${open.length === 1 ? "is" : "are"}`;
  return { count, first: open.length > 1 ? ", this one first" : "", at: first.at };
}

export const finishedWorkTicked: FileRule = {
  meta: {
    id: "finished-work-ticked",
    description: "A finished milestone's checklists and a finished plan's Progress have no unticked items",
    severity: "warn",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("finished-work-ticked"),
    lifecycle: "checklist",
  },
  check(context) {
    const status = stringValue(context.frontMatter, "status")?.value;
    if (status === undefined) return;
    if (context.file.place.kind === "milestone") {
      const open = CLOSED_MILESTONE.has(status) ? unticked(boxesUnder(context, MILESTONE_CHECKLISTS), "checklist item") : undefined;
      if (!open) return;
      context.report({
        message: `Milestone is ${status}, but ${open.count} not ticked (${MILESTONE_CHECKLISTS.join(", ")})${open.first}; tick what was done, and move what was not to a follow-up or set \`status\` back to \`in_progress\`.`,
        at: open.at,
      });
    } else {
      const open = FINISHED_PLAN.has(status) ? unticked(boxesUnder(context, PLAN_CHECKLISTS), "Progress item") : undefined;
      if (!open) return;
      context.report({
        message: `Plan is ${status}, but ${open.count} not ticked${open.first}; tick what was done, and split what was not into a follow-up plan or set \`status\` back to \`active\`.`,
        at: open.at,
      });
    }
  },
};
