/** Turns the paths and globs given on the command line into the Markdown files to lint. */
import { lstat, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "../shared/errors.js";

/** Never descended into, whatever the config says. */
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
const ALWAYS_IGNORED_DIRS = new Set(["node_modules", ".git"]);

export interface DiscoverOptions {
  cwd: string;
  /** Files for which this returns true are left out (config `ignores`, `.gitignore`). */
  isIgnored?: (absPath: string) => boolean | Promise<boolean>;
}

const GLOB_OPTIONS = { absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_IGNORED };

/**
 * The `.md` files and symlinks below `dir`. Symlinks are listed, never followed
 * (reading one is the reader's call: a loop or a link out of the tree is reported
 * there); a folder whose name ends in `.md` is walked like any folder.
 */
async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!ALWAYS_IGNORED_DIRS.has(entry.name)) await walk(abs, out);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(".md")) out.push(abs);
  }
}

/** Absolute paths of the Markdown files named by `patterns`, sorted, without duplicates. */
export async function discover(patterns: readonly string[], options: DiscoverOptions): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    let matches: string[];
    if (isDynamicPattern(pattern)) {
      matches = await glob(pattern, { ...GLOB_OPTIONS, cwd: options.cwd });
    } else {
      const abs = path.resolve(options.cwd, pattern);
      const info = await stat(abs).catch(() => lstat(abs).catch(() => undefined));
      if (!info) throw new UsageError(`No such file or directory: ${pattern}`);
      matches = [];
      if (info.isDirectory()) await walk(abs, matches);
      else matches.push(abs);
    }
    for (const m of matches) {
      const abs = path.normalize(m);
      if (found.has(abs) || (options.isIgnored && (await options.isIgnored(abs)))) continue;
      found.add(abs);
    }
  }
  return [...found].sort();
}
