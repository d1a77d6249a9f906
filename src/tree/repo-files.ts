/** Whether a repository-relative path names something that exists in the repository. */
import { existsSync } from "node:fs";
import path from "node:path";

/** True when `rel` (`/`-separated, relative to `root`) exists below `root`; a path that climbs out of `root` never does. */
export function existsBelow(root: string, rel: string): boolean {
  const parts = rel.split("/");
  if (rel === "" || parts.some((p) => p === ".." || p === "")) return false;
  return existsSync(path.join(root, ...parts));
}
