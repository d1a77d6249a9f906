/** Whether a repository-relative path names something that exists in the repository, and where such paths are read from. */
import { existsSync } from "node:fs";
import path from "node:path";
import type { FileSystemView } from "../shared/types.js";

/** True when `rel` (`/`-separated, relative to `root`) exists below `root`; a path that climbs out of `root` never does. */
export function existsBelow(root: string, rel: string): boolean {
  const parts = rel.split("/");
  if (rel === "" || parts.some((p) => p === ".." || p === "")) return false;
  return existsSync(path.join(root, ...parts));
}

/** The folders a repository path may be read from: the repository's folder and, when it lies below the root of its git work tree, that root too. */
export function pathBases(repo: string, files: FileSystemView): string[] {
  for (let dir = repo; ; dir = path.dirname(dir)) {
    if (files.exists(path.join(dir, ".git"))) return dir === repo ? [repo] : [repo, dir];
    if (path.dirname(dir) === dir) return [repo];
  }
}
