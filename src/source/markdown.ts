/**
 * The unified/remark parse of a file's Markdown. Node positions come back as
 * offsets into the file's own text, whatever stood before the front matter. A body
 * too long or nested too deeply to parse in reasonable time is refused (BodyNotParsed).
 */
import type { Root, Nodes } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import type { FrontMatter } from "../shared/types.js";
import { tooCostlyCodeSpans, tooDeep, tooLong, tooManyEmphasisRuns } from "./markdown-guards.js";

export { BodyNotParsed } from "./markdown-guards.js";

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

function makeProcessor(constructs: string[]) {
  return unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkWithout([...WITHOUT_LINKS, ...constructs])).freeze();
}

/** A processor is made only when a file needs it, for each set of constructs read as text. */
const processors = new Map<string, ReturnType<typeof makeProcessor>>();
function processorWithout(constructs: string[]): ReturnType<typeof makeProcessor> {
  const key = constructs.join();
  let processor = processors.get(key);
  if (!processor) processors.set(key, (processor = makeProcessor(constructs)));
  return processor;
}

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
  // the YAML between the fences may be indented as deeply as it likes, and hold any `*`
  const body = frontMatter.close?.end ?? 0;
  const refused = tooLong(text, body) ?? tooDeep(text, body);
  if (refused) throw refused;
  const off = [...(tooManyEmphasisRuns(text, body) ? ["attention"] : []), ...(tooCostlyCodeSpans(text, body) ? ["codeText"] : [])];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let source = bom ? text.slice(1) : text;
  const { open, close } = frontMatter;
  if (open && close && open.start > bom) {
    const from = open.start - bom;
    const to = close.end - bom;
    source = source.slice(0, from) + source.slice(from, to).replace(/[^\r\n]/g, " ") + source.slice(to);
  }
  const tree = processorWithout(off).parse(source);
  // micromark drops one leading BOM of what it is given without counting it: a second BOM of the file
  const shift = bom + (source.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (shift) shiftPositions(tree, shift);
  return tree;
}

/** The node's range in the file, or the start of the file for a node without position. */
export function nodeRange(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}
