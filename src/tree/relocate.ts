/**
 * Where a plan or milestone file goes when it moves to another plan folder or
 * layout (docs/format.md §2 and §3), for the `git mv` that whole-tree rules suggest.
 */
import path from "node:path";
import { isIsoDate } from "./dates.js";
import { ARCHIVE_FOLDERS } from "./plan-tree.js";
import type { IndexEntry, Layout, Place } from "../shared/types.js";

/** An absolute destination, or the reason none can be given. */
export type Target = string | { unknown: string };

/**
 * A milestone's place in the plan folder `planDir` of `layout`. Moving to the
 * template layout adds the `EP-…_` prefix and files a finished milestone under
 * `archive/YYYY/MM/DD/` (its own archive date when it has one, else its `updated`).
 */
export function milestoneTarget(entry: IndexEntry, planDir: string, layout: Layout, planId: string | undefined): Target {
  const { fileName, folder, subfolders = [] } = entry.place;
  const finished = ARCHIVE_FOLDERS.has(folder ?? "");
  if (folder !== "active" && !finished) return { unknown: "it is not in `milestones/active/` or a finished milestones folder" };
  if (entry.place.layout === layout) return path.join(planDir, path.relative(entry.place.planDir, entry.path));
  if (layout === "upstream") return path.join(planDir, "milestones", finished ? "complete" : "active", fileName);
  if (planId === undefined) return { unknown: "its plan ID is unknown" };
  const name = fileName.startsWith(`${planId}_`) ? fileName : `${planId}_${fileName}`;
  if (!finished) return path.join(planDir, "milestones", "active", name);
  const updated = entry.keys.updated?.value;
  const day = subfolders.length === 3 ? subfolders : typeof updated === "string" && isIsoDate(updated) ? updated.split("-") : undefined;
  if (!day) return { unknown: "the archive date folder needs a valid `updated` date" };
  return path.join(planDir, "milestones", "archive", ...day, name);
}

/**
 * Where `agentrules execplan complete` moves a plan's folder today: under
 * `complete/YYYY/MM/DD/` (`archive/…` in trees of the older CLI), named
 * `<ID>_<folder name>` (the file's own name without `.md` when its ID is unknown).
 */
export function completedPlanDir(place: Place, today: string, planId: string | undefined, folder: "complete" | "archive" = "complete"): string {
  const [y = "", m = "", d = ""] = today.split("-");
  const leaf = planId !== undefined ? `${planId}_${path.basename(place.planDir)}` : place.fileName.replace(/\.md$/i, "");
  return path.join(place.root, folder, y, m, d, leaf);
}
