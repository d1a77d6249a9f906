/** Turns the paths and globs given on the command line into the Markdown files to lint. */
import type { Dirent } from "node:fs";
import { lstat, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "../shared/errors.js";
import type { Overrides } from "../source/read-source.js";

/** Never descended into, whatever the config says. */
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
const ALWAYS_IGNORED_DIRS = new Set(["node_modules", ".git"]);

/** The entries of a folder; none when it cannot be read. */
export type ListFolder = (dir: string) => Dirent[] | Promise<Dirent[]>;

export interface WalkOptions {
  /** Texts standing in for files: one not on disk is found as if it were, inside a folder walked or named by path (not by a glob). */
  overrides?: Overrides;
  /** Default: readdir. A long-lived caller answers from memory while a folder is unchanged (run/run-memory.ts). */
  listFolder?: ListFolder;
}

export interface DiscoverOptions extends WalkOptions {
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
async function walk(dir: string, out: string[], list: ListFolder): Promise<void> {
  for (const entry of await list(dir)) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!ALWAYS_IGNORED_DIRS.has(entry.name)) await walk(abs, out, list);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(".md")) out.push(abs);
  }
}

const readFolder: ListFolder = (dir) => readdir(dir, { withFileTypes: true }).catch(() => []);

/** The `.md` files below `dir` (none when it does not exist), and the overrides below it that are not on disk. */
export async function markdownFilesIn(dir: string, options: WalkOptions = {}): Promise<string[]> {
  const out: string[] = [];
  await walk(dir, out, options.listFolder ?? readFolder);
  if (options.overrides && options.overrides.size > 0) {
    const walked = new Set(out);
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const file of options.overrides.keys()) {
      if (file.endsWith(".md") && file.startsWith(prefix) && !walked.has(file)) out.push(file);
    }
  }
  return out;
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
      if (info?.isDirectory()) matches = await markdownFilesIn(abs, options);
      else if (info || options.overrides?.has(abs)) matches = [abs];
      else throw new UsageError(`No such file or directory: ${pattern}`);
    }
    for (const m of matches) {
      const abs = path.normalize(m);
      if (found.has(abs) || (options.isIgnored && (await options.isIgnored(abs)))) continue;
      found.add(abs);
    }
  }
  return [...found].sort();
}
