/**
 * What the board shows of a body: its checklist progress and its health table, and
 * for a plan of the PLANS.md practice its title, status, Progress and outcomes.
 * Read from the one shared walk (`body-scan.ts`) in phase one, where the body is
 * parsed already (a plan's sections as the rules read them, from their memo), so
 * that no view has to read the file again.
 */
import type { RootContent } from "mdast";
import type { BodyScan } from "./body-scan.js";
import { sectionChecklist } from "./checklist.js";
import { nodeRange } from "./markdown.js";
import { knownSection, looksLikePlan, readPlanSections } from "./plan-sections.js";
import { outcomesWritten, planStatus, saysDone } from "./plan-status.js";
import { tableRows } from "./table-cells.js";
import type { AnyFileContext, BodySummary, PlanBodySummary, Skeleton } from "../shared/types.js";

/** GFM's task list marker at the start of an item's first paragraph (the parse is CommonMark only, so it is text). */
const TASK = /^\[([ xX])\](?=[ \t\r\n]|$)/;
const HEALTH = /^current health snapshot$/i;
/** A summary is data carried through workers and the cache: a hostile table must not make it large. */
const MAX_ROWS = 20;
const MAX_CELL = 200;

/** `checked` for each task item in document order: true ticked, false open. */
export function taskItems(scan: BodyScan, text: string): boolean[] {
  const out: boolean[] = [];
  for (const item of scan.listItems) {
    const first = item.children[0];
    if (first?.type !== "paragraph") continue;
    const { start } = nodeRange(first);
    const m = TASK.exec(text.slice(start, start + 4));
    if (m) out.push(m[1] !== " ");
  }
  return out;
}

const cell = (s: string): string => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);

/** The first table between the `## Current Health Snapshot` heading and the next heading of its level or above. */
function healthTable(scan: BodyScan, text: string): BodySummary["health"] {
  const heading = scan.headings.find((h) => h.depth === 2 && HEALTH.test(h.plain));
  if (!heading) return undefined;
  const siblings = scan.root.children;
  const from = siblings.indexOf(heading.node);
  if (from < 0) return undefined;
  for (const node of siblings.slice(from + 1) as RootContent[]) {
    if (node.type === "heading" && node.depth <= 2) break;
    if (node.type !== "paragraph") continue;
    const [header, ...rows] = tableRows(text, nodeRange(node));
    if (!header) continue;
    return {
      columns: header.map((c) => cell(c.text)),
      rows: rows.slice(0, MAX_ROWS).map((r) => r.map((c) => cell(c.text))),
    };
  }
  return undefined;
}

export function bodySummary(scan: BodyScan, text: string): BodySummary {
  const tasks = taskItems(scan, text);
  const health = healthTable(scan, text);
  return { tasks: { done: tasks.filter(Boolean).length, total: tasks.length }, ...(health ? { health } : {}) };
}

/** A timestamp's date: `(2026-03-02 10:40Z)` → `2026-03-02`. */
const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;
/** A day that exists: `2026-02-30` is a typo, not the latest activity. */
function realDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  // Date rolls 2026-02-30 over to March: a real day comes back as itself
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

/**
 * A plan's title, status, Progress boxes, last timestamp and outcomes, read against
 * `skeleton` as the `execplan-*` rules read them (the same memoised sections);
 * undefined for a file with none of the skeleton's sections, which is no plan.
 */
export function planBodySummary(context: AnyFileContext, skeleton: Skeleton): PlanBodySummary | undefined {
  const sections = readPlanSections(context, skeleton);
  if (!looksLikePlan(sections)) return undefined;
  const out: PlanBodySummary = {};
  if (sections.title && sections.title.plain !== "") out.title = cell(sections.title.plain);
  const status = planStatus(context, sections.found[0]?.heading.range.start ?? context.file.text.length);
  if (status) out.status = { value: cell(status.value), from: status.where, done: saysDone(status) };
  const progress = knownSection(sections, "progress");
  if (progress) {
    // a step written without a box is one the plan has not ticked, as `execplan-finished-in-active` counts it
    const { items, unboxed } = sectionChecklist(context, progress.heading.range.end, progress.end);
    out.progress = { done: items.filter((i) => i.checked).length, total: items.length + unboxed.length };
    if (skeleton.timestamps) {
      const days = items.flatMap((i) => (i.checked ? (DATE.exec(i.text)?.slice(1, 2) ?? []) : [])).filter(realDay);
      const last = days.sort().pop();
      if (last !== undefined) out.lastActivity = last;
    }
  }
  const outcomes = knownSection(sections, "outcomes");
  if (outcomes) out.outcomes = outcomesWritten(context, outcomes).state;
  return out;
}
