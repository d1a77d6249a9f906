/**
 * Replaces a file's content all at once: a temporary file beside it, then a rename.
 * `writeFixed` adds what `--fix` needs: only over the regular, writable file that
 * was read, only while it still holds what was read, only inside the tree as it is
 * at the moment of writing, with its mode kept; anything else leaves the file as it
 * was and says why.
 */
import { constants } from "node:fs";
import { access, lstat, open, realpath, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { relativeInside } from "../shared/paths.js";
import { FileRefused, readBounded } from "../source/read-file.js";

export interface WriteAtomicOptions {
  /**
   * Create the file when it does not exist (with the default mode, less the umask).
   * Off for `--fix`, which must never bring back a file that vanished mid-run.
   */
  create?: boolean;
  /** Give the file the default mode less the umask, whatever mode the file it replaces had (the cache: a file of ours, written anew). */
  freshMode?: boolean;
}

let written = 0;

/** Writes `text` (or its pieces, one after another) to a temporary file beside `file`, then renames it over `file`. */
async function replaceViaTemp(file: string, text: string | readonly string[], mode: number | undefined): Promise<void> {
  // Short and fixed-length: a long file name plus a suffix could pass the file system's name limit.
  const tmp = path.join(path.dirname(file), `.milestone-lint-${process.pid}-${++written}.tmp`);
  try {
    // `wx`: never reuse (or follow) something already at the temporary path.
    const handle = await open(tmp, "wx", mode);
    try {
      // each writeFile goes on from where the one before stopped
      for (const piece of typeof text === "string" ? [text] : text) await handle.writeFile(piece, "utf8");
      // the mode given to open() is masked by the umask; an existing file keeps exactly the mode it had
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Replaces `file` with `text`, or creates it. A regular file keeps its mode; a new
 * file, and one that replaces a symlink or anything else, gets the default mode less
 * the umask: never the mode of what a link points to (a link to `/dev/null` would
 * make it world-writable), and the rename replaces the link itself.
 */
export async function writeAtomic(file: string, text: string | readonly string[], options: WriteAtomicOptions = {}): Promise<void> {
  let mode: number | undefined;
  try {
    const info = await lstat(file);
    if (info.isFile() && !options.freshMode) mode = info.mode & 0o7777;
  } catch (error) {
    if (!options.create || (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await replaceViaTemp(file, text, mode);
}

/** The fixes were not written; `message` says why in a sentence. */
export class FixNotWritten extends Error {
  override readonly name = "FixNotWritten";
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "its folder is not writable (permission denied)";
  if (code === "EROFS") return "it is on a read-only file system";
  if (code === "ENOSPC" || code === "EDQUOT") return "the disk is full";
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** Why `file` (a regular file of `mode`) may not be replaced, or undefined when it may. */
async function notWritable(file: string, mode: number): Promise<string | undefined> {
  const shown = mode.toString(8).padStart(4, "0");
  // root may write anything, so the mode is looked at too: 0444 says "leave me alone"
  if ((mode & 0o222) === 0) return `it is read-only (mode ${shown}); make it writable to have it fixed`;
  return access(file, constants.W_OK).then(
    () => undefined,
    () => `you may not write it (mode ${shown}, permission denied)`,
  );
}

/** Whether `file` still holds exactly `original`, read no further than its length. */
function holds(file: string, original: string): boolean {
  try {
    return readBounded(file, Buffer.byteLength(original, "utf8")).toString("utf8") === original;
  } catch (error) {
    if (error instanceof FileRefused && error.reason === "too-large") return false;
    throw error;
  }
}

/**
 * Where `file` really is now, when that is inside `root`: a folder swapped for a
 * symlink since the file was read would otherwise send the write out of the tree.
 */
async function realPlace(file: string, root: string): Promise<string> {
  const dir = await realpath(path.dirname(file));
  const realRoot = await realpath(root);
  if (dir !== realRoot && relativeInside(realRoot, dir) === undefined) {
    throw new FixNotWritten(`its folder now leads out of the exec_plans folder (to "${dir}"), and --fix writes only inside the tree`);
  }
  return path.join(dir, path.basename(file));
}

/** Replaces `file` (under `root`, the `exec_plans` folder), which held `original` when it was read, with `text`. Throws FixNotWritten. */
export async function writeFixed(file: string, original: string, text: string, root: string): Promise<void> {
  let mode: number;
  let target: string;
  try {
    target = await realPlace(file, root);
    const info = await lstat(target);
    if (info.isSymbolicLink()) throw new FixNotWritten("it is a symlink, and --fix never writes through a link (fix the file it points to)");
    if (!info.isFile()) throw new FixNotWritten("it is no longer a regular file");
    mode = info.mode & 0o7777;
    const refused = await notWritable(target, mode);
    if (refused) throw new FixNotWritten(refused);
    if (!holds(target, original)) throw new FixNotWritten("it changed on disk while it was being linted");
  } catch (error) {
    if (error instanceof FixNotWritten) throw error;
    throw new FixNotWritten(reasonOf(error));
  }
  try {
    // the temporary file is made in the real folder, checked just now, and renamed there
    await replaceViaTemp(target, text, mode);
  } catch (error) {
    throw new FixNotWritten(reasonOf(error));
  }
}
