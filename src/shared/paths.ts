/** Paths relative to a folder, as patterns and messages write them. */
import path from "node:path";

/** A `.` or `..` segment, or an empty one: a path that path.relative would normalise first. */
const UNNORMALISED = path.sep === "/" ? /\/\.{1,2}(?:\/|$)|\/\/|\/$/ : /[\\/]\.{1,2}(?:[\\/]|$)|[\\/]{2}|[\\/]$|\//;

/** `abs` relative to `dir` with `/` separators, or undefined when it is not inside `dir`. */
export function relativeInside(dir: string, abs: string): string | undefined {
  // the usual case, a normalised path inside a normalised folder, without resolving both (once per file of a large tree)
  if (path.isAbsolute(dir) && abs.length > dir.length + 1 && abs.startsWith(dir) && abs[dir.length] === path.sep && !UNNORMALISED.test(abs) && !UNNORMALISED.test(dir)) {
    const rel = abs.slice(dir.length + 1);
    // a name starting with ".." is left to the general case, whatever it says of it
    if (!rel.startsWith("..")) return path.sep === "/" ? rel : rel.split(path.sep).join("/");
  }
  const rel = path.relative(dir, abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}
