/**
 * What the board shows of a body: its checklist progress and its health table.
 * Read from the one shared walk (`body-scan.ts`) in phase one, where the body is
 * parsed already, so that no view has to read the file again.
 */
import type { RootContent } from "mdast";
import type { BodyScan } from "./body-scan.js";
import { nodeRange } from "./markdown.js";
import { tableRows } from "./table-cells.js";
import type { BodySummary } from "../shared/types.js";

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
