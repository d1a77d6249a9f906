/** Where repository paths are read from. */
import path from "node:path";
import type { FileSystemView } from "../shared/types.js";

/** The folders a repository path may be read from: the repository's folder and, when it lies below the root of its git work tree, that root too. */
export function pathBases(repo: string, files: FileSystemView): string[] {
  for (let dir = repo; ; dir = path.dirname(dir)) {
    if (files.exists(path.join(dir, ".git"))) return dir === repo ? [repo] : [repo, dir];
    if (path.dirname(dir) === dir) return [repo];
  }
}
