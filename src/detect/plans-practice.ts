/**
 * Recognises the PLANS.md practice in a repository and proposes the config's
 * `plans`: the rules document (the first that gives a skeleton of the files `AGENTS.md`
 * points to and `PLANS.md` at the root, in `docs/`, `.agent/` or `.agents/`: an index
 * that only points to the rules gives none) and the skeleton it prescribes (or,
 * when it gives none, the one a template among the plans is); the plan folders (the
 * ones the documents name, else the usual places); which files in them are plans
 * (the ones with two or more of the skeleton's sections, never a template) and which
 * are not (READMEs, indexes, trackers, notes, templates: named in `ignores`, so that
 * they are never judged); and the active and completed folders. Nothing is written here.
 */
import { existsSync, readdirSync, statSync } from "../shared/read-fs.js";
import path from "node:path";
import type { Heading } from "mdast";
import { toString } from "mdast-util-to-string";
import type { ConfigFile, PlansConfig } from "../config/config-files.js";
import { readFrontMatter } from "../source/front-matter.js";
import { BodyNotParsed, parseMarkdown } from "../source/markdown.js";
import { acceptedKeys, DEFAULT_SKELETON, skeletonSectionOf, type SkeletonInput } from "../source/plan-sections.js";
import { readSource } from "../source/read-source.js";
import { readSkeleton, readTemplate, type SkeletonReading } from "../source/skeleton.js";
import { classify } from "../tree/place.js";
import { classifyPlan } from "../tree/plan-place.js";
import type { PlanSettings, Skeleton } from "../shared/types.js";
import type { Detector } from "./detection.js";

/** Where rules documents are kept, in the order they are looked for. */
const DOCUMENTS = ["PLANS.md", "docs/PLANS.md", ".agent/PLANS.md", ".agents/PLANS.md"];
/** Where plans are kept when no document says. */
const FOLDERS = [
  "docs/exec-plans",
  "docs/exec_plans",
  "docs/execplans",
  "docs/plans",
  ".agent/execplans",
  ".agent/exec-plans",
  ".agent/plans",
  ".agents/execplans",
  ".agents/exec-plans",
  ".agents/plans",
  "exec-plans",
  "execplans",
  "plans",
];
const ACTIVE = ["active", "in-progress", "in_progress", "current", "open", "wip"];
const COMPLETED = ["completed", "complete", "done", "finished", "archive", "archived", "closed"];
/** The agentrules trees: another detector's, never plans of the practice. */
const AGENTRULES = /(^|\/)exec_plans(\/|$)/;
/** A template or an example of a plan, by its name or its folder's: never a plan itself. */
const TEMPLATE = /(?:^|[/._-])(?:templates?|examples?|samples?|skeleton)(?:[/._-]|$)/i;
/** A path a document names: `docs/exec-plans/active/`, `.agents/plans/<slug>/plan.md`. */
const NAMED_PATH = /(?<![\w./-])\.?[\w-]+(?:\/[\w.<>*-]+)+\/?/g;

export interface PlansDetection {
  config: ConfigFile & { plans: PlansConfig };
  /** What was found, one sentence each, without full stops: the skeleton, then the plans. */
  findings: string[];
  /** The file the skeleton was read from, if any. */
  document?: string;
}

const posix = (p: string): string => p.split(path.sep).join("/");
const isDir = (abs: string): boolean => existsSync(abs) && statSync(abs).isDirectory();

function read(abs: string, root: string): string | undefined {
  const r = readSource(abs, root);
  return r.ok ? r.text : undefined;
}

/** The rules documents that exist, in the order they are looked for: the Markdown files `AGENTS.md` names that have "plan" in their name, then the usual places. */
function findDocuments(cwd: string): string[] {
  const agents = read(path.join(cwd, "AGENTS.md"), cwd) ?? "";
  const named = [...agents.matchAll(/[\w./-]*\.md\b/g)].map((m) => m[0].replace(/^\.\//, "")).filter((p) => /plan/i.test(path.posix.basename(p)));
  return [...new Set([...named, ...DOCUMENTS])].filter((rel) => existsSync(path.join(cwd, rel)) && statSync(path.join(cwd, rel)).isFile());
}

interface Rules {
  /** The rules document, if any: the first that gives a skeleton, else the first found. */
  rules?: string;
  reading?: SkeletonReading;
  /** The text of every rules document found, where plan folders may be named. */
  texts: string[];
}

/** The rules documents read: an index such as `docs/PLANS.md` that only points to `.agents/PLANS.md` gives no skeleton, the document it points to does. */
function rulesOf(cwd: string): Rules {
  const found = findDocuments(cwd).flatMap((rel) => {
    const text = read(path.join(cwd, rel), cwd);
    return text === undefined ? [] : [{ rel, text }];
  });
  const texts = found.map((d) => d.text);
  for (const { rel, text } of found) {
    const reading = readSkeleton(text);
    if (reading) return { rules: rel, reading, texts };
  }
  return { ...(found[0] ? { rules: found[0].rel } : {}), texts };
}

/** The Markdown files below `dir`, relative to `cwd`, sorted (node_modules and .git left out). */
function markdownBelow(cwd: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs)) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".git") walk(child);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) out.push(posix(path.relative(cwd, child)));
    }
  };
  walk(path.join(cwd, dir));
  return out.sort();
}

/**
 * The plan folder a named path lies in: its leading folders that exist, up to the
 * last one with "plan" in its name (`docs/exec-plans/active/` → `docs/exec-plans`).
 */
function planFolderOf(cwd: string, named: string): string | undefined {
  const segments = named.replace(/\/$/, "").split("/");
  let folder: string | undefined;
  for (let i = 1; i <= segments.length; i++) {
    const rel = segments.slice(0, i).join("/");
    if (!isDir(path.join(cwd, rel))) break;
    if (/plan/i.test(segments[i - 1] ?? "")) folder = rel;
  }
  return folder;
}

/** The plan folders: those the documents name, else the usual ones that exist; never an agentrules tree or a folder of templates (`docs/templates/plans`), never one inside another. */
function findFolders(cwd: string, documents: readonly string[]): string[] {
  const named = documents.flatMap((text) => [...text.matchAll(NAMED_PATH)].flatMap((m) => planFolderOf(cwd, m[0]) ?? [])).filter((f) => !TEMPLATE.test(f));
  const candidates = named.length > 0 ? named : FOLDERS.filter((f) => isDir(path.join(cwd, f)));
  const unique = [...new Set(candidates)].filter((f) => !AGENTRULES.test(f)).sort();
  return unique.filter((f) => !unique.some((other) => other !== f && f.startsWith(`${other}/`)));
}

/** The top-level headings of `text` that are sections of the skeleton, with their level. */
function sectionHeadings(text: string, accepted: readonly Set<string>[]): { section: number; depth: number }[] {
  let root;
  try {
    root = parseMarkdown(text, readFrontMatter(text));
  } catch (error) {
    if (error instanceof BodyNotParsed) return [];
    throw error;
  }
  return root.children.flatMap((node) => {
    if (node.type !== "heading") return [];
    const section = skeletonSectionOf(accepted, toString(node as Heading).trim());
    return section === undefined ? [] : [{ section, depth: (node as Heading).depth }];
  });
}

/** True when the file has two or more of the skeleton's sections as top-level headings: a plan, not a note. */
const isPlan = (headings: readonly { section: number }[]): boolean => new Set(headings.map((h) => h.section)).size >= 2;

/** The level most plans write the skeleton's sections at (the shallower on a tie), if any. */
function commonLevel(headings: readonly { depth: number }[]): number | undefined {
  const counts = new Map<number, number>();
  for (const { depth } of headings) counts.set(depth, (counts.get(depth) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** The sub-folder of `folder` with one of `names`, if any. */
function subfolder(cwd: string, folder: string, names: readonly string[]): string | undefined {
  return names.map((n) => `${folder}/${n}`).find((rel) => isDir(path.join(cwd, rel)));
}

/** `files` patterns: `<folder>/**\/<name>` when every plan of a folder has one name below the folder, else every Markdown file. */
function filePatterns(folders: readonly string[], plans: readonly string[]): string[] {
  return folders.map((folder) => {
    const own = plans.filter((p) => p.startsWith(`${folder}/`));
    const names = new Set(own.map((p) => path.posix.basename(p)));
    const [name] = names;
    const nested = own.every((p) => p.slice(folder.length + 1).includes("/"));
    return names.size === 1 && own.length > 1 && nested && name ? `${folder}/**/${name}` : `${folder}/**/*.md`;
  });
}

/** What the skeleton is, in a few words: `PLANS.md prescribes 12 sections, 4 required (the skeleton in the code block at line 23)`; `level` where the plans set it. */
function describeSkeleton(reading: SkeletonReading | undefined, document: string | undefined, level: number | undefined): string {
  const at = level === undefined ? "" : `, at level ${level} as its plans write them`;
  if (!reading) return `${document ? `${document} gives no skeleton I can read` : "no rules document (PLANS.md) was found"}, so the practice's own sections are used, the four living ones required${at}`;
  const s = reading.skeleton;
  const required = s.sections.filter((x) => x.required).length;
  const progress = !s.checklist ? ", Progress kept as a log" : s.timestamps ? ", with timestamped Progress items" : "";
  return `${document} prescribes ${s.sections.length} sections, ${required} required${progress} (${reading.from}${at})`;
}

/** The skeleton as the config keeps it: `checklist` only where Progress is no checklist, the default being one. */
function written(skeleton: Skeleton): SkeletonInput {
  const { checklist, ...rest } = skeleton;
  return checklist ? rest : skeleton;
}

/** The practice as found from `cwd`, or undefined when no folder holds a plan. */
export function detectPlans(cwd: string): PlansDetection | undefined {
  const { rules, reading: fromRules, texts: documents } = rulesOf(cwd);
  const agents = read(path.join(cwd, "AGENTS.md"), cwd);
  const folders = findFolders(cwd, [...documents, agents ?? ""]);
  const texts = new Map<string, string>();
  for (const folder of folders) {
    for (const rel of markdownBelow(cwd, folder)) {
      const text = rel === rules || classify(path.join(cwd, rel)) ? undefined : read(path.join(cwd, rel), cwd);
      if (text !== undefined) texts.set(rel, text);
    }
  }
  const isTemplate = (rel: string) => TEMPLATE.test(rel.slice((folders.find((f) => rel.startsWith(`${f}/`)) ?? "").length));
  // a rules document without a skeleton: a template kept among the plans is one
  const template = fromRules
    ? undefined
    : [...texts].flatMap(([rel, text]) => {
        const r = isTemplate(rel) ? readTemplate(text) : undefined;
        return r ? [{ rel, reading: r }] : [];
      })[0];
  const reading = fromRules ?? template?.reading;
  const document = template?.rel ?? rules;
  const skeleton: Skeleton = reading?.skeleton ?? DEFAULT_SKELETON;
  const accepted = skeleton.sections.map(acceptedKeys);
  const plans: string[] = [];
  const others: string[] = [];
  const planHeadings: { depth: number }[] = [];
  for (const [rel, text] of texts) {
    const headings = isTemplate(rel) ? [] : sectionHeadings(text, accepted);
    (isPlan(headings) ? plans : others).push(rel);
    if (isPlan(headings)) planHeadings.push(...headings);
  }

  const used = folders.filter((f) => plans.some((p) => p.startsWith(`${f}/`)));
  if (used.length === 0) return undefined;
  // a skeleton that does not show the sections' heading level (or no skeleton): the level its plans write them at
  const level = reading === undefined || reading.levelAssumed ? commonLevel(planHeadings) : undefined;
  const levelled = level !== undefined && level !== skeleton.level ? { ...skeleton, level } : undefined;

  const active: string[] = [];
  const completed: string[] = [];
  for (const folder of used) {
    const done = subfolder(cwd, folder, COMPLETED);
    if (!done) continue;
    completed.push(`${done}/`);
    active.push(`${subfolder(cwd, folder, ACTIVE) ?? folder}/`);
  }
  const files = filePatterns(used, plans);
  // the files the patterns would take for plans and that are not
  const selects: PlanSettings = { root: cwd, files, ignores: [], active: [], completed: [] };
  const ignores = others.filter((o) => o !== document && classifyPlan(path.join(cwd, o), selects));
  const inState = (list: readonly string[]) => plans.filter((p) => list.some((f) => p.startsWith(f))).length;
  const counts = completed.length > 0 ? ` (${inState(completed)} completed, ${plans.length - inState(completed)} active)` : "";

  const config: PlansDetection["config"] = {
    extends: ["execplan"],
    plans: {
      ...(document !== undefined ? { document } : {}),
      files,
      ...(ignores.length > 0 ? { ignores } : {}),
      ...(completed.length > 0 ? { active, completed } : {}),
      ...(reading || levelled ? { skeleton: written(levelled ?? skeleton) } : {}),
    },
  };
  const findings = [
    describeSkeleton(reading, document, levelled?.level),
    `${used.join(" and ")} ${used.length === 1 ? "holds" : "hold"} ${plans.length} ${plans.length === 1 ? "plan" : "plans"}${counts}${ignores.length > 0 ? ` and ${ignores.length} ${ignores.length === 1 ? "file that is no plan, left out" : "files that are no plans, left out"} (${ignores.join(", ")})` : ""}`,
  ];
  return { config, findings, ...(document !== undefined ? { document } : {}) };
}

/** The detector `--init` and a run without config ask (see inspect.ts). */
export const plansPractice: Detector = {
  name: "plans of the PLANS.md practice",
  async detect(cwd) {
    const found = detectPlans(cwd);
    if (!found) return undefined;
    const [skeleton, plans] = found.findings;
    return {
      config: found.config,
      choice: `the "execplan" preset for plans of the PLANS.md practice, judged against ${found.document ?? "the practice's own sections"}`,
      reason: `${plans}, and ${skeleton}`,
      differsFromDefaults: true,
    };
  },
};
