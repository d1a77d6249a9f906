/** The `git mv` command a rule suggests when a file is in the wrong place or has the wrong name. */
import path from "node:path";
import type { SourceFile } from "../shared/types.js";

/** What the commands need of a file: where it is and how it is shown (a SourceFile or an index entry). */
type Shown = Pick<SourceFile, "path" | "displayPath">;

const SHELL_SAFE = /^[A-Za-z0-9_./@%+=:,-]+$/;
/** Characters a single-quoted word would hold raw: a line break would split the command over two lines. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const C_ESCAPES: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "'": "\\'", "\\": "\\\\" };

/**
 * A path as one shell word: quoted only when it needs to be; with a control
 * character in it, as `$'…'` (bash, zsh and POSIX sh since 2024), so that the
 * command stays on one line.
 */
export function quote(p: string): string {
  if (SHELL_SAFE.test(p)) return p;
  if (!CONTROL.test(p)) return `'${p.replace(/'/g, `'\\''`)}'`;
  return `$'${p.replace(/[\u0000-\u001f\u007f-\u009f'\\]/g, (c) => C_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}'`;
}

/** `git mv -- <from> <to>`: `--` ends the options, so that a name starting with `-` is a path. */
export function gitMvCommand(from: string, to: string): string {
  return `git mv -- ${quote(from)} ${quote(to)}`;
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
  const move = gitMvCommand(displayPathOf(near, fromAbs), target);
  return path.dirname(toAbs) === path.dirname(fromAbs) ? move : `mkdir -p -- ${quote(path.posix.dirname(target))} && ${move}`;
}

/** One shell word as quote() writes it. */
const WORD = String.raw`([A-Za-z0-9_./@%+=:,-]+|'(?:[^']|'\\'')*'|\$'(?:[^'\\]|\\.)*')`;
const MOVE = new RegExp(String.raw`(?:^|&& )git mv -- ${WORD} ${WORD}$`);
const C_UNESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "'": "'", "\\": "\\" };
function unquote(word: string): string {
  if (word.startsWith("$'")) return word.slice(2, -1).replace(/\\(x[0-9a-f]{2}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (C_UNESCAPES[e] ?? e)));
  return word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word;
}

/** The paths of a move that gitMv() or gitMvPath() suggested, as shown (relative to the working directory); undefined for any other suggestion. */
export function parseGitMv(suggestion: string): { from: string; to: string } | undefined {
  const m = MOVE.exec(suggestion);
  return m ? { from: unquote(m[1] as string), to: unquote(m[2] as string) } : undefined;
}
