/**
 * Writes `--fix` output back safely: only over the regular file that was read,
 * only while it still holds what was read, all at once (a temporary file beside
 * it, then a rename), with the file's mode kept. Anything else leaves the file as
 * it was and says why.
 */
import { lstat, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";

let written = 0;

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
  // Short and fixed-length: a long file name plus a suffix could pass the file system's name limit.
  const tmp = path.join(path.dirname(file), `.milestone-lint-${process.pid}-${++written}.tmp`);
  try {
    // `wx`: never reuse (or follow) something already at the temporary path.
    const handle = await open(tmp, "wx", mode);
    try {
      await handle.writeFile(text, "utf8");
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new FixNotWritten(reasonOf(error));
  }
}
