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

/** Where the line that starts at `i` ends, before its line ending: `\r\n`, a lone `\r` and `\n` all end a line, as in micromark. */
export function lineEndAt(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return i;
}

/** Where the next line starts, after the line that ends at `end`. */
export function nextLineAt(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
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
    const end = lineEndAt(text, line);
    if (end >= text.length) return undefined;
    line = nextLineAt(text, end);
    if (line >= text.length) return undefined;
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
    const end = lineEndAt(text, line);
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
    line = nextLineAt(text, end);
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
 * The blocks of the body, as [start, end) offsets: runs of lines between blank
 * lines. Inline syntax never spans a blank line, so each is looked at on its own.
 */
export function* blocks(text: string, from: number): Generator<[number, number]> {
  let start = -1;
  for (let line = from; line < text.length; ) {
    const end = lineEndAt(text, line);
    let blank = true;
    for (let i = line; i < end && blank; i++) {
      const c = text.charCodeAt(i);
      blank = c === 32 || c === 9;
    }
    if (!blank && start < 0) start = line;
    if (blank && start >= 0) {
      yield [start, line];
      start = -1;
    }
    line = nextLineAt(text, end);
  }
  if (start >= 0) yield [start, text.length];
}

/**
 * micromark looks for the end of a code span as far as the end of its paragraph, so
 * a ladder of backtick runs that never close (`` ` ``, ` `` `, …) costs runs × length:
 * 450 KB took 13.5 s. Past this many characters scanned, code span syntax is read
 * as text (≈ 0.6 s of scanning).
 */
const MAX_CODE_SPAN_SCAN = 10_000_000;

/**
 * The code spans of a block as micromark finds them, [start, end) each: a backtick
 * run closes at the next run of its length, and one with none is text. Also what
 * micromark scans to find them: from each opening run to its close, or to the
 * block's end.
 */
export function codeSpans(text: string, start: number, end: number): { spans: [number, number][]; cost: number } {
  const runs: { at: number; length: number }[] = [];
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== 96 /* ` */) continue;
    let j = i;
    while (j < end && text.charCodeAt(j) === 96) j++;
    runs.push({ at: i, length: j - i });
    i = j - 1;
  }
  const next: (number | undefined)[] = new Array(runs.length);
  const seen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const { length } = runs[i] as { length: number };
    next[i] = seen.get(length);
    seen.set(length, i);
  }
  const spans: [number, number][] = [];
  let cost = 0;
  for (let i = 0; i < runs.length; ) {
    const { at } = runs[i] as { at: number };
    const close = next[i];
    if (close === undefined) {
      cost += end - at;
      i++;
    } else {
      const closing = runs[close] as { at: number; length: number };
      cost += closing.at - at;
      spans.push([at, closing.at + closing.length]);
      i = close + 1;
    }
  }
  return { spans, cost };
}

/**
 * micromark reads `<!--`, `<![CDATA[`, `<!x` and `<?` in a paragraph as the start of
 * inline HTML and looks for its end (`-->`, `]]>`, `>`, `?>`) as far as the end of
 * the paragraph; when there is none, it goes on from the next character, so every
 * opener that never closes scans the rest of the paragraph: 20 000 `<!` took 21 s.
 * Past this many characters scanned, inline HTML is read as text.
 */
const MAX_HTML_SCAN = 10_000_000;

/** The end micromark looks for after an inline HTML opener at `i`, or undefined when `<` starts none of these. */
function htmlTerminator(text: string, i: number): string | undefined {
  const c = text.charCodeAt(i + 1);
  if (c === 63 /* ? */) return "?>";
  if (c !== 33 /* ! */) return undefined;
  if (text.startsWith("--", i + 2)) return "-->";
  if (text.startsWith("[CDATA[", i + 2)) return "]]>";
  const d = text.charCodeAt(i + 2) | 0x20;
  return d >= 97 && d <= 122 ? ">" : undefined;
}

/**
 * Whether micromark would scan more than MAX_CODE_SPAN_SCAN characters looking for the
 * ends of code spans, and more than MAX_HTML_SCAN looking for the ends of inline HTML:
 * one pass over the blocks for both, as the HTML scan skips the code spans.
 */
export function tooCostlyInline(text: string, from: number): { codeText: boolean; htmlText: boolean } {
  let codeCost = 0;
  let htmlCost = 0;
  // the next place of each end, searched again only once passed: one pass over the text for each
  const nextEnd = new Map<string, number>();
  const find = (terminator: string, i: number): number => {
    let at = nextEnd.get(terminator);
    if (at === undefined || (at >= 0 && at < i)) {
      at = text.indexOf(terminator, i);
      nextEnd.set(terminator, at);
    }
    return at;
  };
  const verdict = () => ({ codeText: codeCost > MAX_CODE_SPAN_SCAN, htmlText: htmlCost > MAX_HTML_SCAN });
  for (const [start, end] of blocks(text, from)) {
    const { spans, cost } = codeSpans(text, start, end);
    codeCost += cost;
    let span = 0;
    for (let i = text.indexOf("<", start); i >= 0 && i < end && htmlCost <= MAX_HTML_SCAN; i = text.indexOf("<", i + 1)) {
      while (span < spans.length && (spans[span] as [number, number])[1] <= i) span++;
      if (span < spans.length && (spans[span] as [number, number])[0] <= i) continue;
      const terminator = htmlTerminator(text, i);
      if (terminator === undefined) continue;
      const close = find(terminator, i + 2);
      if (close >= 0 && close + terminator.length <= end) {
        htmlCost += close - i;
        i = close + terminator.length - 1;
      } else htmlCost += end - i;
    }
    const { codeText, htmlText } = verdict();
    if (codeText && htmlText) break;
  }
  return verdict();
}
