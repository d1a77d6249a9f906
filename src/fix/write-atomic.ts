/**
 * Replaces a file's content all at once: a temporary file beside it, then a rename.
 * `writeFixed` adds what `--fix` needs: only over the regular file that was read,
 * only while it still holds what was read, with its mode kept; anything else
 * leaves the file as it was and says why.
 */
import { lstat, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";

export interface WriteAtomicOptions {
  /**
   * Create the file when it does not exist (with the default mode, less the umask).
   * Off for `--fix`, which must never bring back a file that vanished mid-run.
   */
  create?: boolean;
}

let written = 0;

/** Writes `text` to a temporary file beside `file`, then renames it over `file`. */
async function replaceViaTemp(file: string, text: string, mode: number | undefined): Promise<void> {
  // Short and fixed-length: a long file name plus a suffix could pass the file system's name limit.
  const tmp = path.join(path.dirname(file), `.milestone-lint-${process.pid}-${++written}.tmp`);
  try {
    // `wx`: never reuse (or follow) something already at the temporary path.
    const handle = await open(tmp, "wx", mode);
    try {
      await handle.writeFile(text, "utf8");
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

export async function writeAtomic(file: string, text: string, options: WriteAtomicOptions = {}): Promise<void> {
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode & 0o7777;
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

/** Replaces `file`, which held `original` when it was read, with `text`. Throws FixNotWritten. */
export async function writeFixed(file: string, original: string, text: string): Promise<void> {
  let mode: number;
  try {
    const info = await lstat(file);
    if (info.isSymbolicLink()) throw new FixNotWritten("it is a symlink, and --fix never writes through a link (fix the file it points to)");
    if (!info.isFile()) throw new FixNotWritten("it is no longer a regular file");
    mode = info.mode & 0o7777;
    if ((await readFile(file, "utf8")) !== original) throw new FixNotWritten("it changed on disk while it was being linted");
  } catch (error) {
    if (error instanceof FixNotWritten) throw error;
    throw new FixNotWritten(reasonOf(error));
  }
  try {
    await replaceViaTemp(file, text, mode);
  } catch (error) {
    throw new FixNotWritten(reasonOf(error));
  }
}
