/**
 * One walk over a file's Markdown tree that collects what the body rules look at:
 * block-level HTML comments (with the node that follows each), headings, code
 * blocks, inline code, list items and paragraphs. Memoised per file, so the
 * section, title, placeholder and changelog rules share one parse and one walk.
 */
import type { Heading, Html, InlineCode, ListItem, Nodes, Paragraph, Parents, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { LineIndex } from "./line-index.js";
import { nodeRange } from "./markdown.js";
import type { AnyFileContext, Range } from "../shared/types.js";

export interface ScannedHeading {
  node: Heading;
  depth: number;
  /** The heading's text as written (between the `#`s), trimmed. */
  raw: string;
  /** The heading's text with Markdown removed (`*fast*` → `fast`). */
  plain: string;
  range: Range;
  /** The range of its text; an empty range at the end of the `#`s when it has none. */
  textRange: Range;
}

export interface ScannedComment {
  node: Html;
  /** Trimmed value: `<!-- … -->`. */
  value: string;
  /** Where `<!--` starts. */
  range: Range;
  /** The block that comes next in the document (sibling, or the next sibling of an ancestor). */
  next?: RootContent;
}

export interface BodyScan {
  root: Root;
  /** HTML comments that stand alone on their lines, outside code, in document order. */
  comments: ScannedComment[];
  headings: ScannedHeading[];
  /** The scanned heading of a heading node, e.g. of a comment's `next`. */
  headingOf: Map<Heading, ScannedHeading>;
  /** Fenced and indented code blocks. */
  codeBlocks: Range[];
  /** Code blocks and code spans, sorted by start: text in them is not prose. */
  codeRanges: Range[];
  /** The code spans, in document order. */
  codeSpans: InlineCode[];
  listItems: ListItem[];
  paragraphs: Paragraph[];
}

const FLOW_PARENTS = new Set(["root", "listItem", "blockquote"]);

function headingTextRange(text: string, node: Heading): Range {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (first && last) return { start: nodeRange(first).start, end: nodeRange(last).end };
  const { start } = nodeRange(node);
  let end = start;
  while (text.charCodeAt(end) === 35 /* # */ || text.charCodeAt(end) === 32) end++;
  return { start: end, end };
}

function scan(text: string, root: Root): BodyScan {
  const result: BodyScan = { root, comments: [], headings: [], headingOf: new Map(), codeBlocks: [], codeRanges: [], codeSpans: [], listItems: [], paragraphs: [] };
  // ancestors and the index of the child being visited in each, for "the next block";
  // a comment's ancestors are all block containers, so climbing them stays in flow
  const stack: { parent: Parents; index: number }[] = [];
  const nextBlock = (): RootContent | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i];
      if (!frame) break;
      const sibling = frame.parent.children[frame.index + 1];
      if (sibling) return sibling as RootContent;
    }
    return undefined;
  };
  const visit = (node: Nodes, parent: Parents | undefined): void => {
    switch (node.type) {
      case "html": {
        const value = node.value.trim();
        if (parent && FLOW_PARENTS.has(parent.type) && value.startsWith("<!--") && value.endsWith("-->")) {
          const { start, end } = nodeRange(node);
          const at = text.indexOf("<!--", start);
          const next = nextBlock();
          result.comments.push({ node, value, range: { start: at >= 0 && at < end ? at : start, end }, ...(next ? { next } : {}) });
        }
        return;
      }
      case "heading": {
        const textRange = headingTextRange(text, node);
        const heading: ScannedHeading = {
          node,
          depth: node.depth,
          raw: text.slice(textRange.start, textRange.end).trim(),
          plain: toString(node).trim(),
          range: nodeRange(node),
          textRange,
        };
        result.headings.push(heading);
        result.headingOf.set(node, heading);
        break;
      }
      case "code":
        result.codeBlocks.push(nodeRange(node));
        result.codeRanges.push(nodeRange(node));
        return;
      case "inlineCode":
        result.codeRanges.push(nodeRange(node));
        result.codeSpans.push(node);
        return;
      case "listItem":
        result.listItems.push(node);
        break;
      case "paragraph":
        result.paragraphs.push(node);
        break;
      default:
        break;
    }
    if ("children" in node) {
      const frame = { parent: node as Parents, index: 0 };
      stack.push(frame);
      for (let i = 0; i < node.children.length; i++) {
        frame.index = i;
        visit(node.children[i] as Nodes, node as Parents);
      }
      stack.pop();
    }
  };
  visit(root, undefined);
  result.codeRanges.sort((a, b) => a.start - b.start);
  return result;
}

export function scanBody(context: AnyFileContext): BodyScan {
  return context.memo("body:scan", () => scan(context.file.text, context.ast()));
}

/** True when `offset` lies inside one of `sorted` (ranges sorted by start, not overlapping). */
export function insideAny(sorted: readonly Range[], offset: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = sorted[mid] as Range;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The file's line index, built once per file for the rules that name or find lines. */
export function lineIndex(context: AnyFileContext): LineIndex {
  return context.memo("body:line-index", () => new LineIndex(context.file.text));
}

/** The 1-based line of `offset`, for messages that name another line ("the first one is at line 40"). */
export function lineOf(context: AnyFileContext, offset: number): number {
  return lineIndex(context).position(offset).line;
}
