/**
 * The unified/remark parse of a file's Markdown. Node positions come back as
 * offsets into the file's own text, whatever stood before the front matter. A body
 * too long or nested too deeply to parse in reasonable time is refused (BodyNotParsed);
 * constructs that would take too long (emphasis, code spans, inline HTML) are read
 * as text; a tree still nested too deeply for the rules' walks is refused too.
 */
import type { Root, Nodes } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import type { FrontMatter } from "../shared/types.js";
import { tooCostlyEmphasis } from "./emphasis-guard.js";
import { BodyNotParsed, tooCostlyInline, tooDeep, tooLong } from "./markdown-guards.js";

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

/** Visits every node, without recursion (a hostile tree can be deep), with its depth (the root is 1). */
function eachNode(root: Root, visit: (node: Nodes, depth: number) => void): void {
  const stack: [Nodes, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    visit(node, depth);
    if ("children" in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
}

function shiftPositions(tree: Root, by: number): void {
  eachNode(tree, (node) => {
    const p = node.position;
    if (p?.start.offset !== undefined) p.start.offset += by;
    if (p?.end.offset !== undefined) p.end.offset += by;
  });
}

/**
 * Deeper trees than this are not handed to the rules, whose walks recurse: lists and
 * quotes are held to 100 levels before parsing (markdown-guards.ts), and emphasis
 * nests a handful of levels in prose.
 */
const MAX_TREE_DEPTH = 200;

/** The first node deeper than MAX_TREE_DEPTH, if any. */
function tooDeepNode(tree: Root): Nodes | undefined {
  let found: Nodes | undefined;
  eachNode(tree, (node, depth) => {
    if (depth > MAX_TREE_DEPTH && (!found || (node.position?.start.offset ?? 0) < (found.position?.start.offset ?? 0))) found = node;
  });
  return found;
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
  const inline = tooCostlyInline(text, body);
  const off = [...(tooCostlyEmphasis(text, body) ? ["attention"] : []), ...(inline.codeText ? ["codeText"] : []), ...(inline.htmlText ? ["htmlText"] : [])];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let source = bom ? text.slice(1) : text;
  const { open, close } = frontMatter;
  if (open && close && open.start > bom) {
    const from = open.start - bom;
    const to = close.end - bom;
    source = source.slice(0, from) + source.slice(from, to).replace(/[^\r\n]/g, " ") + source.slice(to);
  }
  let tree = processorWithout(off).parse(source);
  // only emphasis nests inside a line: read as text, it cannot
  let deep = tooDeepNode(tree);
  if (deep && !off.includes("attention")) {
    tree = processorWithout(["attention", ...off]).parse(source);
    deep = tooDeepNode(tree);
  }
  // micromark drops one leading BOM of what it is given without counting it: a second BOM of the file
  const shift = bom + (source.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (deep) {
    throw new BodyNotParsed(
      (deep.position?.start.offset ?? 0) + shift,
      `The Markdown here nests more than ${MAX_TREE_DEPTH} levels deep, too deep to check: the Markdown of this file was not checked (its front matter was). Flatten the nesting.`,
    );
  }
  if (shift) shiftPositions(tree, shift);
  return tree;
}

/** The node's range in the file, or the start of the file for a node without position. */
export function nodeRange(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}
