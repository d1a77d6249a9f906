/**
 * The top-level keys of front matter written in the plain shape nearly every
 * milestone has — `key: value` lines of plain or quoted scalars, one-line flow lists,
 * a block list or a map of scalars one level down — read in one pass over its lines,
 * with the values and positions `yaml` gives them. The whole-tree index reads every
 * file of the tree this way (for a 10 000-milestone tree, `yaml` itself takes about
 * 100 µs a file, 1 s in all). Anything else — comments, anchors, tags, block
 * scalars, escapes, continuation lines, numbers other than plain integers, duplicate
 * keys, odd characters — gives undefined, and the caller asks `yaml` (front-matter.ts).
 * test/simple-front-matter.test.ts holds this to `yaml`'s answers, positions included.
 */
import type { IndexedKey, Range, Span } from "../shared/types.js";

/** Characters `yaml` may treat otherwise than as text: controls, tabs, lone CR, BOM, line and paragraph separators. */
const ODD = /[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;
/** A surrogate, and one that is not half of a pair (a text given as a string may hold one; decoded UTF-8 never does). */
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Keys that `yaml` reads as null or a boolean, or that `toJS` treats apart. */
const RESERVED_KEYS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "__proto__"]);
/** Characters that cannot start a plain scalar (YAML's indicators). */
const INDICATORS = new Set("-?:,[]{}#&*!|>'\"%@`");
/** Characters a plain list item may not hold at all. */
const FLOW_UNSAFE = /[#:[\]{}"']/;
const INTEGER = /^[0-9]{1,15}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** What YAML 1.2's core schema might read as a number or something else that is not a string. */
const MAYBE_NUMBER = /^[-+.0-9]/;

/** A plain scalar's value under the core schema, or undefined when it is not sure to be what this says. */
function plainValue(text: string): { data: unknown } | undefined {
  switch (text) {
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return { data: null };
    case "true":
    case "True":
    case "TRUE":
      return { data: true };
    case "false":
    case "False":
    case "FALSE":
      return { data: false };
  }
  if (INTEGER.test(text)) return { data: Number(text) };
  if (MAYBE_NUMBER.test(text) && !DATE.test(text)) return undefined;
  return { data: text };
}

interface Line {
  start: number;
  /** Before its line ending. */
  end: number;
  /** Where the next line starts. */
  next: number;
  /** Leading spaces. */
  indent: number;
  /** 1-based, in the file. */
  number: number;
}

const isBlank = (line: Line): boolean => line.start + line.indent === line.end;

/** A scalar on one line: its value, and where it ends. */
interface Scalar {
  data: unknown;
  end: number;
}

/** Spaces only from `from` to `to`. */
function spacesOnly(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (t.charCodeAt(i) !== 32) return false;
  return true;
}

/** A quoted scalar that starts at `at` and closes before `end`: `"…"` without escapes, or `'…'`. */
function quoted(t: string, at: number, end: number): Scalar | undefined {
  if (t[at] === '"') {
    const close = t.indexOf('"', at + 1);
    if (close < 0 || close >= end) return undefined;
    const backslash = t.indexOf("\\", at + 1);
    if (backslash >= 0 && backslash < close) return undefined;
    return { data: t.slice(at + 1, close), end: close + 1 };
  }
  let data = "";
  let from = at + 1;
  for (;;) {
    const close = t.indexOf("'", from);
    if (close < 0 || close >= end) return undefined;
    data += t.slice(from, close);
    if (t[close + 1] !== "'" || close + 1 >= end) return { data, end: close + 1 };
    data += "'";
    from = close + 2;
  }
}

/** A scalar from `at` to the end of its line (trailing spaces aside): quoted, or plain as a block value. */
function blockScalar(t: string, line: Line, at: number): Scalar | undefined {
  const c = t[at] ?? "";
  if (c === '"' || c === "'") {
    const q = quoted(t, at, line.end);
    return q && spacesOnly(t, q.end, line.end) ? q : undefined;
  }
  let end = line.end;
  while (end > at && t.charCodeAt(end - 1) === 32) end--;
  if (end === at || INDICATORS.has(c)) return undefined;
  const text = t.slice(at, end);
  if (text.includes("#") || text.includes(": ") || text.endsWith(":")) return undefined;
  const value = plainValue(text);
  return value && { data: value.data, end };
}

/** `[a, "b", c]` from `at` to the end of its line: its items and where each ends, or undefined. */
function flowList(t: string, line: Line, at: number): { data: unknown[]; items: Range[]; end: number } | undefined {
  const close = t.lastIndexOf("]", line.end - 1);
  if (close < at || !spacesOnly(t, close + 1, line.end)) return undefined;
  const data: unknown[] = [];
  const items: Range[] = [];
  let i = at + 1;
  const skipSpaces = () => {
    while (t.charCodeAt(i) === 32) i++;
  };
  skipSpaces();
  if (i === close) return { data, items, end: close + 1 };
  for (;;) {
    const c = t[i] ?? "";
    let item: Scalar | undefined;
    if (c === '"' || c === "'") item = quoted(t, i, close);
    else {
      let end = i;
      while (end < close && t.charCodeAt(end) !== 44) end++;
      while (end > i && t.charCodeAt(end - 1) === 32) end--;
      const text = t.slice(i, end);
      if (text === "" || INDICATORS.has(c) || FLOW_UNSAFE.test(text)) return undefined;
      const value = plainValue(text);
      item = value && { data: value.data, end };
    }
    if (!item) return undefined;
    data.push(item.data);
    items.push({ start: i, end: item.end });
    i = item.end;
    skipSpaces();
    if (i === close) return { data, items, end: close + 1 };
    if (t[i] !== ",") return undefined;
    i++;
    skipSpaces();
    // a trailing comma, or an empty item
    if (i === close || t[i] === ",") return undefined;
  }
}

function linesOf(t: string, content: Range): Line[] {
  // the line the YAML starts on: the fence's and any blank lines before it, as LineIndex counts them
  let number = 1;
  for (let i = 0; i < content.start; i++) {
    const c = t.charCodeAt(i);
    if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) number++;
  }
  const lines: Line[] = [];
  for (let start = content.start; start < content.end; number++) {
    let nl = t.indexOf("\n", start);
    if (nl < 0 || nl >= content.end) nl = content.end;
    const end = nl > start && t.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let indent = 0;
    while (start + indent < end && t.charCodeAt(start + indent) === 32) indent++;
    const next = Math.min(nl + 1, content.end);
    lines.push({ start, end, next, indent, number });
    start = next;
  }
  return lines;
}

/** A key at `at` on its line: `name:` followed by spaces or the line's end. */
function keyAt(t: string, line: Line, at: number): { name: string; end: number; value: number } | undefined {
  let i = at;
  const first = t.charCodeAt(i);
  // A-Z, _, a-z
  if (!((first >= 65 && first <= 90) || first === 95 || (first >= 97 && first <= 122))) return undefined;
  for (i++; i < line.end; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122) || c === 45)) break;
  }
  if (t.charCodeAt(i) !== 58 || i >= line.end) return undefined;
  const end = i;
  i++;
  if (i < line.end && t.charCodeAt(i) !== 32) return undefined;
  while (i < line.end && t.charCodeAt(i) === 32) i++;
  const name = t.slice(at, end);
  return RESERVED_KEYS.has(name) ? undefined : { name, end, value: i };
}

/**
 * Spans handed out, one frozen object for each position: the files of a tree mostly
 * have the same keys on the same lines, and the index of 10 000 files would otherwise
 * hold ≈ 600 000 spans, nearly half its memory. Emptied when it grows past SPANS_MAX
 * (a long-lived caller meets ever new positions).
 */
const spans = new Map<number, Map<number, Span>>();
let spanCount = 0;
const SPANS_MAX = 1 << 16;
/** Lines and columns past this are not shared (a front matter this long is rare): 2^20 each keeps a key exact. */
const POSITION_MAX = 1 << 20;

function sharedSpan(line: number, column: number, endLine: number, endColumn: number): Span {
  if (line >= POSITION_MAX || column >= POSITION_MAX || endLine >= POSITION_MAX || endColumn >= POSITION_MAX) return { line, column, endLine, endColumn };
  const from = line * POSITION_MAX + column;
  const to = endLine * POSITION_MAX + endColumn;
  let byEnd = spans.get(from);
  const known = byEnd?.get(to);
  if (known) return known;
  if (spanCount >= SPANS_MAX) {
    spans.clear();
    spanCount = 0;
    byEnd = undefined;
  }
  if (!byEnd) spans.set(from, (byEnd = new Map()));
  const span = Object.freeze({ line, column, endLine, endColumn });
  byEnd.set(to, span);
  spanCount++;
  return span;
}

/** The span of `start`–`end`, both on `line`. */
const spanOn = (line: Line, start: number, end: number): Span => sharedSpan(line.number, start - line.start + 1, line.number, end - line.start + 1);

/** The span of a block collection: from `start` on `first` to after the line of its last value, or to that value when it is empty. */
function blockSpan(first: Line, start: number, last: Line, lastValue: Span): Span {
  const empty = lastValue.column === lastValue.endColumn && lastValue.line === lastValue.endLine;
  return sharedSpan(first.number, start - first.start + 1, empty ? lastValue.endLine : last.number + 1, empty ? lastValue.endColumn : 1);
}

/**
 * The top-level keys of the YAML in `content` of `text`, as the whole-tree index
 * keeps them (values as `yaml`'s `toJS` gives them, slices of `text`), or undefined
 * when the YAML is not of the simple shape this reads exactly as `yaml` does.
 */
export function simpleFrontMatter(text: string, content: Range): Record<string, IndexedKey> | undefined {
  const yaml = text.slice(content.start, content.end);
  if (ODD.test(yaml) || (SURROGATE.test(yaml) && LONE_SURROGATE.test(yaml))) return undefined;
  const lines = linesOf(text, content);
  const keys: Record<string, IndexedKey> = Object.create(null);
  let i = 0;
  const nextFilled = (from: number): number => {
    let j = from;
    while (j < lines.length && isBlank(lines[j] as Line)) j++;
    return j;
  };
  while ((i = nextFilled(i)) < lines.length) {
    const line = lines[i] as Line;
    const key = line.indent === 0 ? keyAt(text, line, line.start) : undefined;
    if (!key || Object.hasOwn(keys, key.name)) return undefined;
    const keySpan = spanOn(line, line.start, key.end);
    i++;
    if (key.value < line.end) {
      if (text[key.value] === "[") {
        const list = flowList(text, line, key.value);
        if (!list) return undefined;
        keys[key.name] = { value: list.data, keySpan, valueSpan: spanOn(line, key.value, list.end), itemSpans: list.items.map((r) => spanOn(line, r.start, r.end)) };
      } else {
        const scalar = blockScalar(text, line, key.value);
        if (!scalar) return undefined;
        keys[key.name] = { value: scalar.data, keySpan, valueSpan: spanOn(line, key.value, scalar.end) };
      }
      continue;
    }
    // nothing after the colon: null, or a block list or map on the lines below
    const below = nextFilled(i);
    const first = lines[below];
    if (!first || (first.indent === 0 && !text.startsWith("- ", first.start))) {
      keys[key.name] = { value: null, keySpan, valueSpan: spanOn(line, line.end, line.end) };
      continue;
    }
    const block = text.startsWith("- ", first.start + first.indent) ? blockList(text, lines, below, first.indent) : blockMap(text, lines, below, first.indent);
    if (!block) return undefined;
    const { value, valueSpan, itemSpans, fieldSpans } = block.key;
    const indexed: IndexedKey = { value, keySpan, valueSpan };
    if (itemSpans) indexed.itemSpans = itemSpans;
    if (fieldSpans) indexed.fieldSpans = fieldSpans;
    keys[key.name] = indexed;
    i = block.next;
  }
  return keys;
}

type Block = { key: Omit<IndexedKey, "keySpan">; next: number } | undefined;

/** `- item` lines at `indent`, from line `from`: scalar items only. */
function blockList(t: string, lines: Line[], from: number, indent: number): Block {
  const value: unknown[] = [];
  const itemSpans: Span[] = [];
  let last: Line | undefined;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) continue;
    const dash = line.start + indent;
    if (line.indent < indent || (indent === 0 && !t.startsWith("- ", line.start))) break;
    if (line.indent !== indent || !t.startsWith("- ", dash)) return undefined;
    let at = dash + 2;
    while (t.charCodeAt(at) === 32 && at < line.end) at++;
    const item = blockScalar(t, line, at);
    if (!item) return undefined;
    value.push(item.data);
    itemSpans.push(spanOn(line, at, item.end));
    last = line;
  }
  // a line indented less than the list, but not back at the top level
  if (!last || (i < lines.length && (lines[i] as Line).indent !== 0)) return undefined;
  const first = lines[from] as Line;
  return { key: { value, valueSpan: blockSpan(first, first.start + indent, last, itemSpans[itemSpans.length - 1] as Span), itemSpans }, next: i };
}

/** `key: scalar` lines at `indent` (more than 0), from line `from`. */
function blockMap(t: string, lines: Line[], from: number, indent: number): Block {
  const value: Record<string, unknown> = {};
  const fieldSpans: Record<string, Span> = Object.create(null);
  let last: { line: Line; span: Span } | undefined;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (isBlank(line)) continue;
    if (line.indent === 0) break;
    const key = line.indent === indent ? keyAt(t, line, line.start + indent) : undefined;
    if (!key || Object.hasOwn(fieldSpans, key.name)) return undefined;
    let span: Span;
    if (key.value < line.end) {
      const scalar = blockScalar(t, line, key.value);
      if (!scalar) return undefined;
      value[key.name] = scalar.data;
      span = spanOn(line, key.value, scalar.end);
    } else {
      // an empty value, unless something follows on deeper lines
      const next = lines.slice(i + 1).find((l) => !isBlank(l));
      if (next && next.indent > indent) return undefined;
      value[key.name] = null;
      span = spanOn(line, line.end, line.end);
    }
    fieldSpans[key.name] = span;
    last = { line, span };
  }
  if (!last) return undefined;
  const first = lines[from] as Line;
  return { key: { value, valueSpan: blockSpan(first, first.start + indent, last.line, last.span), fieldSpans }, next: i };
}
