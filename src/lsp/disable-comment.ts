/**
 * Where a `milestone-lint-disable…` comment goes to turn one rule off for one line or
 * for the whole file, so that it works and breaks nothing around it:
 *
 * - a table row: `<!-- milestone-lint-disable-line rule -->` at the end of the row's
 *   own line (a comment line would end the table);
 * - a line just below an HTML comment (a section marker and its heading are a pair):
 *   `disable` above that comment, `enable` below the line;
 * - any other line of the body: `disable-next-line` above it, with the line's
 *   indentation and blockquote `>`s, so that it stays in the same container;
 * - the whole file: `disable-file` just below the front matter (added to one that is
 *   there already).
 *
 * No line comment is offered where none can go: in the front matter (YAML), inside a
 * code block or a multi-line HTML block, on a table's header row (an extra cell there
 * unmakes the table).
 */
import type { Nodes, Root } from "mdast";
import { readFrontMatter } from "../source/front-matter.js";
import { LineIndex } from "../source/line-index.js";
import { lineEnding } from "../source/line-ending.js";
import { BodyNotParsed, nodeRange, parseMarkdown } from "../source/markdown.js";
import { isDelimiterRow, tableRows } from "../source/table-cells.js";

/** Text to insert at an offset of the file. */
export interface Insertion {
  offset: number;
  text: string;
}

const comment = (kind: string, ruleId: string) => `<!-- milestone-lint-${kind} ${ruleId} -->`;

/**
 * When the line `[start, end)` holds a `kind` directive naming rules (and no
 * `-- reason`, which would then cover the new rule too), the insertion that adds
 * `ruleId` to it: one directive per line, not a pile of them.
 */
function addTo(text: string, start: number, end: number, kind: string, ruleId: string): Insertion | undefined {
  const found = new RegExp(`<!--\\s*milestone-lint-${kind}[ \\t]+([^>]*?)\\s*-->`).exec(text.slice(start, end));
  const ids = found?.[1];
  if (!found || !ids || / --(\s|$)/.test(ids)) return undefined;
  return { offset: start + found.index + found[0].indexOf(ids) + ids.length, text: `, ${ruleId}` };
}

/** A line's blockquote markers and indentation, which a comment above it needs to stay in its container. */
const PREFIX = /^(?:[ \t]*>)*[ \t]*/;

interface Parsed {
  text: string;
  lines: LineIndex;
  /** Offset where the body starts; undefined when the front matter is never closed. */
  body: number | undefined;
  root: Root | undefined;
}

function parse(text: string): Parsed {
  const frontMatter = readFrontMatter(text);
  const body = frontMatter.open ? frontMatter.close?.end : 0;
  let root: Root | undefined;
  try {
    if (body !== undefined) root = parseMarkdown(text, frontMatter);
  } catch (error) {
    if (!(error instanceof BodyNotParsed)) throw error;
  }
  return { text, lines: new LineIndex(text), body, root };
}

function blocks(node: Nodes, out: Nodes[] = []): Nodes[] {
  out.push(node);
  if ("children" in node) for (const child of node.children) blocks(child, out);
  return out;
}

/** The 1-based lines a node starts and ends on. */
function linesOf(p: Parsed, node: Nodes): { first: number; last: number } {
  const { start, end } = nodeRange(node);
  return { first: p.lines.position(start).line, last: p.lines.position(Math.max(start, end - 1)).line };
}

type Place = { kind: "row" } | { kind: "header" } | { kind: "inside" } | { kind: "below-comment"; commentLine: number } | { kind: "plain" };

function placeOf(p: Parsed, line: number): Place {
  const root = p.root;
  if (!root) return { kind: "inside" };
  let place: Place = { kind: "plain" };
  for (const node of blocks(root)) {
    if (node.type === "root" || node.type === "yaml") continue;
    const { first, last } = linesOf(p, node);
    if (node.type === "code" && line > first && line <= last) return { kind: "inside" };
    if (node.type === "html" && line > first && line <= last) return { kind: "inside" };
    if (node.type === "html" && last === line - 1 && p.text.slice(p.lines.lineStart(first), p.lines.lineEnd(last)).trim().startsWith("<!--")) {
      place = { kind: "below-comment", commentLine: first };
    }
    if (node.type === "paragraph" && line >= first && line <= last) {
      const rowLines = new Set(tableRows(p.text, nodeRange(node)).map((row) => p.lines.position(row[0]?.range.start ?? 0).line));
      if (rowLines.has(line)) {
        const next = line + 1;
        const header = next <= last && isDelimiterRow(p.text, p.lines.lineStart(next), p.lines.lineEnd(next));
        return { kind: header ? "header" : "row" };
      }
    }
  }
  return place;
}

/**
 * The insertions that turn `ruleId` off for 1-based `line` alone, or undefined when
 * no comment can go there.
 */
export function disableLine(text: string, line: number, ruleId: string): Insertion[] | undefined {
  const p = parse(text);
  if (p.body === undefined || line < 1 || line > p.lines.lineCount || p.lines.lineStart(line) < p.body) return undefined;
  const eol = lineEnding(text);
  const start = p.lines.lineStart(line);
  const place = placeOf(p, line);
  switch (place.kind) {
    case "inside":
    case "header":
      return undefined;
    case "row": {
      const end = p.lines.lineEnd(line);
      return [addTo(text, start, end, "disable-line", ruleId) ?? { offset: end, text: ` ${comment("disable-line", ruleId)}` }];
    }
    case "below-comment": {
      const above = line - 1;
      const added = addTo(text, p.lines.lineStart(above), p.lines.lineEnd(above), "disable-next-line", ruleId);
      if (added) return [added];
      const at = p.lines.lineStart(place.commentLine);
      const prefix = PREFIX.exec(text.slice(at, p.lines.lineEnd(place.commentLine)))?.[0] ?? "";
      const after = p.lines.lineEnd(line);
      return [
        { offset: at, text: `${prefix}${comment("disable", ruleId)}${eol}` },
        // the last line of a file may have no line ending of its own
        { offset: after, text: `${eol}${prefix}${comment("enable", ruleId)}` },
      ];
    }
    case "plain": {
      const prefix = PREFIX.exec(text.slice(start, p.lines.lineEnd(line)))?.[0] ?? "";
      return [{ offset: start, text: `${prefix}${comment("disable-next-line", ruleId)}${eol}` }];
    }
  }
}

/** The insertion that turns `ruleId` off for the whole file, or undefined when the front matter is never closed. */
export function disableFile(text: string, ruleId: string): Insertion | undefined {
  const p = parse(text);
  if (p.body === undefined) return undefined;
  const eol = lineEnding(text);
  // just below the front matter's closing `---` (or at the top, after a byte-order mark, when there is none)
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const line = p.body === 0 ? 1 : p.lines.position(p.body).line + 1;
  // the closing `---` is the file's last line, without a line ending
  if (line > p.lines.lineCount) return { offset: text.length, text: `${eol}${comment("disable-file", ruleId)}${eol}` };
  const start = Math.max(p.lines.lineStart(line), bom);
  return addTo(text, start, p.lines.lineEnd(line), "disable-file", ruleId) ?? { offset: start, text: `${comment("disable-file", ruleId)}${eol}` };
}
