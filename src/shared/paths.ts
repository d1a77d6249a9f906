/** Paths relative to a folder, as patterns and messages write them. */
import path from "node:path";

/** `abs` relative to `dir` with `/` separators, or undefined when it is not inside `dir`. */
export function relativeInside(dir: string, abs: string): string | undefined {
  const rel = path.relative(dir, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}
