/**
 * The whole tree as the project rules see it: every plan with its ID, every
 * milestone with the plan and number it claims. Built once per run (memoized on
 * the project context) from the index, which holds front matter only.
 */
import { isPlanId, milestoneIdParts, splitMilestoneFileName, splitPlanFileName } from "./identity.js";
import type { IndexEntry, ProjectContext, ProjectIndex } from "../shared/types.js";

export interface PlanNode {
  entry: IndexEntry;
  /** The front matter `id` when it is a plan ID, else the ID in the file name. */
  id?: string;
  /** Every ID the plan answers to (front matter and file name, when they differ). */
  ids: string[];
}

export interface MilestoneNode {
  entry: IndexEntry;
  /** `execplan_id`, else the plan part of `id`, else the `EP-…` of the file name. */
  planId?: string;
  /** The number of `id`, else `ms`, else the `MS###` of the file name. */
  ms?: number;
  /** True under `milestones/archive/`, `milestones/complete/` or `milestones/completed/`. */
  archived: boolean;
  /** `planDir` and `planId`: the milestones of one plan (plans may share a folder in old trees). */
  planKey: string;
}

export interface Tree {
  plans: PlanNode[];
  milestones: MilestoneNode[];
  plansById: Map<string, PlanNode[]>;
  plansByDir: Map<string, PlanNode[]>;
}

/** The folders of finished milestones (and, below `exec_plans/`, of finished plans): `complete`, and the older `completed` and `archive`. */
export const ARCHIVE_FOLDERS: ReadonlySet<string> = new Set(["archive", "complete", "completed"]);

/** Adds `value` to the list under `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildTree(index: Pick<ProjectIndex, "entries">): Tree {
  const tree: Tree = { plans: [], milestones: [], plansById: new Map(), plansByDir: new Map() };
  for (const entry of index.entries) {
    if (entry.place.kind === "execplan") {
      const fromName = splitPlanFileName(entry.place.fileName).plan;
      const fromKey = entry.keys.id?.value;
      const ids = [...new Set([isPlanId(fromKey) ? fromKey : undefined, fromName].filter(isPlanId))];
      const plan: PlanNode = { entry, ids, ...(ids[0] !== undefined ? { id: ids[0] } : {}) };
      tree.plans.push(plan);
      for (const id of ids) push(tree.plansById, id, plan);
      push(tree.plansByDir, entry.place.planDir, plan);
      continue;
    }
    const byId = milestoneIdParts(entry.keys.id?.value);
    const name = splitMilestoneFileName(entry.place.fileName);
    const nameMs = name.ms !== undefined && /^MS\d{3}$/.test(name.ms) ? Number(name.ms.slice(2)) : undefined;
    const execplanId = entry.keys.execplan_id?.value;
    const ms = entry.keys.ms?.value;
    const planId = isPlanId(execplanId) ? execplanId : (byId?.planId ?? (isPlanId(name.plan) ? name.plan : undefined));
    const number = byId?.ms ?? (Number.isInteger(ms) && (ms as number) >= 1 && (ms as number) <= 999 ? (ms as number) : nameMs);
    // fields set one by one, not spread in: Node 20's spreads cost microseconds, and every milestone of the tree is here
    const node: MilestoneNode = { entry, archived: ARCHIVE_FOLDERS.has(entry.place.folder ?? ""), planKey: `${entry.place.planDir}\0${planId ?? ""}` };
    if (planId !== undefined) node.planId = planId;
    if (number !== undefined) node.ms = number;
    tree.milestones.push(node);
  }
  return tree;
}

export function treeOf(context: Pick<ProjectContext, "index" | "memo">): Tree {
  return context.memo("plan-tree", () => buildTree(context.index));
}
