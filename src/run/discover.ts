/**
 * Turns the paths and globs given on the command line into the Markdown files to
 * lint, and says what each argument found, so that an argument that matched
 * nothing is reported rather than passed over.
 */
import { lstat, stat } from "../shared/read-fs.js";
import path from "node:path";
import picomatch from "picomatch";
import { glob, isDynamicPattern } from "tinyglobby";
import { UsageError } from "../shared/errors.js";
import { noteUntraceable } from "../shared/fs-trace.js";
import type { IgnoreReason, Overrides } from "../shared/types.js";
import { readFolder, type ListFolder } from "../shared/folders.js";

/** Never descended into, whatever the config says. */
const ALWAYS_IGNORED = ["**/node_modules/**", "**/.git/**"];
const ALWAYS_IGNORED_DIRS = new Set(["node_modules", ".git"]);

/** Why a file is left out (config `ignores`, `.gitignore`), or undefined when it is not. */
export type IgnoredBy = (absPath: string) => IgnoreReason | undefined | Promise<IgnoreReason | undefined>;

export interface DiscoverOptions {
  cwd: string;
  ignoredBy?: IgnoredBy;
  /** Searched when every argument is a `!pattern` (what the CLI searches given no path: `.agent`, `.agents`, the plans' folders). */
  fallback?: readonly string[];
  /** Texts standing in for files: one not on disk is found as if it were, when named or inside a folder named (not by a glob). */
  overrides?: Overrides;
  /** How folders are listed; default readdir. */
  listFolder?: ListFolder;
}

export type { ListFolder };

/** What one argument named. */
export interface ArgumentFound {
  /** As given. */
  arg: string;
  /** A path that exists is a path (even with glob characters in its name); otherwise a glob. */
  kind: "file" | "folder" | "glob";
  /** Absolute path, for a file or folder. */
  abs?: string;
  /** The files it named: Markdown files (any case of `.md`) or, for a file argument, any file. */
  found: string[];
  /** Of those, the ones left out, with why. */
  ignored: { file: string; reason: IgnoreReason }[];
}

export interface Discovery {
  /** Absolute paths of the files to lint, sorted, without duplicates. */
  files: string[];
  /** What each argument found, in the order given (`!pattern` negations not included). */
  args: ArgumentFound[];
  /** Folders that could not be listed, with why. */
  unreadableDirs: UnreadableDir[];
}

export interface UnreadableDir {
  dir: string;
  reason: string;
}

const GLOB_OPTIONS = { absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_IGNORED };

export const isMarkdownName = (name: string): boolean => name.toLowerCase().endsWith(".md");

function readdirReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? String(error));
}

/**
 * The Markdown files below `dir` (`.md` in any case): regular files, symlinks
 * (listed, never followed: reading one is the reader's call, and a loop or a link
 * out of the tree is reported there) and other kinds of file (a named pipe or a
 * device, which the reader refuses with a message rather than waiting on). A folder
 * whose name ends in `.md` is walked like any folder; one that cannot be listed is
 * added to `unreadable`. `regular` gathers the files met as regular files: below
 * folders, never links, they lie inside `dir`'s real folder.
 */
export function walkMarkdown(dir: string, out: string[], unreadable: UnreadableDir[], list: ListFolder = readFolder, regular?: Set<string>): void {
  let entries;
  try {
    entries = list(dir);
  } catch (error) {
    unreadable.push({ dir, reason: readdirReason(error) });
    return;
  }
  // `dir` is normalised and a name holds no separator: no need for path.join's normalising, once per file
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  for (const entry of entries) {
    const abs = prefix + entry.name;
    if (entry.isDirectory()) {
      if (!ALWAYS_IGNORED_DIRS.has(entry.name)) walkMarkdown(abs, out, unreadable, list, regular);
    } else if (isMarkdownName(entry.name)) {
      out.push(abs);
      if (entry.isFile()) regular?.add(abs);
    }
  }
}

/** The Markdown files the walks of `roots` meet as regular files (walkMarkdown's `regular`). */
export function walkedFiles(roots: readonly string[], list?: ListFolder): Set<string> {
  const regular = new Set<string>();
  for (const root of roots) walkMarkdown(root, [], [], list, regular);
  return regular;
}

/** The overridden Markdown files inside `dir` that `walked` does not hold (they are not on disk). */
export function overridesIn(dir: string, overrides: Overrides | undefined, walked: readonly string[]): string[] {
  if (!overrides || overrides.size === 0) return [];
  const inside = dir.endsWith(path.sep) ? dir : dir + path.sep;
  const known = new Set(walked);
  return [...overrides.keys()].filter((file) => file.startsWith(inside) && isMarkdownName(file) && !known.has(file));
}

/** `!pattern` arguments: files they match (relative to `cwd`, or absolute) are left out. */
function negations(negated: readonly string[], cwd: string): ((abs: string) => IgnoreReason | undefined) | undefined {
  if (negated.length === 0) return undefined;
  const matchers = negated.map((p) => ({ pattern: p, test: picomatch(p.slice(1), { dot: true }) }));
  return (abs) => {
    const rel = path.relative(cwd, abs).split(path.sep).join("/");
    const posix = abs.split(path.sep).join("/");
    const hit = matchers.find((m) => m.test(rel) || m.test(posix));
    return hit ? { by: "ignores", description: `the argument "${hit.pattern}"` } : undefined;
  };
}

/** What `patterns` name: each argument's files, and the files to lint. */
export async function discover(patterns: readonly string[], options: DiscoverOptions): Promise<Discovery> {
  const { cwd } = options;
  const existing = await Promise.all(
    patterns.map((p) => {
      const abs = path.resolve(cwd, p);
      return stat(abs).catch(() => lstat(abs).catch(() => undefined));
    }),
  );
  // `!pattern` leaves files out, unless a file of that name exists
  const isNegation = (p: string, i: number) => p.startsWith("!") && p.length > 1 && !existing[i];
  const negated = negations(patterns.filter(isNegation), cwd);
  const fallback = options.fallback;
  if (fallback !== undefined && patterns.length > 0 && patterns.every(isNegation)) return discover([...fallback, ...patterns], { ...options, fallback: undefined });
  const files = new Set<string>();
  const args: ArgumentFound[] = [];
  const unreadableDirs: UnreadableDir[] = [];
  for (const [i, arg] of patterns.entries()) {
    if (isNegation(arg, i)) continue;
    const info = existing[i];
    const abs = path.resolve(cwd, arg);
    let found: ArgumentFound;
    if (info || options.overrides?.has(abs)) {
      // a path that exists is a path: `(draft).md`, `a[1].md` or `*` are names, not globs
      found = { arg, kind: info?.isDirectory() ? "folder" : "file", abs, found: [], ignored: [] };
      if (info?.isDirectory()) {
        walkMarkdown(abs, found.found, unreadableDirs, options.listFolder);
        found.found.push(...overridesIn(abs, options.overrides, found.found));
      } else found.found.push(abs);
    } else if (isDynamicPattern(arg)) {
      // the glob library reads the disk itself: a run given one is not replayed from the cache
      noteUntraceable(`the glob "${arg}"`);
      found = { arg, kind: "glob", found: (await glob(arg, { ...GLOB_OPTIONS, cwd })).map((m) => path.normalize(m)), ignored: [] };
    } else {
      throw new UsageError(`No such file or directory: ${arg}`);
    }
    for (const file of found.found) {
      const reason = negated?.(file) ?? (await options.ignoredBy?.(file));
      if (reason) found.ignored.push({ file, reason });
      else files.add(file);
    }
    args.push(found);
  }
  return { files: [...files].sort(), args, unreadableDirs };
}
