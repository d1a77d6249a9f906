/**
 * The top-level keys of front matter written in the plain shape nearly every
 * milestone has — `key: value` lines of plain or quoted scalars, one-line flow lists,
 * a block list or a map of scalars one level down — read in one pass over its lines,
 * with the values and offsets `yaml` gives them. The whole-tree index reads every
 * file of the tree this way (for a 10 000-milestone tree, `yaml` itself takes about
 * 100 µs a file, 1 s in all). Anything else — comments, anchors, tags, block
 * scalars, escapes, continuation lines, numbers other than plain integers, duplicate
 * keys, odd characters — gives undefined, and the caller asks `yaml` (front-matter.ts).
 * test/simple-front-matter.test.ts holds this to `yaml`'s answers, offsets included.
 */
import type { Range } from "../shared/types.js";

export interface SimpleKey {
  name: string;
  key: Range;
  value: Range;
  /** The value as `yaml`'s `toJS` gives it. */
  data: unknown;
  /** A list's items. */
  items?: Range[];
  /** A map's values, by key. */
  fields?: Record<string, Range>;
}

/** Characters `yaml` may treat otherwise than as text: controls, tabs, lone CR, BOM, line and paragraph separators. */
const ODD = /[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)/;
/** A surrogate, and one that is not half of a pair (a text given as a string may hold one; decoded UTF-8 never does). */
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A key at the start of a line, its colon and the spaces after it. */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
/** Keys that `yaml` reads as null or a boolean, or that `toJS` treats apart. */
const RESERVED_KEYS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "__proto__"]);
/** Characters that cannot start a plain scalar (YAML's indicators). */
const INDICATORS = new Set("-?:,[]{}#&*!|>'\"%@`");
const INTEGER = /^[0-9]{1,15}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const SPACES = /^ *$/;
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

interface Scalar {
  data: unknown;
  /** Where it ends on its line (`end`), and where what follows it starts (`next`). */
  end: number;
}

/** A quoted scalar that starts at `at` and closes on the same line: `"…"` without escapes, or `'…'`. */
function quoted(line: string, at: number): Scalar | undefined {
  const quote = line[at];
  if (quote === '"') {
    const close = line.indexOf('"', at + 1);
    if (close < 0 || line.slice(at + 1, close).includes("\\")) return undefined;
    return { data: line.slice(at + 1, close), end: close + 1 };
  }
  let text = "";
  let from = at + 1;
  for (;;) {
    const close = line.indexOf("'", from);
    if (close < 0) return undefined;
    text += line.slice(from, close);
    if (line[close + 1] !== "'") return { data: text, end: close + 1 };
    text += "'";
    from = close + 2;
  }
}

/** A scalar that takes the rest of its line (trailing spaces aside): quoted, or plain as a block value. */
function blockScalar(line: string, at: number): Scalar | undefined {
  const c = line[at] ?? "";
  if (c === '"' || c === "'") {
    const q = quoted(line, at);
    return q && SPACES.test(line.slice(q.end)) ? q : undefined;
  }
  const text = line.slice(at).replace(/ +$/, "");
  if (text === "" || INDICATORS.has(c) || text.includes("#") || text.includes(": ") || text.endsWith(":")) return undefined;
  const value = plainValue(text);
  return value && { data: value.data, end: at + text.length };
}

/** `[a, "b", c]` taking the rest of the line: its items and their places, or undefined. */
function flowList(line: string, at: number): { data: unknown[]; items: Range[]; end: number } | undefined {
  const close = line.lastIndexOf("]");
  if (close < 0 || !SPACES.test(line.slice(close + 1))) return undefined;
  const data: unknown[] = [];
  const items: Range[] = [];
  let i = at + 1;
  const skipSpaces = () => {
    while (line[i] === " ") i++;
  };
  skipSpaces();
  if (i === close) return { data, items, end: close + 1 };
  for (;;) {
    const c = line[i] ?? "";
    let item: Scalar | undefined;
    if (c === '"' || c === "'") item = quoted(line, i);
    else {
      let end = i;
      while (end < close && line[end] !== ",") end++;
      const text = line.slice(i, end).replace(/ +$/, "");
      if (text === "" || INDICATORS.has(c) || /[#:[\]{}"']/.test(text)) return undefined;
      const value = plainValue(text);
      item = value && { data: value.data, end: i + text.length };
    }
    if (!item || item.end > close) return undefined;
    data.push(item.data);
    items.push({ start: i, end: item.end });
    i = item.end;
    skipSpaces();
    if (i === close) return { data, items, end: close + 1 };
    if (line[i] !== ",") return undefined;
    i++;
    skipSpaces();
    // a trailing comma, or an empty item
    if (i === close || line[i] === ",") return undefined;
  }
}

interface Line {
  /** Without its line ending. */
  text: string;
  start: number;
  /** Where the next line starts. */
  next: number;
  indent: number;
  blank: boolean;
}

function linesOf(text: string, content: Range): Line[] {
  const lines: Line[] = [];
  for (let start = content.start; start < content.end; ) {
    let nl = text.indexOf("\n", start);
    if (nl < 0 || nl >= content.end) nl = content.end;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = text.slice(start, end);
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    lines.push({ text: line, start, next: Math.min(nl + 1, content.end), indent, blank: indent === line.length });
    start = nl + 1;
  }
  return lines;
}

/** A key line at `indent`: the key's name, its range and where its value starts on the line. */
function keyOn(line: Line, indent: number): { name: string; key: Range; at: number } | undefined {
  const m = KEY.exec(line.text.slice(indent));
  const name = m?.[1];
  if (!m || name === undefined || RESERVED_KEYS.has(name)) return undefined;
  return { name, key: { start: line.start + indent, end: line.start + indent + name.length }, at: indent + m[0].length };
}

/**
 * The top-level keys of the YAML in `content` of `text`, in order, or undefined when
 * the YAML is not of the simple shape this reads exactly as `yaml` does.
 */
export function simpleFrontMatter(text: string, content: Range): SimpleKey[] | undefined {
  const yaml = text.slice(content.start, content.end);
  if (ODD.test(yaml) || (SURROGATE.test(yaml) && LONE_SURROGATE.test(yaml))) return undefined;
  const lines = linesOf(text, content);
  const keys: SimpleKey[] = [];
  const names = new Set<string>();
  let i = 0;
  const nextFilled = (from: number): number => {
    let j = from;
    while (j < lines.length && (lines[j] as Line).blank) j++;
    return j;
  };
  while ((i = nextFilled(i)) < lines.length) {
    const line = lines[i] as Line;
    const key = line.indent === 0 ? keyOn(line, 0) : undefined;
    if (!key || names.has(key.name)) return undefined;
    names.add(key.name);
    i++;
    if (key.at < line.text.length) {
      const c = line.text[key.at];
      if (c === "[") {
        const list = flowList(line.text, key.at);
        if (!list) return undefined;
        const shift = (r: Range) => ({ start: r.start + line.start, end: r.end + line.start });
        keys.push({ name: key.name, key: key.key, value: shift({ start: key.at, end: list.end }), data: list.data, items: list.items.map(shift) });
      } else {
        const scalar = blockScalar(line.text, key.at);
        if (!scalar) return undefined;
        keys.push({ name: key.name, key: key.key, value: { start: line.start + key.at, end: line.start + scalar.end }, data: scalar.data });
      }
      continue;
    }
    // nothing after the colon: null, or a block list or map on the lines below
    const below = nextFilled(i);
    const first = lines[below];
    if (!first || (first.indent === 0 && !first.text.startsWith("- "))) {
      const at = line.start + line.text.length;
      keys.push({ name: key.name, key: key.key, value: { start: at, end: at }, data: null });
      continue;
    }
    const block = first.text.startsWith("- ", first.indent) ? blockList(lines, below, first.indent) : blockMap(lines, below, first.indent);
    if (!block) return undefined;
    keys.push({ name: key.name, key: key.key, ...block.key });
    i = block.next;
  }
  return keys;
}

type Block = { key: Omit<SimpleKey, "name" | "key">; next: number } | undefined;

/** Where a block collection ends: after its last value's line, or at an empty last value. */
const endAfter = (line: Line, value: Range): number => (value.end > value.start ? line.next : value.end);

/** `- item` lines at `indent`, from line `from`: scalar items only. */
function blockList(lines: Line[], from: number, indent: number): Block {
  const data: unknown[] = [];
  const items: Range[] = [];
  let end = 0;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.blank) continue;
    if (line.indent < indent || (indent === 0 && !line.text.startsWith("- "))) break;
    if (line.indent !== indent || !line.text.startsWith("- ", indent)) return undefined;
    let at = indent + 2;
    while (line.text[at] === " ") at++;
    const item = blockScalar(line.text, at);
    if (!item) return undefined;
    data.push(item.data);
    const range = { start: line.start + at, end: line.start + item.end };
    items.push(range);
    end = endAfter(line, range);
  }
  // a line indented less than the list, but not back at the top level
  if (i < lines.length && (lines[i] as Line).indent !== 0) return undefined;
  const start = (lines[from] as Line).start + indent;
  return { key: { value: { start, end }, data, items }, next: i };
}

/** `key: scalar` lines at `indent` (more than 0), from line `from`. */
function blockMap(lines: Line[], from: number, indent: number): Block {
  const data: Record<string, unknown> = {};
  const fields: Record<string, Range> = Object.create(null);
  let end = 0;
  let i = from;
  for (; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.blank) continue;
    if (line.indent === 0) break;
    const key = line.indent === indent ? keyOn(line, indent) : undefined;
    if (!key || Object.hasOwn(fields, key.name)) return undefined;
    let range: Range;
    if (key.at < line.text.length) {
      const scalar = blockScalar(line.text, key.at);
      if (!scalar) return undefined;
      data[key.name] = scalar.data;
      range = { start: line.start + key.at, end: line.start + scalar.end };
    } else {
      // an empty value, unless something follows on deeper lines
      const next = lines.slice(i + 1).find((l) => !l.blank);
      if (next && next.indent > indent) return undefined;
      data[key.name] = null;
      const at = line.start + line.text.length;
      range = { start: at, end: at };
    }
    fields[key.name] = range;
    end = endAfter(line, range);
  }
  const start = (lines[from] as Line).start + indent;
  return { key: { value: { start, end }, data, fields }, next: i };
}
