/**
 * The sections of a plan of the PLANS.md practice, read against the skeleton its
 * repository prescribes (`plans.skeleton` in the config). A heading is one of the
 * skeleton's sections when it says the same thing: the skeleton's own wording, a
 * wording people give that section (`Decision log`, `Surprises and discoveries`,
 * `Progress Log`), one half of a bilingual heading (`進捗 / Progress`), or an alias
 * the config adds. Shared by the `execplan-*` rules and memoised per file and skeleton.
 */
import type { Heading } from "mdast";
import { scanBody, type ScannedHeading } from "./body-scan.js";
import { nodeRange } from "./markdown.js";
import { editDistance } from "../shared/suggest.js";
import configSchema from "../../schemas/config.schema.json" with { type: "json" };
import type { AnyFileContext, FileContext, PlanPlace, Skeleton, SkeletonSection } from "../shared/types.js";

/** The sections the practice names, by what they are for, with the wordings people use for them. */
export const KNOWN_SECTIONS = {
  purpose: ["Purpose / Big Picture", "Purpose", "Big Picture", "Purpose and Big Picture"],
  progress: ["Progress", "Progress Log", "Progress Tracker"],
  surprises: ["Surprises & Discoveries", "Surprises and Discoveries", "Discoveries", "Discoveries and Surprises"],
  decisions: ["Decision Log", "Decisions", "Decisions Log"],
  outcomes: ["Outcomes & Retrospective", "Outcomes and Retrospective", "Outcome & Retrospective", "Outcomes & Retrospectives", "Outcomes and Retrospectives", "Retrospective"],
  context: ["Context and Orientation", "Context & Orientation"],
  work: ["Plan of Work"],
  steps: ["Concrete Steps"],
  validation: ["Validation and Acceptance", "Validation & Acceptance"],
  recovery: ["Idempotence and Recovery", "Idempotency and Recovery"],
  artifacts: ["Artifacts and Notes", "Artefacts and Notes"],
  interfaces: ["Interfaces and Dependencies"],
} as const;
export type KnownSection = keyof typeof KNOWN_SECTIONS;

/** The living sections: the ones the practice makes mandatory in every plan. */
export const LIVING_SECTIONS: readonly KnownSection[] = ["progress", "surprises", "decisions", "outcomes"];

/** The skeleton of the practice's own example, used when the config gives none: the living sections are required. */
export const DEFAULT_SKELETON: Skeleton = {
  level: 2,
  title: true,
  timestamps: false,
  checklist: true,
  sections: (Object.keys(KNOWN_SECTIONS) as KnownSection[]).map((id) => ({
    heading: KNOWN_SECTIONS[id][0],
    required: LIVING_SECTIONS.includes(id),
  })),
};

/** Words that qualify a heading rather than name it: `Artifacts and Notes (optional)`. */
const QUALIFIERS = new Set(["optional", "required", "mandatory", "if applicable", "if needed", "as needed", "recommended"]);

/** A heading's text compared loosely: case, `&` or `and`, punctuation and a leading number do not count. */
export function headingKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/^\s*(?:\d+(?:\.\d+)*[.):]?|[ivx]+[.)]|[a-z][.)])\s+/u, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The halves of a bilingual or qualified heading: `進捗 / Progress`, `Progress (進捗)`, `Purpose / Big Picture`. */
function headingParts(text: string): string[] {
  // whitespace collapsed first, so that the split scans each space once
  const parts = text.replace(/\s+/g, " ").split(/ ?(?:[/|()（）【】:：]| [-–—] ) ?/u).map(headingKey);
  return parts.filter((p) => p !== "" && !QUALIFIERS.has(p));
}

const KNOWN_KEYS = new Map<string, KnownSection>();
for (const [id, forms] of Object.entries(KNOWN_SECTIONS) as [KnownSection, readonly string[]][]) {
  for (const form of forms) KNOWN_KEYS.set(headingKey(form), id);
}

/** A typo of a known wording (`Suprises & Discoveries`): at most two edits, and not more than one in five letters. */
export function nearMiss(a: string, b: string): boolean {
  const limit = Math.min(2, Math.floor(Math.min(a.length, b.length) / 5));
  return limit > 0 && a !== b && editDistance(a, b, limit) <= limit;
}

function knownWording(text: string): KnownSection | undefined {
  return KNOWN_KEYS.get(headingKey(text)) ?? headingParts(text).map((p) => KNOWN_KEYS.get(p)).find((id) => id !== undefined);
}

/** Which of the practice's sections a heading names, if any: by a known wording, one half of it, or a typo of a known wording. */
export function knownSectionOf(text: string): KnownSection | undefined {
  const exact = knownWording(text);
  if (exact) return exact;
  const whole = headingKey(text);
  for (const [key, id] of KNOWN_KEYS) if (nearMiss(whole, key)) return id;
  return undefined;
}

/** The wording to ask for: the skeleton's own, unless it is itself a typo of the practice's (`Suprises & Discoveries`). */
export function wordingOf(heading: string): string {
  if (knownWording(heading)) return heading;
  const id = knownSectionOf(heading);
  return id ? KNOWN_SECTIONS[id][0] : heading;
}

/** The keys a plan's heading may have to be this section of the skeleton. */
export function acceptedKeys(section: SkeletonSection): Set<string> {
  const keys = new Set<string>([headingKey(section.heading), ...headingParts(section.heading)]);
  for (const alias of section.aliases ?? []) keys.add(headingKey(alias));
  const known = knownSectionOf(section.heading);
  if (known) for (const form of KNOWN_SECTIONS[known]) keys.add(headingKey(form));
  keys.delete("");
  return keys;
}

/** The section of the skeleton a heading's text names: a whole match wins over a match of one half. */
export function skeletonSectionOf(accepted: readonly Set<string>[], text: string): number | undefined {
  const whole = headingKey(text);
  const byWhole = accepted.findIndex((keys) => keys.has(whole));
  if (byWhole >= 0) return byWhole;
  const parts = headingParts(text);
  const byPart = accepted.findIndex((keys) => parts.some((p) => keys.has(p)));
  return byPart >= 0 ? byPart : undefined;
}

/** A heading of the plan that is one of the skeleton's sections. */
export interface PlanSection {
  /** Index into the skeleton's sections. */
  section: number;
  heading: ScannedHeading;
  /** Where the section's content ends: the next heading at its level or above, or the end of the file. */
  end: number;
}

export interface PlanSections {
  skeleton: Skeleton;
  /** What a heading must say to be each section of the skeleton. */
  accepted: Set<string>[];
  /** Which of the practice's sections each skeleton section is, if any. */
  known: (KnownSection | undefined)[];
  /** The skeleton's sections as headings at the skeleton's level, in document order. */
  found: PlanSection[];
  /** Headings at the skeleton's level that are none of its sections (plans add their own), with where their content ends. */
  others: { heading: ScannedHeading; end: number }[];
  /** Headings of the skeleton's sections at another level. */
  misleveled: PlanSection[];
  /** The first heading above the sections' level, when it comes before every section. */
  title?: ScannedHeading;
  /** Where the body starts: the first block after the front matter. */
  bodyStart: number;
}

function read(context: AnyFileContext, skeleton: Skeleton): PlanSections {
  const body = scanBody(context);
  const top = new Set<Heading>(body.root.children.flatMap((n) => (n.type === "heading" ? [n] : [])));
  // sections are top-level headings: one in a list or a quote is part of the content
  const headings = body.headings.filter((h) => top.has(h.node));
  const accepted = skeleton.sections.map(acceptedKeys);
  const found: PlanSection[] = [];
  const others: PlanSections["others"] = [];
  const misleveled: PlanSection[] = [];
  let title: ScannedHeading | undefined;
  // where each heading's content ends: the next heading at its level or above (one pass, right to left)
  const ends: number[] = new Array(headings.length);
  const open: ScannedHeading[] = [];
  for (let i = headings.length - 1; i >= 0; i--) {
    const heading = headings[i] as ScannedHeading;
    while (open.length > 0 && (open[open.length - 1] as ScannedHeading).depth > heading.depth) open.pop();
    ends[i] = open[open.length - 1]?.range.start ?? context.file.text.length;
    open.push(heading);
  }
  headings.forEach((heading, i) => {
    const end = ends[i] as number;
    if (heading.depth < skeleton.level && !title && found.length === 0) {
      title = heading;
      return;
    }
    const section = heading.plain === "" ? undefined : skeletonSectionOf(accepted, heading.plain);
    if (section === undefined) {
      if (heading.depth === skeleton.level) others.push({ heading, end });
      return;
    }
    (heading.depth === skeleton.level ? found : misleveled).push({ section, heading, end });
  });
  const first = body.root.children.find((n) => n.type !== "yaml");
  return {
    skeleton,
    accepted,
    known: skeleton.sections.map((s) => knownSectionOf(s.heading)),
    found,
    others,
    misleveled,
    ...(title ? { title } : {}),
    bodyStart: first ? nodeRange(first).start : (context.frontMatter.close?.end ?? 0),
  };
}

/** The plan's sections read against `skeleton`. */
export function readPlanSections(context: AnyFileContext, skeleton: Skeleton): PlanSections {
  return context.memo(`plan:sections:${JSON.stringify(skeleton)}`, () => read(context, skeleton));
}

/** The first heading of one of the practice's sections (e.g. `progress`) at the skeleton's level. */
export function knownSection(sections: PlanSections, id: KnownSection): PlanSection | undefined {
  return sections.found.find((f) => sections.known[f.section] === id);
}

/** True when the file has at least one section of the skeleton, at any level: a file with none is no plan to judge. */
export function looksLikePlan(sections: PlanSections): boolean {
  return sections.found.length > 0 || sections.misleveled.length > 0;
}

/** How a section is named in messages: `## Progress`. */
export function sectionHeadingLabel(skeleton: Skeleton, index: number): string {
  return `${"#".repeat(skeleton.level)} ${wordingOf(skeleton.sections[index]?.heading ?? "?")}`;
}

/** A skeleton as a config writes it: only `sections` is needed, each with only its `heading`. */
export type SkeletonInput = Partial<Omit<Skeleton, "sections">> & { sections: (Omit<SkeletonSection, "required"> & { required?: boolean })[] };

/** The skeleton with its defaults: sections at level 2 under a title, Progress a checklist without timestamps, sections optional. */
export function completeSkeleton(given: SkeletonInput): Skeleton {
  return {
    level: given.level ?? 2,
    title: given.title ?? true,
    timestamps: given.timestamps ?? false,
    checklist: given.checklist ?? true,
    sections: given.sections.map((s) => ({ heading: s.heading, required: s.required ?? false, ...(s.aliases ? { aliases: s.aliases } : {}) })),
  };
}

/** The options every rule that reads the skeleton takes: the config's `plans.skeleton` fills it in. */
export type SkeletonOptions = { skeleton: SkeletonInput };

const SKELETON_OPTIONS_SCHEMA = {
  type: "object",
  properties: { skeleton: configSchema.definitions.skeleton },
  additionalProperties: false,
} as const;

/** The options part of the `meta` of every rule that reads the skeleton. */
export const SKELETON_OPTIONS = { optionsSchema: SKELETON_OPTIONS_SCHEMA, defaultOptions: { skeleton: DEFAULT_SKELETON } } as const;

/** The skeleton a rule judges by, from its options. */
export function skeletonOf(context: FileContext<SkeletonOptions, PlanPlace>): Skeleton {
  return context.memo(`plan:skeleton:${JSON.stringify(context.options.skeleton)}`, () => completeSkeleton(context.options.skeleton));
}
