/**
 * Finds the YAML front matter block of a file and parses it with `yaml`, keeping
 * every key's and value's offsets in the file so that rules can point at them.
 *
 * The block is looked for leniently (after a BOM or blank lines) so that rules can
 * say "move it to the first byte" instead of "there is none".
 */
import { isMap, isScalar, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Range } from "./types.js";

export interface FrontMatterKey {
  name: string;
  /** The key as written. */
  key: Range;
  /** The value as written; an empty range just after the colon when the value is missing. */
  value: Range;
  pair: Pair;
}

export interface YamlProblem {
  message: string;
  code: string;
  range: Range;
}

export interface FrontMatter {
  /** The opening `---` line (without its line ending); absent when the file has no front matter. */
  open?: Range;
  /** The closing `---` line; absent when the block is never closed. */
  close?: Range;
  /** A byte-order mark and/or blank lines before the opening `---`. */
  leading?: Range;
  /** The YAML text between the fences. */
  content?: Range;
  /** The parsed YAML document, when the block is closed. */
  doc?: Document.Parsed;
  /** Syntax errors of the YAML, at their offsets in the file. */
  errors: YamlProblem[];
  /** The front matter as plain data, when it parsed without errors (`{}` for an empty block). */
  data?: unknown;
  /** Top-level keys of a map, in order of appearance. */
  keys: FrontMatterKey[];
  /** Looks up a top-level key. */
  get(name: string): FrontMatterKey | undefined;
}

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
  parseYaml(text.slice(content.start, content.end), content.start, result);
  return result;
}

function rangeOf(node: Node | null | undefined, shift: number): Range | undefined {
  const r = node?.range;
  return r ? { start: r[0] + shift, end: r[1] + shift } : undefined;
}

function parseYaml(source: string, shift: number, result: FrontMatter): void {
  // logLevel "error": yaml would otherwise print warnings (e.g. about complex keys) to stderr
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true, logLevel: "error" });
  result.doc = doc;
  for (const e of doc.errors) {
    result.errors.push({
      message: e.message.split("\n")[0] ?? e.message,
      code: e.code,
      range: { start: e.pos[0] + shift, end: Math.max(e.pos[1], e.pos[0]) + shift },
    });
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const key = rangeOf(keyNode, shift);
      if (name === undefined || !key) continue;
      const value = rangeOf(pair.value as Node | null, shift) ?? { start: key.end + 1, end: key.end + 1 };
      result.keys.push({ name, key, value, pair });
    }
  }
  if (result.errors.length > 0) return;
  try {
    result.data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    result.errors.push({
      message: error instanceof Error ? error.message : String(error),
      code: "ALIAS_LIMIT",
      range: { start: shift, end: shift + source.length },
    });
  }
}
