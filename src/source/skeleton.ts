/**
 * The skeleton a rules document (`PLANS.md`) prescribes for its plans, read from
 * the document itself, whatever its wording or language. Most give a skeleton in a
 * code block (```` ```md ````, or indented): the block with the most of the
 * practice's sections wins, and its headings at their level, in order, are the
 * sections. Some explain each section under a heading of their own instead, and
 * some only list the sections they ask for; then the sections the practice names
 * are taken from those headings or list items. The living sections (Progress,
 * Surprises & Discoveries, Decision Log, Outcomes & Retrospective) are required,
 * the rest optional.
 */
import type { Heading, ListItem, Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { readFrontMatter } from "./front-matter.js";
import { BodyNotParsed, nodeRange, parseMarkdown } from "./markdown.js";
import { LineIndex } from "./line-index.js";
import { LIVING_SECTIONS, headingKey, knownSectionOf, type KnownSection } from "./plan-sections.js";
import type { Skeleton } from "../shared/types.js";

export interface SkeletonReading {
  skeleton: Skeleton;
  /** Where in the document it was read, for the user: `the code block at line 40`. */
  from: string;
  /** The document does not show the sections' heading level (it lists them, or explains them under its own headings): level 2 is assumed. */
  levelAssumed?: true;
}

/** Code blocks that may hold a skeleton: Markdown, plain text, or no language said. */
const SKELETON_LANGS = new Set(["md", "markdown", "text", "txt", "plain", "plaintext"]);
/** A heading that is a placeholder, not a section: `## <Milestone name>`. */
const PLACEHOLDER = /^<[^<>]*>$/;
/** A Progress item of the skeleton that shows a timestamp, or the placeholder of one. */
const TIMESTAMPED_ITEM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]*\(?(?:\d{4}-\d{2}-\d{2}|YYYY-MM-DD)/m;

function parse(text: string): Root | undefined {
  try {
    return parseMarkdown(text, readFrontMatter(text));
  } catch (error) {
    if (error instanceof BodyNotParsed) return undefined;
    throw error;
  }
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child as Nodes, visit);
}

interface Named {
  text: string;
  depth: number;
  known?: KnownSection;
  start: number;
}

function named(heading: Heading): Named {
  const text = toString(heading).trim();
  const known = knownSectionOf(text);
  return { text, depth: heading.depth, start: nodeRange(heading).start, ...(known ? { known } : {}) };
}

/** How many of the practice's sections a list of headings names. */
function score(items: readonly Named[]): number {
  return new Set(items.flatMap((i) => i.known ?? [])).size;
}

/** The most common level among the headings that name a section of the practice (the shallower on a tie). */
function sectionLevel(items: readonly Named[]): number {
  const counts = new Map<number, number>();
  for (const i of items) if (i.known) counts.set(i.depth, (counts.get(i.depth) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 2;
}

/** The sections, once each, in order; the living ones required. */
function sectionsOf(items: readonly Named[]): Skeleton["sections"] {
  const seen = new Set<string>();
  return items.flatMap((i) => {
    const key = headingKey(i.text);
    if (key === "" || seen.has(key) || PLACEHOLDER.test(i.text)) return [];
    seen.add(key);
    return [{ heading: i.text, required: i.known !== undefined && LIVING_SECTIONS.includes(i.known) }];
  });
}

/** Words that say Progress is kept as a checklist: a box, or a checklist named. */
const CHECKLIST = /\[[ xX]\]|check-?box|check-?list|check(?:ed)? off|\btick(?:ed|s)?\b/i;
/** A log shown instead: a dated entry, or a log named. */
const LOG = /\d{4}-\d{2}-\d{2}|YYYY-MM-DD|\blog\b/i;

/**
 * What the skeleton shows of Progress, from what it writes under that heading (the
 * heading's line first): ticked items with a timestamp; a checklist, the practice's
 * form, unless it shows a log without any box or checklist (`2026-05-04 14:20 UTC -
 * what was done`), where a plan without boxes follows its skeleton.
 */
function progressForm(region: string | undefined): Pick<Skeleton, "timestamps" | "checklist"> {
  const said = region?.replace(/^[^\n]*\n?/, "") ?? "";
  return { timestamps: region !== undefined && TIMESTAMPED_ITEM.test(region), checklist: CHECKLIST.test(said) || !LOG.test(said) };
}

/** What `text` writes under its Progress heading, at `level`, up to the next heading at that level or above. */
function progressRegion(text: string, items: readonly Named[], level: number): string | undefined {
  const at = items.findIndex((i) => i.known === "progress" && i.depth === level);
  const progress = items[at];
  if (!progress) return undefined;
  const next = items.slice(at + 1).find((i) => i.depth <= level);
  return text.slice(progress.start, next?.start ?? text.length);
}

/** The top-level headings of a document. */
function headingsOf(root: Root): Named[] {
  return root.children.flatMap((n) => (n.type === "heading" ? [named(n)] : []));
}

/** A skeleton written out (in a code block, or a template file): its headings at their level, in order. */
function asSkeleton(items: readonly Named[], text: string): Skeleton {
  const level = sectionLevel(items);
  const first = items.findIndex((i) => i.depth === level && !PLACEHOLDER.test(i.text));
  return {
    level,
    title: items.slice(0, Math.max(first, 0)).some((i) => i.depth < level),
    ...progressForm(progressRegion(text, items, level)),
    sections: sectionsOf(items.filter((i) => i.depth === level)),
  };
}

/** A skeleton in a code block: the block that names the most sections. */
function fromCodeBlock(root: Root, lines: LineIndex): SkeletonReading | undefined {
  let best: { items: Named[]; value: string; line: number; score: number } | undefined;
  walk(root, (node) => {
    if (node.type !== "code" || (node.lang && !SKELETON_LANGS.has(node.lang.toLowerCase()))) return;
    const inner = parse(node.value);
    if (!inner) return;
    const items = headingsOf(inner);
    const s = score(items);
    if (s >= 2 && (!best || s > best.score)) best = { items, value: node.value, line: lines.position(nodeRange(node).start).line, score: s };
  });
  return best && { skeleton: asSkeleton(best.items, best.value), from: `the skeleton in the code block at line ${best.line}` };
}

/** Sections explained under headings of the document itself: the headings that name a section of the practice. */
function fromHeadings(root: Root, text: string): SkeletonReading | undefined {
  const items = headingsOf(root);
  const level = sectionLevel(items);
  const own = items.filter((i) => i.depth === level && i.known);
  if (score(own) < 2) return undefined;
  return {
    skeleton: { level: 2, title: true, ...progressForm(progressRegion(text, items, level)), sections: sectionsOf(own) },
    from: "the sections it explains under its own headings",
    levelAssumed: true,
  };
}

/** The first words of a list item that names a section: `**Progress**: …`, `` `Decision Log` — … ``, `Progress: …`. */
function itemName(item: ListItem): string | undefined {
  const first = item.children[0];
  if (first?.type !== "paragraph") return undefined;
  const lead = first.children[0];
  if (lead && (lead.type === "strong" || lead.type === "emphasis" || lead.type === "inlineCode")) return toString(lead).replace(/[:：]\s*$/, "").trim();
  return /^([^:：—–]{3,60}?)\s*(?:[:：]|\s[—–-]\s)/.exec(toString(first))?.[1]?.trim();
}

/** Sections only listed: list items that start with a section's name. */
function fromList(root: Root): SkeletonReading | undefined {
  const items: Named[] = [];
  let progress: string | undefined;
  walk(root, (node) => {
    if (node.type !== "listItem") return;
    const name = itemName(node);
    const known = name === undefined ? undefined : knownSectionOf(name);
    if (name === undefined || !known) return;
    items.push({ text: name, depth: 2, known, start: nodeRange(node).start });
    // what the item says of Progress, after its name: `Progress: a checklist, …`
    const said = toString(node);
    if (known === "progress" && progress === undefined) progress = `${name}\n${said.slice(said.indexOf(name) + name.length)}`;
  });
  if (score(items) < 2) return undefined;
  return { skeleton: { level: 2, title: true, ...progressForm(progress), sections: sectionsOf(items) }, from: "the sections it lists", levelAssumed: true };
}

/** The skeleton a template file (`docs/exec-plans/TEMPLATE.md`) is: its own headings, or undefined when it names fewer than two sections. */
export function readTemplate(text: string): SkeletonReading | undefined {
  const root = parse(text);
  const items = root ? headingsOf(root) : [];
  return score(items) >= 2 ? { skeleton: asSkeleton(items, text), from: "the template's own headings" } : undefined;
}

/** The skeleton `text` (a rules document) prescribes, or undefined when it names fewer than two of the practice's sections. */
export function readSkeleton(text: string): SkeletonReading | undefined {
  const root = parse(text);
  if (!root) return undefined;
  return fromCodeBlock(root, new LineIndex(text)) ?? fromHeadings(root, text) ?? fromList(root);
}
