/**
 * `--fix` for the whole-tree rules (a link to a plan's old place, given its new
 * one): their fixes are offsets into the text phase one left, applied once every
 * rule has run and the disable comments have been read (a suppressed problem is not
 * fixed), and written as phase one writes: all at once, only over what was read.
 */
import { applyFixes } from "../fix/fix.js";
import { writeFixed } from "../fix/write-atomic.js";
import { readSource } from "../source/read-source.js";
import type { Diagnostic, Overrides } from "../shared/types.js";

export interface ProjectFixOptions {
  /** The diagnostics of the whole-tree rules that carry a fix. */
  fixable: ReadonlySet<Diagnostic>;
  /** Where a shown path is on disk, and the folder a symlink may not lead out of. */
  fileOf: (displayPath: string) => { path: string; root: string } | undefined;
  /** Write the fixed files (false for `--fix-dry-run`). */
  write: boolean;
  overrides?: Overrides;
}

/** Applies the fixes of `byFile`'s kept whole-tree diagnostics; the fixed ones leave the results, the texts join `fixed`. */
export async function applyProjectFixes(
  byFile: Map<string, Diagnostic[]>,
  fixed: Map<string, { source: string; output: string }>,
  options: ProjectFixOptions,
): Promise<void> {
  for (const [file, list] of byFile) {
    const fixes = list.filter((d) => d.fix && options.fixable.has(d));
    const where = fixes.length > 0 ? options.fileOf(file) : undefined;
    if (!where) continue;
    const before = fixed.get(file);
    const read = before ? undefined : readSource(where.path, where.root, options.overrides);
    const current = before?.output ?? (read?.ok ? read.text : undefined);
    if (current === undefined) continue;
    const output = applyFixes(current, fixes.flatMap((d) => (d.fix ? [d.fix] : [])));
    if (output === current) continue;
    if (options.write) {
      try {
        await writeFixed(where.path, current, output, where.root);
      } catch {
        continue; // the file changed meanwhile or cannot be written: its problems stand as reported
      }
    }
    fixed.set(file, { source: before?.source ?? current, output });
    byFile.set(file, list.filter((d) => !fixes.includes(d)));
  }
}
