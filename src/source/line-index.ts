import type { Range, Span } from "../shared/types.js";

/** Offsets ↔ 1-based line and column. `\r\n`, lone `\r` and `\n` all end a line, as in micromark. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] ?? 0;
  }

  /** Offset just past the last character of `line`, before its line ending. */
  lineEnd(line: number): number {
    if (line >= this.starts.length) return this.text.length;
    let end = this.lineStart(line + 1);
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The line and column of `offset`; an offset between the `\r` and the `\n` of a line ending is the line's end, not a column past it. */
  position(offset: number): { line: number; column: number } {
    let o = Math.min(Math.max(offset, 0), this.text.length);
    if (this.text.charCodeAt(o) === 10 && this.text.charCodeAt(o - 1) === 13) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 };
  }
}

/** A range of offsets as 1-based lines and columns. */
export function spanOf(lines: LineIndex, range: Range): Span {
  const start = lines.position(range.start);
  const end = lines.position(Math.max(range.end, range.start));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
