/**
 * The folders that hold `exec_plans`: `.agent/` as agentrules creates it, and
 * `.agents/`, as some repositories renamed it (their registry and templates moved
 * with it). Everything that derives a path from that folder goes through here.
 */
import { existsSync, lstatSync, realpathNative } from "../shared/read-fs.js";
import path from "node:path";

export const AGENT_DIRS: readonly string[] = [".agent", ".agents"];

export function isAgentDir(name: string): boolean {
  return AGENT_DIRS.includes(name);
}

/**
 * The repository folder of an `exec_plans` root: the folder that holds its `.agent/`
 * or `.agents/` (paths in `registry.json` and `links` are relative to it), else the
 * folder that holds `exec_plans` itself.
 */
export function repoDirOf(root: string): string {
  const parent = path.dirname(root);
  return isAgentDir(path.basename(parent)) ? path.dirname(parent) : parent;
}

/**
 * What a run lints when given no paths: whichever of `.agent` and `.agents` exists in
 * `cwd` (both when both do). One that is a link to the other (the compatibility
 * junction a repository leaves behind when it renames the folder) is the same tree,
 * read once, by the folder's real name.
 */
export function defaultTargets(cwd: string): string[] {
  const found = AGENT_DIRS.flatMap((dir) => {
    const abs = path.join(cwd, dir);
    if (!existsSync(abs)) return [];
    let real = abs;
    try {
      real = realpathNative(abs);
    } catch {
      // unreadable: judged by its own name
    }
    return [{ dir, real, link: lstatSync(abs).isSymbolicLink() }];
  });
  return found.filter((f, i) => !found.some((o, j) => j !== i && o.real === f.real && (f.link ? !o.link || j < i : !o.link && j < i))).map((f) => f.dir);
}
