/** `--fix-dry-run`: what `--fix` would change, as a unified diff that `git apply` accepts. Loaded only for that flag. */
import { createTwoFilesPatch } from "diff";
import type { LintResult } from "../shared/types.js";

const HEADER = { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } };

export function fixDiff(result: LintResult): string {
  let out = "";
  for (const f of result.files) {
    if (f.source === undefined || f.output === undefined) continue;
    out += createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.source, f.output, undefined, undefined, HEADER);
  }
  return out;
}
