/** Applying rule fixes to a text: ESLint's way, non-overlapping fixes in order, the rest left for the next pass. */
import type { Fix } from "../shared/types.js";

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = "";
  let last = 0;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < last || start > end || end > text.length) continue;
    out += text.slice(last, start) + fix.text;
    last = end;
  }
  return out + text.slice(last);
}
