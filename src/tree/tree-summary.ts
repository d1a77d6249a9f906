/**
 * The plans and milestones of the whole-tree index as plain data (`result.tree`),
 * for the board formats and `--format json`. Built from what the run read already:
 * front matter from the index, checklists, health tables and what a plan of the
 * PLANS.md practice says of itself from phase one.
 */
import path from "node:path";
import { buildTree, push, type MilestoneNode, type PlanNode } from "./plan-tree.js";
import type { FilePlace, IndexEntry, MilestoneSummary, PlanPlace, PlanSummary, PracticePlanSummary, ProjectIndex, TreeSummary } from "../shared/types.js";

/** Front matter values shown on the board: strings only (a list or a number where a date belongs is the rules' business). */
function text(entry: IndexEntry<FilePlace>, key: string): string | undefined {
  const v = entry.keys[key]?.value;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function fields<K extends string>(entry: IndexEntry<FilePlace>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = text(entry, key);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const COMMON = ["title", "status", "owner", "created", "updated"] as const;

function milestone(m: MilestoneNode): MilestoneSummary {
  const { entry } = m;
  const { folder, subfolders } = entry.place;
  return {
    file: entry.displayPath,
    ...fields(entry, ["id"]),
    ...(m.ms !== undefined ? { ms: m.ms } : {}),
    ...fields(entry, COMMON),
    ...(folder !== undefined ? { folder } : {}),
    ...(subfolders && subfolders.length > 0 ? { subfolders } : {}),
    ...(entry.body ? { body: entry.body } : {}),
  };
}

function byMs(a: MilestoneSummary, b: MilestoneSummary): number {
  return (a.ms ?? Infinity) - (b.ms ?? Infinity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}

/** The plan a milestone belongs to: the plan of its folder that it names, else the plan of its folder. */
function planOf(m: MilestoneNode, plansByDir: Map<string, PlanNode[]>): PlanNode | undefined {
  const here = plansByDir.get(m.entry.place.planDir);
  return here?.find((p) => m.planId !== undefined && p.ids.includes(m.planId)) ?? here?.[0];
}

/**
 * A plan of the PLANS.md practice on the board; null for a file its body shows is no
 * plan (none of the skeleton's sections: a note among the plans).
 */
function practicePlan(entry: IndexEntry<PlanPlace>, displayPath: (abs: string) => string): PracticePlanSummary | null {
  const { body } = entry;
  if (body && !body.plan) return null;
  const { title, status, progress, lastActivity, outcomes } = body?.plan ?? {};
  const { state } = entry.place;
  return {
    file: entry.displayPath,
    folder: displayPath(path.dirname(entry.path)),
    ...(state ? { state } : {}),
    finished: state === "completed" || status?.done === true,
    ...(title !== undefined ? { title } : fields(entry, ["title"])),
    ...(status ? { status: status.value, statusFrom: status.from } : {}),
    ...fields(entry, ["owner", "created", "updated"]),
    ...(body ? { body: { ...(progress ? { progress } : {}), ...(lastActivity ? { lastActivity } : {}), ...(outcomes ? { outcomes } : {}) } } : {}),
  };
}

export function treeSummary(index: ProjectIndex, today: string, displayPath: (abs: string) => string): TreeSummary {
  const { entries, roots } = index;
  const tree = buildTree({ entries });
  const milestonesOf = new Map<PlanNode, MilestoneNode[]>();
  // milestones whose folder holds no plan file, grouped as their plan would be
  const orphans = new Map<string, MilestoneNode[]>();
  for (const m of tree.milestones) {
    const plan = planOf(m, tree.plansByDir);
    if (plan) push(milestonesOf, plan, m);
    else push(orphans, m.planKey, m);
  }
  const plans: PlanSummary[] = tree.plans.map((p) => {
    const { entry } = p;
    const { planFolder, planDate } = entry.place;
    return {
      file: entry.displayPath,
      folder: displayPath(entry.place.planDir),
      layout: entry.place.layout,
      ...(p.id !== undefined ? { id: p.id } : {}),
      ...fields(entry, [...COMMON, "kind"]),
      ...(planFolder !== undefined ? { planFolder } : {}),
      ...(planDate && planDate.length > 0 ? { planDate } : {}),
      ...(entry.body ? { body: entry.body } : {}),
      milestones: (milestonesOf.get(p) ?? []).map(milestone).sort(byMs),
    };
  });
  for (const group of orphans.values()) {
    const first = group[0] as MilestoneNode;
    plans.push({
      folder: displayPath(first.entry.place.planDir),
      layout: first.entry.place.layout,
      ...(first.planId !== undefined ? { id: first.planId } : {}),
      milestones: group.map(milestone).sort(byMs),
    });
  }
  const key = (p: PlanSummary) => `${p.folder}\0${p.file ?? ""}\0${p.id ?? ""}`;
  plans.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const practice = index.plans?.flatMap((entry) => practicePlan(entry, displayPath) ?? []);
  return {
    today,
    roots: roots.map(displayPath),
    plans,
    ...(index.planFolders && index.planFolders.length > 0 ? { practiceFolders: index.planFolders.map(displayPath) } : {}),
    ...(practice ? { practicePlans: practice } : {}),
  };
}
