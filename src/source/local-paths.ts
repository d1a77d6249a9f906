/**
 * Machine-local absolute paths in a plan: under a user's home (`/Users/dana/…`,
 * `/home/dana/…`, `C:\Users\dana\…`), a cloud workspace (`/workspace/shop/…`), or the
 * absolute path of the checkout being linted. Code blocks are left out: they quote
 * commands and output as they were run. What the rest of each path names in the
 * repository is for the whole-tree rule to find.
 */
import path from "node:path";
import { insideAny, scanBody } from "./body-scan.js";
import type { AnyFileContext, IndexedLocalPath } from "../shared/types.js";

/** A machine-local path as found: the index keeps it with its line and column (`IndexedLocalPath`). */
export type LocalPath = Omit<IndexedLocalPath, "span">;

/** A home or workspace folder and the one folder below it (the user, or the checkout; a user's name scrubbed away leaves `/Users//`), then the rest of the path. */
const LOCAL =
  /(?<![\w.~/\\-])(?:(\/Users\/|[A-Za-z]:[\\/]Users[\\/])|(\/home\/|\/workspaces?\/))([^\s\\/"'`<>()[\]{}|,;*]*)((?:[\\/][^\s\\/"'`<>()[\]{}|,;*]+)*[\\/]?)/g;
/** What ends a path in prose but is not part of it: punctuation, a `:12:3` line reference, a `#L12` anchor. */
const TRAILING = /(?:[.,:;!?]+|:\d+(?::\d+)?|#L\d+(?:-L?\d+)?)$/;
/** A path deeper than this is no path anyone wrote by hand: only its last parts are looked up. */
const MAX_SEGMENTS = 24;

function trimTail(token: string): string {
  let t = token;
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t.replace(TRAILING, "");
  }
  return t;
}

const parts = (p: string): string[] => p.split(/[\\/]/).filter((s) => s !== "").slice(-MAX_SEGMENTS);

/** The machine-local paths of the plan, in document order; `checkout` is the absolute path of the repository being linted. */
export function localPaths(context: AnyFileContext, checkout: string): LocalPath[] {
  const text = context.file.text;
  const blocks = scanBody(context).codeBlocks;
  const found: LocalPath[] = [];
  const add = (start: number, token: string, p: Omit<LocalPath, "token" | "range">): void => {
    if (!insideAny(blocks, start)) found.push({ token, range: { start, end: start + token.length }, ...p });
  };
  for (const m of text.matchAll(LOCAL)) {
    const [whole, strong, weak, first = "", rest = ""] = m;
    // a workspace's first folder is the checkout itself; a home's is the user
    const tail = parts(trimTail(rest));
    // `/Users/` alone (`homes are under /Users/.`) names no one's files
    if (parts(trimTail(`${first}${rest}`)).length === 0) continue;
    add(m.index, trimTail(whole), { strong: strong !== undefined, tail: weak?.startsWith("/workspace") && first !== "" ? [first, ...tail] : tail });
  }
  // this checkout's own absolute path, wherever it is
  const own = checkout.split(path.sep).join("/");
  const seen = new Set(found.map((f) => f.range.start));
  for (let i = text.indexOf(`${own}/`); i >= 0; i = text.indexOf(`${own}/`, i + own.length)) {
    if (seen.has(i)) continue;
    const end = text.slice(i).search(/[\s"'`<>()[\]{}|,;*]|$/);
    const token = trimTail(text.slice(i, i + end));
    const inCheckout = token.slice(own.length + 1);
    add(i, token, { strong: true, tail: parts(inCheckout), inCheckout });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}
