/**
 * Finds the YAML front matter block of a file and parses it with `yaml`, keeping
 * every key's and value's offsets in the file so that rules can point at them.
 *
 * The block is looked for leniently (after a BOM or blank lines) so that rules can
 * say "move it to the first byte" instead of "there is none".
 */
import { isCollection, isMap, isScalar, parseDocument, visit, type Document, type Node, type Scalar } from "yaml";
import type { FrontMatter, FrontMatterKey, Range } from "../shared/types.js";
import { integerValue, listValue, stringValue } from "./front-matter-values.js";

/** Above this many aliases expanded, the YAML is treated as hostile ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

const FENCE = /^---[ \t]*$/;
/**
 * A line YAML cannot hold at the start of a line (an HTML comment, as the section
 * markers are): reaching one means the block was never closed, and a `---` further
 * down is a Markdown thematic break, not the end of the front matter.
 */
const BODY_LINE = /^<!--/;

interface Line {
  start: number;
  end: number;
  next: number;
}

function lineAt(text: string, start: number): Line | undefined {
  if (start >= text.length) return undefined;
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  let next = end;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) === 10) next++;
  return { start, end, next };
}

export function readFrontMatter(text: string): FrontMatter {
  const keys: FrontMatterKey[] = [];
  const result: FrontMatter = {
    errors: [],
    keys,
    get: (name) => keys.find((k) => k.name === name),
    string: (name) => stringValue(result, name),
    integer: (name) => integerValue(result, name),
    list: (name) => listValue(result, name),
  };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let open: Line | undefined;
  for (let line = lineAt(text, bom); line; line = lineAt(text, line.next)) {
    const content = text.slice(line.start, line.end);
    if (FENCE.test(content)) {
      open = line;
      break;
    }
    if (content.trim() !== "") break;
  }
  if (!open) return result;
  result.open = { start: open.start, end: open.end };
  if (open.start > 0) result.leading = { start: 0, end: open.start };
  for (let line = lineAt(text, open.next); line; line = lineAt(text, line.next)) {
    const content = text.slice(line.start, line.end);
    if (BODY_LINE.test(content)) break;
    if (FENCE.test(content)) {
      result.close = { start: line.start, end: line.end };
      break;
    }
  }
  if (!result.close) return result;
  const content = { start: open.next, end: result.close.start };
  result.content = content;
  // YAML 1.2 counts a lone CR as a line break, `yaml` does not: make it LF (same length, offsets kept).
  parseYaml(text.slice(content.start, content.end).replace(/\r(?!\n)/g, "\n"), content.start, result);
  return result;
}

function rangeOf(node: Node | null | undefined, shift: number): Range | undefined {
  const r = node?.range;
  return r ? { start: r[0] + shift, end: r[1] + shift } : undefined;
}

/**
 * Deeper than this, the YAML is not handed to `yaml` at all: its recursion near the
 * stack limit can abort the whole process (V8 fails to compile a RegExp there), and
 * no front matter needs more than a handful of levels.
 */
const MAX_DEPTH = 100;

/** Skips `- ` / `? ` markers (and the spaces after each) from `col`, calling `level` for each. */
function skipMarkers(source: string, col: number, end: number, level: (col: number) => void): number {
  while (col + 1 < end && (source[col] === "-" || source[col] === "?") && source[col + 1] === " ") {
    col += 2;
    while (col < end && source.charCodeAt(col) === 32) col++;
    level(col);
  }
  return col;
}

/**
 * An upper bound of the nesting depth, in one linear pass: open flow brackets plus
 * the block levels (a stack of indents, each leading `- ` or `? ` a level of its
 * own). Brackets inside quotes count too: the bound only has to be safe.
 */
function nestingDepth(source: string): number {
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  let i = 0;
  while (i < source.length) {
    let end = source.indexOf("\n", i);
    if (end < 0) end = source.length;
    let col = i;
    while (col < end && source.charCodeAt(col) === 32) col++;
    if (col < end && flow === 0) {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= col - i) indents.pop();
      indents.push(col - i);
      // compact nested sequences and complex keys: `- - - x`, `? ? x`
      col = skipMarkers(source, col, end, (at) => indents.push(at - i));
    }
    // the same chain after a key on its line, `key: - - - x`: a level each, for this line
    const colon = source.slice(col, end).indexOf(": ");
    let inline = 0;
    if (colon >= 0) skipMarkers(source, col + colon + 2, end, () => inline++);
    max = Math.max(max, indents.length + flow + inline);
    for (let j = col; j < end; j++) {
      const c = source.charCodeAt(j);
      if (c === 91 || c === 123) max = Math.max(max, indents.length + ++flow);
      else if ((c === 93 || c === 125) && flow > 0) flow--;
    }
    max = Math.max(max, indents.length + flow);
    i = end + 1;
  }
  return max;
}

/** A sentence for what went wrong while building the data, hostile input in mind. */
function buildFailure(error: unknown): string {
  if (error instanceof RangeError) return "it is nested too deeply to read (more levels of lists or maps than any front matter needs)";
  const message = error instanceof Error ? error.message : String(error);
  if (/alias count/i.test(message)) {
    return `its aliases (\`*name\`) expand to more than ${MAX_ALIAS_COUNT} copies (a "billion laughs" expansion); write the values out instead`;
  }
  return message;
}

/**
 * Every key that repeats an earlier key of its map, at any depth, with the first
 * one, in one pass. yaml's own check (`uniqueKeys`) compares each key with every key
 * before it: 20 000 keys took 30 s. Keys are equal as yaml's check has them, by their values.
 */
export function duplicateKeys(doc: Document.Parsed): { key: Scalar; first: Scalar }[] {
  const found: { key: Scalar; first: Scalar }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, Scalar>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const first = seen.get(key.value);
        if (first) found.push({ key, first });
        else seen.set(key.value, key);
      }
    },
  });
  return found;
}

function parseYaml(source: string, shift: number, result: FrontMatter): void {
  const whole = { start: shift, end: shift + source.length };
  if (nestingDepth(source) > MAX_DEPTH) {
    result.errors.push({ message: buildFailure(new RangeError("too deep")), code: "TOO_DEEP", range: whole });
    return;
  }
  let doc: Document.Parsed;
  try {
    // `logLevel: "error"`: no warnings on stderr for odd keys; they are reported below instead.
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false, strict: true, logLevel: "error" });
  } catch (error) {
    result.errors.push({ message: buildFailure(error), code: "PARSE_FAILED", range: whole });
    return;
  }
  result.doc = doc;
  for (const e of doc.errors) {
    // `yaml` catches its own stack overflow on deep nesting and reports it at an arbitrary offset.
    if (/call stack/i.test(e.message)) {
      result.errors.push({ message: buildFailure(new RangeError(e.message)), code: "TOO_DEEP", range: whole });
      continue;
    }
    result.errors.push({
      message: e.message.split("\n")[0] ?? e.message,
      code: e.code,
      range: { start: e.pos[0] + shift, end: Math.max(e.pos[1], e.pos[0]) + shift },
    });
  }
  for (const { key: duplicate } of duplicateKeys(doc)) {
    const name = String(duplicate.value);
    const range = rangeOf(duplicate, shift);
    if (range) result.errors.push({ message: `key \`${name}\` appears more than once; keep one \`${name}:\` line`, code: "DUPLICATE_KEY", range });
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const keyNode = pair.key as Node | null;
      const key = rangeOf(keyNode, shift);
      if (isCollection(keyNode) && key) {
        const what = isMap(keyNode) ? "a map" : "a list";
        result.errors.push({ message: `a key must be a plain name, but this key is ${what}`, code: "NON_STRING_KEY", range: key });
        continue;
      }
      const name = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (name === undefined || !key) continue;
      const value = rangeOf(pair.value as Node | null, shift) ?? { start: key.end + 1, end: key.end + 1 };
      result.keys.push({ name, key, value, pair });
    }
  }
  if (result.errors.length > 0) return;
  try {
    result.data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    result.errors.push({ message: buildFailure(error), code: "BUILD_FAILED", range: whole });
  }
}
