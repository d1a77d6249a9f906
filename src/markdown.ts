/**
 * The unified/remark parse of a file's Markdown. Node positions come back as
 * offsets into the file's own text, whatever stood before the front matter. A body
 * nested too deeply to parse in reasonable time is refused (BodyTooDeep).
 */
import type { Root, Nodes } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import type { FrontMatter } from "./front-matter.js";

/** A remark plugin that turns the named micromark constructs off: their syntax is read as text. */
function remarkWithout(constructs: string[]) {
  return function (this: Processor): void {
    (this.data().micromarkExtensions ??= []).push({ disable: { null: constructs } });
  };
}

/**
 * No rule looks at links or images, and micromark's link matching is quadratic on
 * hostile input (20 000 `[a](` take seconds): link and image syntax is read as text.
 */
const WITHOUT_LINKS = ["labelStartLink", "labelStartImage", "labelEnd"];
const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkWithout(WITHOUT_LINKS)).freeze();

/**
 * micromark matches emphasis delimiters in worse than quadratic time: 16 KB of `*_`
 * took 2.8 s, 64 KB 2 minutes. A block with more delimiter runs than any prose has
 * makes the file parse with `*` and `_` read as text (only headings' plain text,
 * and emphasis nodes, differ).
 */
const MAX_EMPHASIS_RUNS = 1000;
const withoutEmphasis = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkWithout([...WITHOUT_LINKS, "attention"]))
  .freeze();

/** Whether a block (lines between blank lines) holds more than MAX_EMPHASIS_RUNS runs of `*` or `_`. */
function tooManyEmphasisRuns(text: string, from: number): boolean {
  let runs = 0;
  for (let line = from; line < text.length; ) {
    let end = text.indexOf("\n", line);
    if (end < 0) end = text.length;
    let blank = true;
    for (let i = line; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13) blank = false;
      if ((c === 42 || c === 95) /* * _ */ && text.charCodeAt(i - 1) !== c && ++runs > MAX_EMPHASIS_RUNS) return true;
    }
    if (blank) runs = 0;
    line = end + 1;
  }
  return false;
}

function shiftPositions(node: Nodes, by: number): void {
  const p = node.position;
  if (p) {
    if (p.start.offset !== undefined) p.start.offset += by;
    if (p.end.offset !== undefined) p.end.offset += by;
  }
  if ("children" in node) for (const child of node.children) shiftPositions(child, by);
}

/** Lists and block quotes nested deeper than this are not parsed (no real plan comes near). */
export const MAX_BODY_DEPTH = 100;

/**
 * Thrown instead of parsing a body that opens more than MAX_BODY_DEPTH containers on
 * one line: micromark's time grows with the square of the containers open on a line
 * (100 000 `> ` on one line, 200 KB, took 90 s), and trees that deep overflow the
 * stack of every recursive walk.
 */
export class BodyTooDeep extends Error {
  /** `offset`: where the line starts. */
  constructor(readonly offset: number) {
    super(`the Markdown nests lists or block quotes more than ${MAX_BODY_DEPTH} levels deep`);
  }
}

/**
 * An upper bound of the containers open on each line, in one linear pass, and the
 * first line where it exceeds MAX_BODY_DEPTH. A line opens one container per `>` or
 * list marker at its start, and stays inside list items of earlier lines whose
 * content starts at or before its own text. Those items' columns are all kept (a
 * lazy line does not close them), each at the least it can be, and the line's own
 * column taken at the most it can be (tabs as four columns), so the bound is safe.
 */
function tooDeep(text: string, from: number): BodyTooDeep | undefined {
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
    if (depth > MAX_BODY_DEPTH) return new BodyTooDeep(line);
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
 * remark-frontmatter only knows front matter at the very first byte. Front matter
 * found further down (after a BOM or blank lines) is blanked out, offsets kept, so
 * its `---` lines are not read as thematic breaks or setext headings.
 */
export function parseMarkdown(text: string, frontMatter: FrontMatter): Root {
  // the YAML between the fences may be indented as deeply as it likes, and hold any `*`
  const body = frontMatter.close?.end ?? 0;
  const deep = tooDeep(text, body);
  if (deep) throw deep;
  const parser = tooManyEmphasisRuns(text, body) ? withoutEmphasis : processor;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let source = bom ? text.slice(1) : text;
  const { open, close } = frontMatter;
  if (open && close && open.start > bom) {
    const from = open.start - bom;
    const to = close.end - bom;
    source = source.slice(0, from) + source.slice(from, to).replace(/[^\r\n]/g, " ") + source.slice(to);
  }
  const tree = parser.parse(source);
  if (bom) shiftPositions(tree, bom);
  return tree;
}

/** The node's range in the file, or the start of the file for a node without position. */
export function nodeRange(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}
