/**
 * GFM pipe tables read from the raw text of a paragraph. The parse is CommonMark
 * only (no remark-gfm), so a table arrives as a paragraph of `|` lines; the body
 * rules need its cells with their offsets. Linear in the paragraph's length.
 */
import type { Range } from "../shared/types.js";

export interface Cell {
  /** The cell's content, trimmed. */
  text: string;
  range: Range;
}

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string, range: Range): Line[] {
  const lines: Line[] = [];
  let start = range.start;
  for (let i = range.start; i <= range.end; i++) {
    const c = i < range.end ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    lines.push({ start, end: i });
    if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < range.end) i++;
    start = i + 1;
  }
  return lines;
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

function splitCells(text: string, line: Line): Cell[] {
  let s = line.start;
  let e = line.end;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  if (text.charCodeAt(s) === 124 /* | */) s++;
  if (e > s && text.charCodeAt(e - 1) === 124 && text.charCodeAt(e - 2) !== 92 /* \ */) e--;
  const cells: Cell[] = [];
  const push = (from: number, to: number): void => {
    while (from < to && isBlank(text.charCodeAt(from))) from++;
    while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
    cells.push({ text: text.slice(from, to), range: { start: from, end: to } });
  };
  let cellStart = s;
  for (let j = s; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 124) {
      push(cellStart, j);
      cellStart = j + 1;
    }
  }
  push(cellStart, e);
  return cells;
}

function isDelimiterCell(cell: string): boolean {
  let s = cell.startsWith(":") ? 1 : 0;
  const e = cell.endsWith(":") && cell.length > s ? cell.length - 1 : cell.length;
  if (e <= s) return false;
  for (; s < e; s++) if (cell.charCodeAt(s) !== 45 /* - */) return false;
  return true;
}

/** Whether `text[start, end)`, one line, is a table's delimiter row (`| --- | :-: |`). */
export function isDelimiterRow(text: string, start: number, end: number): boolean {
  return text.slice(start, end).includes("-") && splitCells(text, { start, end }).every((c) => isDelimiterCell(c.text));
}

/** The body rows of every table in the paragraph at `range` (header row first), as cells. */
export function tableRows(text: string, range: Range): Cell[][] {
  const lines = linesOf(text, range);
  const rows: Cell[][] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i] as Line;
    const delimiter = lines[i + 1] as Line;
    if (!text.slice(header.start, header.end).includes("|")) continue;
    const delimiterCells = splitCells(text, delimiter);
    if (!delimiterCells.every((c) => isDelimiterCell(c.text))) continue;
    const headerCells = splitCells(text, header);
    if (headerCells.length !== delimiterCells.length) continue;
    rows.push(headerCells);
    let j = i + 2;
    for (; j < lines.length; j++) {
      const line = lines[j] as Line;
      if (!text.slice(line.start, line.end).includes("|")) break;
      rows.push(splitCells(text, line));
    }
    i = j - 1;
  }
  return rows;
}
