/**
 * Checks of a Markdown body made before remark parses it, each one linear pass:
 * micromark's time is worse than linear in some constructs, and hostile files within
 * the size limit would otherwise take minutes. Each says what to turn off, or that
 * the body is not to be parsed at all.
 */

/** Thrown instead of parsing a body: `message` says why, for the person, and `offset` where. */
export class BodyNotParsed extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * More lines than this are not parsed: remark takes ≈ 0.25 ms a list item or heading,
 * so 512 KiB of them (120 000 lines) took 25 s. No plan comes near.
 */
const MAX_BODY_LINES = 10_000;

/** The body not parsed when it has more than MAX_BODY_LINES lines, reported at the first line past the limit. */
export function tooLong(text: string, from: number): BodyNotParsed | undefined {
  let line = from;
  for (let n = 0; n < MAX_BODY_LINES; n++) {
    const end = text.indexOf("\n", line);
    if (end < 0 || end + 1 >= text.length) return undefined;
    line = end + 1;
  }
  return new BodyNotParsed(
    line,
    `The Markdown after the front matter has more than ${MAX_BODY_LINES} lines, too many to parse in reasonable time: the Markdown of this file was not checked (its front matter was). Split the file.`,
  );
}

/**
 * Lists and block quotes nested deeper than this are not parsed: micromark's time
 * grows with the square of the containers open on a line (100 000 `> ` on one line,
 * 200 KB, took 90 s), and trees that deep overflow the stack of every recursive walk.
 */
const MAX_BODY_DEPTH = 100;

/**
 * An upper bound of the containers open on each line, in one linear pass, and the
 * first line where it exceeds MAX_BODY_DEPTH. A line opens one container per `>` or
 * list marker at its start, and stays inside list items of earlier lines whose
 * content starts at or before its own text. Those items' columns are all kept (a
 * lazy line does not close them), each at the least it can be, and the line's own
 * column taken at the most it can be (tabs as four columns), so the bound is safe.
 */
export function tooDeep(text: string, from: number): BodyNotParsed | undefined {
  const itemColumns = new Set<number>();
  for (let line = from; line < text.length; ) {
    let end = text.indexOf("\n", line);
    if (end < 0) end = text.length;
    let markers = 0;
    let least = 0; // the column, tabs counted as one
    let most = 0; // the column, tabs counted as four
    let reach: number | undefined; // items of earlier lines whose content starts up to here may go on
    const opened: number[] = [];
    for (let i = line; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 62 /* > */) {
        if (c === 62) markers++;
        least++;
        most += c === 9 ? 4 : 1;
        continue;
      }
      reach ??= most;
      const width = listMarkerWidth(text, i, end);
      if (width === 0) break;
      markers++;
      least += width;
      most += width;
      i += width - 1;
      opened.push(least + 1);
    }
    let depth = markers;
    for (const column of itemColumns) if (column <= (reach ?? most)) depth++;
    if (depth > MAX_BODY_DEPTH) {
      return new BodyNotParsed(
        line,
        `This line nests lists or block quotes more than ${MAX_BODY_DEPTH} levels deep (counting its \`>\` and list markers, and a level for every two columns of indentation), too deep to parse in reasonable time: the Markdown of this file was not checked (its front matter was). Flatten the nesting.`,
      );
    }
    for (const column of opened) itemColumns.add(column);
    line = end + 1;
  }
  return undefined;
}

/** The width of the list marker at `i` (`-`, `*`, `+`, `1.`, `12)` followed by a space, a tab or the end of the line), or 0. */
function listMarkerWidth(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
  const c = text.charCodeAt(j);
  const width = j > i ? (c === 46 || c === 41 ? j - i + 1 : 0) : c === 45 || c === 42 || c === 43 ? 1 : 0;
  if (width === 0) return 0;
  const after = i + width;
  const next = text.charCodeAt(after);
  return after >= end || next === 32 || next === 9 || next === 13 ? width : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * micromark matches emphasis delimiters in worse than quadratic time: 16 KB of `*_`
 * took 2.8 s, 64 KB 2 minutes. More delimiter runs in one block than any prose has
 * make the file parse with `*` and `_` read as text.
 */
const MAX_EMPHASIS_RUNS = 1000;

/**
 * The blocks of the body, as [start, end) offsets: runs of lines between blank
 * lines. Inline syntax never spans a blank line, so each is looked at on its own.
 */
function* blocks(text: string, from: number): Generator<[number, number]> {
  let start = -1;
  for (let line = from; line < text.length; ) {
    let end = text.indexOf("\n", line);
    if (end < 0) end = text.length;
    let blank = true;
    for (let i = line; i < end && blank; i++) {
      const c = text.charCodeAt(i);
      blank = c === 32 || c === 9 || c === 13;
    }
    if (!blank && start < 0) start = line;
    if (blank && start >= 0) {
      yield [start, line];
      start = -1;
    }
    line = end + 1;
  }
  if (start >= 0) yield [start, text.length];
}

/** Whether a block holds more than MAX_EMPHASIS_RUNS runs of `*` or `_`. */
export function tooManyEmphasisRuns(text: string, from: number): boolean {
  for (const [start, end] of blocks(text, from)) {
    let runs = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if ((c === 42 || c === 95) /* * _ */ && text.charCodeAt(i - 1) !== c && ++runs > MAX_EMPHASIS_RUNS) return true;
    }
  }
  return false;
}

/**
 * micromark looks for the end of a code span as far as the end of its paragraph, so
 * a ladder of backtick runs that never close (`` ` ``, ` `` `, …) costs runs × length:
 * 450 KB took 13.5 s. Past this many characters scanned, code span syntax is read
 * as text (≈ 0.6 s of scanning).
 */
const MAX_CODE_SPAN_SCAN = 10_000_000;

/** Whether micromark would scan more than MAX_CODE_SPAN_SCAN characters looking for the ends of code spans. */
export function tooCostlyCodeSpans(text: string, from: number): boolean {
  let cost = 0;
  for (const [start, end] of blocks(text, from)) {
    const runs: { at: number; length: number }[] = [];
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) !== 96 /* ` */) continue;
      let j = i;
      while (j < end && text.charCodeAt(j) === 96) j++;
      runs.push({ at: i, length: j - i });
      i = j - 1;
    }
    cost += scanCost(runs, end);
    if (cost > MAX_CODE_SPAN_SCAN) return true;
  }
  return false;
}

/** What micromark scans in one block: from each opening run to the next run of its length, or to the block's end. */
function scanCost(runs: { at: number; length: number }[], blockEnd: number): number {
  const next: (number | undefined)[] = new Array(runs.length);
  const seen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const { length } = runs[i] as { length: number };
    next[i] = seen.get(length);
    seen.set(length, i);
  }
  let cost = 0;
  for (let i = 0; i < runs.length; ) {
    const at = (runs[i] as { at: number }).at;
    const close = next[i];
    if (close === undefined) {
      cost += blockEnd - at;
      i++;
    } else {
      cost += (runs[close] as { at: number }).at - at;
      i = close + 1;
    }
  }
  return cost;
}
