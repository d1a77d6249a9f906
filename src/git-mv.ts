/** The `git mv` command a rule suggests when a file is in the wrong place or has the wrong name. */
import path from "node:path";
import type { SourceFile } from "./types.js";

const SHELL_SAFE = /^[A-Za-z0-9_./@%+=:,-]+$/;

function quote(p: string): string {
  return SHELL_SAFE.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** `newAbs` shown like `file.displayPath`: relative to the working directory, `/`-separated. */
export function displayPathOf(file: SourceFile, newAbs: string): string {
  const fromFile = path.relative(path.dirname(file.path), newAbs).split(path.sep).join("/");
  return path.posix.normalize(path.posix.join(path.posix.dirname(file.displayPath), fromFile));
}

/** `git mv <old> <new>`, preceded by `mkdir -p` when the file moves to another folder (git mv does not create it). */
export function gitMv(file: SourceFile, newAbs: string): string {
  const target = displayPathOf(file, newAbs);
  const move = `git mv ${quote(file.displayPath)} ${quote(target)}`;
  return path.dirname(newAbs) === path.dirname(file.path) ? move : `mkdir -p ${quote(path.posix.dirname(target))} && ${move}`;
}
