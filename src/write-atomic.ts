/** Replaces a file's content all at once: a temporary file beside it, then a rename. */
import { chmod, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export interface WriteAtomicOptions {
  /**
   * Create the file when it does not exist (with the default mode, less the umask).
   * Off for `--fix`, which must never bring back a file that vanished mid-run.
   */
  create?: boolean;
}

export async function writeAtomic(file: string, text: string, options: WriteAtomicOptions = {}): Promise<void> {
  let mode: number | undefined;
  try {
    mode = (await stat(file)).mode;
  } catch (error) {
    if (!options.create || (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: "utf8", flag: "wx", ...(mode !== undefined ? { mode } : {}) });
    // writeFile's mode is masked by the umask; an existing file keeps exactly the mode it had
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
