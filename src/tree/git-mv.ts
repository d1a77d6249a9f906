/** The `git mv` command a rule suggests when a file is in the wrong place or has the wrong name. */
import path from "node:path";
import type { SourceFile } from "../shared/types.js";

/** What the commands need of a file: where it is and how it is shown (a SourceFile or an index entry). */
type Shown = Pick<SourceFile, "path" | "displayPath">;

const SHELL_SAFE = /^[A-Za-z0-9_./@%+=:,-]+$/;

/** A path as one shell word: quoted only when it needs to be. */
export function quote(p: string): string {
  return SHELL_SAFE.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** `newAbs` shown like `file.displayPath`: relative to the working directory, `/`-separated. */
export function displayPathOf(file: Shown, newAbs: string): string {
  const fromFile = path.relative(path.dirname(file.path), newAbs).split(path.sep).join("/");
  return path.posix.normalize(path.posix.join(path.posix.dirname(file.displayPath), fromFile));
}

/** `git mv <old> <new>`, preceded by `mkdir -p` when the file moves to another folder (git mv does not create it). */
export function gitMv(file: Shown, newAbs: string): string {
  return gitMvPath(file, file.path, newAbs);
}

/** `git mv` of `fromAbs` (the file itself, or a folder above it, e.g. its plan folder) to `toAbs`, shown like `near`. */
export function gitMvPath(near: Shown, fromAbs: string, toAbs: string): string {
  const target = displayPathOf(near, toAbs);
  const move = `git mv ${quote(displayPathOf(near, fromAbs))} ${quote(target)}`;
  return path.dirname(toAbs) === path.dirname(fromAbs) ? move : `mkdir -p ${quote(path.posix.dirname(target))} && ${move}`;
}

/** One shell word as quote() writes it. */
const WORD = String.raw`([A-Za-z0-9_./@%+=:,-]+|'(?:[^']|'\\'')*')`;
const MOVE = new RegExp(String.raw`(?:^|&& )git mv ${WORD} ${WORD}$`);
const unquote = (word: string) => (word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word);

/** The paths of a move that gitMv() or gitMvPath() suggested, as shown (relative to the working directory); undefined for any other suggestion. */
export function parseGitMv(suggestion: string): { from: string; to: string } | undefined {
  const m = MOVE.exec(suggestion);
  return m ? { from: unquote(m[1] as string), to: unquote(m[2] as string) } : undefined;
}
