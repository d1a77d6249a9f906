/**
 * The unified/remark parse of a file's Markdown. Node positions come back as
 * offsets into the file's own text, whatever stood before the front matter.
 */
import type { Root, Nodes } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import type { FrontMatter } from "./front-matter.js";

/**
 * No rule looks at links or images, and micromark's link matching is quadratic on
 * hostile input (20 000 `[a](` take seconds): link and image syntax is read as text.
 */
function remarkWithoutLinks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: ["labelStartLink", "labelStartImage", "labelEnd"] } });
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkWithoutLinks).freeze();

function shiftPositions(node: Nodes, by: number): void {
  const p = node.position;
  if (p) {
    if (p.start.offset !== undefined) p.start.offset += by;
    if (p.end.offset !== undefined) p.end.offset += by;
  }
  if ("children" in node) for (const child of node.children) shiftPositions(child, by);
}

/**
 * remark-frontmatter only knows front matter at the very first byte. Front matter
 * found further down (after a BOM or blank lines) is blanked out, offsets kept, so
 * its `---` lines are not read as thematic breaks or setext headings.
 */
export function parseMarkdown(text: string, frontMatter: FrontMatter): Root {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let source = bom ? text.slice(1) : text;
  const { open, close } = frontMatter;
  if (open && close && open.start > bom) {
    const from = open.start - bom;
    const to = close.end - bom;
    source = source.slice(0, from) + source.slice(from, to).replace(/[^\r\n]/g, " ") + source.slice(to);
  }
  const tree = processor.parse(source);
  if (bom) shiftPositions(tree, bom);
  return tree;
}

/** The node's range in the file, or the start of the file for a node without position. */
export function nodeRange(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}
