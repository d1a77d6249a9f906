/**
 * # finished-work-ticked
 *
 * A file that says the work is finished does not keep a checklist that says it is not
 * (docs/format.md §8):
 * - a `completed` or `archived` milestone has no unticked item (`- [ ]`) under
 *   `## Definition of Done` or `## Workstreams & Tasks`, the checklists that
 *   `agentrules` writes (other sections, such as follow-ups, may list open items),
 *   nor a task still pending in the `Status` column of a table there, the
 *   template's form of that checklist (`⏳`, `planned`, `pending`, `todo`,
 *   `not started`, `in progress`; `⚠️`, `blocked` or `deferred` are left to the
 *   author);
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
 *
 * ### A status table that still says pending
 *
 * ```md active/webhook-intake/milestones/complete/MS002_retry-worker.md
 * ---
 * id: EP-20260406-001/MS002
 * execplan_id: EP-20260406-001
 * ms: 2
 * status: completed
 * ---
 *
 * ## Workstreams & Tasks
 *
 * | ID | Area | Description | Status |
 * |----|------|-------------|--------|
 * | A1 | Worker | Retry with backoff | ✅ |
 * | A2 | Docs | Replay runbook | ⏳ |
 * ```
 *
 * ```text output
 * 13:32  warning  Milestone is completed, but 1 of its 2 tasks is still marked "⏳" (Definition of Done, Workstreams & Tasks); mark done what was done, and move what was not to a follow-up or set `status` back to `in_progress`.
 * ```
 */
import type { FileContext, FileRule, Range } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { scanBody } from "../src/source/body-scan.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { nodeRange } from "../src/source/markdown.js";
import { tableRows } from "../src/source/table-cells.js";
import { quoteValue } from "../src/shared/quote.js";
import { CLOSED_MILESTONE, FINISHED_PLAN } from "../src/tree/lifecycle.js";

const MILESTONE_CHECKLISTS = ["Definition of Done", "Workstreams & Tasks"];
const PLAN_CHECKLISTS = ["Progress"];

/** `[ ]`, `[x]` or `[X]` at the start of an item, followed by a blank or the end of the line. */
const BOX = /^\[([ xX])\](?=[ \t\r\n]|$)/;

/** A `Status` cell of a task table that says the task is not done; `⚠️`, `blocked`, `deferred` are the author's call. */
const PENDING = /^(?:⏳|⌛|(?:planned|pending|todo|to[ -]do|not[ _-]started|in[ _-]progress)\b)/i;

/** One task: a task-list box, or a row of a table with a `Status` column. */
interface Box {
  ticked: boolean;
  at: Range;
  /** A table row's status, as written. */
  cell?: string;
}

/** The tasks under the `##` sections named `names` (their subsections included), in document order. */
function boxesUnder(context: FileContext, names: readonly string[], tables = false): Box[] {
  const body = scanBody(context);
  const text = context.file.text;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const ranges: Range[] = [];
  const top = body.headings.filter((h) => h.depth <= 2);
  top.forEach((h, i) => {
    if (h.depth !== 2 || !(wanted.has(h.raw.toLowerCase()) || wanted.has(h.plain.toLowerCase()))) return;
    ranges.push({ start: h.range.end, end: top[i + 1]?.range.start ?? text.length });
  });
  const inside = (at: number): boolean => ranges.some((r) => at >= r.start && at < r.end);
  const boxes: Box[] = [];
  for (const item of body.listItems) {
    const first = item.children[0];
    if (first?.type !== "paragraph") continue;
    const start = nodeRange(first).start;
    if (!inside(start)) continue;
    const m = BOX.exec(text.slice(start, start + 4));
    if (m) boxes.push({ ticked: m[1] !== " ", at: { start, end: start + 3 } });
  }
  // the template's checklist: a table per workstream, one row a task, its state in `Status`
  for (const paragraph of tables ? body.paragraphs : []) {
    const range = nodeRange(paragraph);
    if (!inside(range.start)) continue;
    const [header, ...rows] = tableRows(text, range);
    const column = header?.findIndex((c) => /^status$/i.test(c.text)) ?? -1;
    if (column < 0) continue;
    for (const row of rows) {
      const cell = row[column];
      if (cell && cell.text !== "") boxes.push({ ticked: !PENDING.test(cell.text), at: cell.range, cell: cell.text });
    }
  }
  return boxes.sort((a, b) => a.at.start - b.at.start);
}

/**
 * The first open task, and how many there are: "its one Progress item is not
 * ticked", "2 of its 5 checklist items are not ticked", "all 4 of its tasks are
 * still marked "⏳"" (a table's status, quoted as written, names them "tasks").
 */
function unticked(boxes: readonly Box[], itemNoun: string): { count: string; first: string; at: Range } | undefined {
  const open = boxes.filter((b) => !b.ticked);
  const first = open[0];
  if (!first) return undefined;
  const pending = open.find((b) => b.cell !== undefined)?.cell;
  const noun = boxes.some((b) => b.cell !== undefined) ? "task" : itemNoun;
  const state =
    pending === undefined ? "not ticked" : open.some((b) => b.cell === undefined) ? `not ticked or still marked ${quoteValue(pending)}` : `still marked ${quoteValue(pending)}`;
  const count =
    boxes.length === 1
      ? `its one ${noun} is`
      : open.length === boxes.length
        ? `all ${boxes.length} of its ${noun}s are`
        : `${open.length} of its ${boxes.length} ${noun}s ${open.length === 1 ? "is" : "are"}`;
  return { count: `${count} ${state}`, first: open.length > 1 ? ", this one first" : "", at: first.at };
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
      const open = CLOSED_MILESTONE.has(status) ? unticked(boxesUnder(context, MILESTONE_CHECKLISTS, true), "checklist item") : undefined;
      if (!open) return;
      const done = open.count.endsWith("not ticked") ? "tick what was done" : "mark done what was done";
      context.report({
        message: `Milestone is ${status}, but ${open.count} (${MILESTONE_CHECKLISTS.join(", ")})${open.first}; ${done}, and move what was not to a follow-up or set \`status\` back to \`in_progress\`.`,
        at: open.at,
      });
    } else {
      const open = FINISHED_PLAN.has(status) ? unticked(boxesUnder(context, PLAN_CHECKLISTS), "Progress item") : undefined;
      if (!open) return;
      context.report({
        message: `Plan is ${status}, but ${open.count}${open.first}; tick what was done, and split what was not into a follow-up plan or set \`status\` back to \`active\`.`,
        at: open.at,
      });
    }
  },
};
