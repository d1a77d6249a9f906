/**
 * Which files are plans of the PLANS.md practice: the ones the config's
 * `plans.files` patterns select and `plans.ignores` does not, never the rules
 * document itself. Nothing is guessed from a file's name or content: a folder of
 * plans also holds READMEs, indexes and trackers, and only the config says which is which.
 */
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { relativeInside } from "../shared/paths.js";
import type { PlanPlace, PlanSettings } from "../shared/types.js";

interface Matchers {
  files: Ignore;
  ignores: Ignore;
  active: Ignore;
  completed: Ignore;
  document?: string;
}

const matchersOf = new WeakMap<PlanSettings, Matchers>();

function matchers(plans: PlanSettings): Matchers {
  let m = matchersOf.get(plans);
  if (!m) {
    m = {
      files: ignore().add(plans.files),
      ignores: ignore().add(plans.ignores),
      active: ignore().add(plans.active),
      completed: ignore().add(plans.completed),
      ...(plans.document !== undefined ? { document: path.posix.normalize(plans.document.replace(/\\/g, "/")) } : {}),
    };
    matchersOf.set(plans, m);
  }
  return m;
}

/** The place of a plan file, or undefined when the config does not make `absPath` a plan. */
export function classifyPlan(absPath: string, plans: PlanSettings): PlanPlace | undefined {
  if (!absPath.toLowerCase().endsWith(".md")) return undefined;
  const rel = relativeInside(plans.root, absPath);
  if (rel === undefined) return undefined;
  const m = matchers(plans);
  if (!m.files.ignores(rel) || m.ignores.ignores(rel) || rel === m.document) return undefined;
  const state = m.completed.ignores(rel) ? "completed" : m.active.ignores(rel) ? "active" : undefined;
  const finish = state === "active" ? finishMove(plans, rel) : undefined;
  return { kind: "plan", root: plans.root, fileName: path.basename(absPath), ...(state ? { state } : {}), ...(finish ? { finish } : {}) };
}

/** A pattern that names one folder, without wildcards: `docs/exec-plans/active/` → `docs/exec-plans/active`. */
function plainFolder(pattern: string): string | undefined {
  const folder = pattern.replace(/^\//, "").replace(/\/$/, "");
  return folder === "" || /[*?[\]\\!]/.test(folder) ? undefined : folder;
}

/** `docs/exec-plans/active/x.md` → `docs/exec-plans/completed/x.md`; `plans/active/x/plan.md` moves `plans/active/x/`. */
function finishMove(plans: PlanSettings, rel: string): PlanPlace["finish"] {
  const completed = plans.completed.flatMap((p) => plainFolder(p) ?? []);
  const [to] = completed;
  if (completed.length !== 1 || to === undefined) return undefined;
  const from = plans.active.flatMap((p) => plainFolder(p) ?? []).find((a) => rel.startsWith(`${a}/`));
  if (from === undefined) return undefined;
  const [unit] = rel.slice(from.length + 1).split("/");
  if (unit === undefined) return undefined;
  return { from: path.join(plans.root, from, unit), to: path.join(plans.root, to, unit) };
}

/**
 * The folders to walk to find every plan: the part of each `files` pattern before
 * its first wildcard (the whole root for a pattern that may match at any depth).
 */
export function planFolders(plans: PlanSettings): string[] {
  const folders = new Set<string>();
  for (const pattern of plans.files) {
    if (pattern.startsWith("!")) continue;
    const anchored = pattern.replace(/^\//, "");
    // gitignore: a pattern with no `/` but at its end matches at any depth
    if (!anchored.replace(/\/$/, "").includes("/")) {
      folders.add(plans.root);
      continue;
    }
    const literal: string[] = [];
    for (const segment of anchored.split("/").slice(0, -1)) {
      if (/[*?[\]\\!]/.test(segment)) break;
      literal.push(segment);
    }
    folders.add(path.join(plans.root, ...literal));
  }
  return [...folders].sort();
}
