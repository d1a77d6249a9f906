/**
 * Paths relative to a folder, and the root of the git work tree a path is in: CI
 * tools (GitHub code scanning, workflow annotations) address files relative to it,
 * and the search for config files stops there.
 */
import { existsSync } from "./read-fs.js";
import path from "node:path";

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree); undefined outside a repository. */
export function findRepoRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, ".git"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** A `.` or `..` segment, or an empty one: a path that path.relative would normalise first. */
const UNNORMALISED = path.sep === "/" ? /\/\.{1,2}(?:\/|$)|\/\/|\/$/ : /[\\/]\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$|\//;

/** `abs` relative to `dir` with `/` separators, or undefined when it is not inside `dir` (a folder may be named `..drafts`). */
export function relativeInside(dir: string, abs: string): string | undefined {
  // the usual case, a normalised path inside a normalised folder, without resolving both (once per file of a large tree)
  if (path.isAbsolute(dir) && abs.length > dir.length + 1 && abs.startsWith(dir) && abs[dir.length] === path.sep && !UNNORMALISED.test(abs) && !UNNORMALISED.test(dir)) {
    const rel = abs.slice(dir.length + 1);
    // a name starting with ".." is left to the general case, whatever it says of it
    if (!rel.startsWith("..")) return path.sep === "/" ? rel : rel.split(path.sep).join("/");
  }
  const rel = path.relative(dir, abs);
  if (rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

/**
 * `file` (relative to `cwd`) as a `/`-separated path relative to `root`, or
 * undefined when it lies outside `root`.
 */
export function pathUnder(root: string, cwd: string, file: string): string | undefined {
  return relativeInside(root, path.resolve(cwd, file));
}
