/**
 * The name a tree gives the folders of finished work, so that a suggestion files a
 * plan or milestone where its siblings are and names the command of the agentrules
 * version that wrote them: `complete/` and `execplan complete` (the current CLI), or
 * `archive/` and `execplan archive` (the older CLI, whose trees still use that name).
 * `archive` only where no finished plan (or milestone) of the tree is under a
 * `complete/` (or `completed/`) folder.
 */
import type { IndexEntry, ProjectContext } from "../shared/types.js";
import { ARCHIVE_FOLDERS, treeOf } from "./plan-tree.js";

export type ClosedName = "complete" | "archive";

interface Names {
  plans: ClosedName;
  /** By `exec_plans` root; a plan folder with finished milestones of its own goes by them. */
  milestones: ClosedName;
  milestonesByPlanDir: Map<string, ClosedName>;
}

/** `archive` when that is the only closed name among `folders`, else `complete`. */
function nameOf(folders: Iterable<string>): ClosedName {
  let archive = false;
  for (const folder of folders) {
    if (folder === "archive") archive = true;
    else if (ARCHIVE_FOLDERS.has(folder)) return "complete";
  }
  return archive ? "archive" : "complete";
}

function build(context: Pick<ProjectContext, "index" | "memo">): Map<string, Names> {
  const tree = treeOf(context);
  const plans = new Map<string, string[]>();
  const milestones = new Map<string, string[]>();
  const byPlanDir = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, folder: string) => map.set(key, [...(map.get(key) ?? []), folder]);
  for (const { entry } of tree.plans) {
    const folder = entry.place.planFolder ?? "";
    if (entry.place.layout === "upstream" && ARCHIVE_FOLDERS.has(folder)) add(plans, entry.place.root, folder);
  }
  for (const { entry } of tree.milestones) {
    const folder = entry.place.folder ?? "";
    if (entry.place.layout !== "upstream" || !ARCHIVE_FOLDERS.has(folder)) continue;
    add(milestones, entry.place.root, folder);
    add(byPlanDir, entry.place.planDir, folder);
  }
  const roots = new Set([...tree.plans, ...tree.milestones].map((n) => n.entry.place.root));
  const names = new Map<string, Names>();
  for (const root of roots) {
    names.set(root, { plans: nameOf(plans.get(root) ?? []), milestones: nameOf(milestones.get(root) ?? []), milestonesByPlanDir: new Map() });
  }
  for (const [dir, folders] of byPlanDir) {
    const root = tree.milestones.find((m) => m.entry.place.planDir === dir)?.entry.place.root;
    if (root !== undefined) names.get(root)?.milestonesByPlanDir.set(dir, nameOf(folders));
  }
  return names;
}

/** Where a finished upstream plan of `entry`'s tree goes: `complete/…` or `archive/…`. */
export function closedPlanFolder(context: Pick<ProjectContext, "index" | "memo">, entry: IndexEntry): ClosedName {
  return context.memo("closed-folders", () => build(context)).get(entry.place.root)?.plans ?? "complete";
}

/** Where a finished upstream milestone of `entry`'s plan goes: `milestones/complete/` or `milestones/archive/`. */
export function closedMilestoneFolder(context: Pick<ProjectContext, "index" | "memo">, entry: IndexEntry): ClosedName {
  const names = context.memo("closed-folders", () => build(context)).get(entry.place.root);
  return names?.milestonesByPlanDir.get(entry.place.planDir) ?? names?.milestones ?? "complete";
}
