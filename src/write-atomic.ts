/** Replaces a file's content all at once: a temporary file beside it, then a rename. */
import { chmod, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeAtomic(file: string, text: string): Promise<void> {
  const { mode } = await stat(file);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: "utf8", flag: "wx", mode });
    await chmod(tmp, mode);
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
