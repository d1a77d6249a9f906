/**
 * # execplan-local-path
 *
 * A plan names files by their path in the repository, never by where they lie on
 * one machine: `/Users/dana/src/shop/app/models/cart.rb`, `/home/dana/shop/…`,
 * `C:\Users\dana\shop\…`, a cloud workspace (`/workspace/shop/…`) or the absolute
 * path of this very checkout mean nothing to the next reader. When the rest of the
 * path names a file or folder of the repository (after the repository's folder
 * name, or as the longest tail of two or more parts that exists), the message gives
 * the repository-relative path, and `--fix` writes it.
 *
 * `/Users/…` and `C:\Users\…` are reported whatever follows; `/home/…` and
 * `/workspace/…` only when the rest names something in the repository, since a web
 * route may look the same (`/home/settings`). Code blocks are left alone: they quote
 * commands and output as they were run. Code spans are not.
 *
 * The repository is the folder of the config file that names the plans.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * The total is computed in `app/models/cart.rb`; the dashboard lives at `/home/settings`.
 *
 *     $ cd /Users/dana/src/shop && bin/rails test
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * The total is computed in `/Users/dana/src/shop/app/models/cart.rb`.
 * Notes are in /Users/dana/Desktop/cart-notes.txt.
 * ```
 *
 * ```ruby app/models/cart.rb
 * class Cart; end
 * ```
 *
 * ```text output
 * plans/csv-export.md:1:27  error  Machine-local path "/Users/dana/src/shop/app/models/cart.rb"; write it relative to the repository: "app/models/cart.rb".
 * plans/csv-export.md:2:14  error  Machine-local path "/Users/dana/Desktop/cart-notes.txt": it exists on one machine only; write a path relative to the repository, or leave it out.
 * ```
 */
import path from "node:path";
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { insideAny, scanBody } from "../src/source/body-scan.js";
import { existsBelow } from "../src/tree/repo-files.js";

/** A home or workspace folder and the one folder below it (the user, or the checkout), then the rest of the path. */
const LOCAL =
  /(?<![\w.~/\\-])(?:(\/Users\/|[A-Za-z]:[\\/]Users[\\/])|(\/home\/|\/workspaces?\/))([^\s\\/"'`<>()[\]{}|,;*]+)((?:[\\/][^\s\\/"'`<>()[\]{}|,;*]+)*[\\/]?)/g;
/** What ends a path in prose but is not part of it: punctuation, a `:12:3` line reference, a `#L12` anchor. */
const TRAILING = /(?:[.,:;!?]+|:\d+(?::\d+)?|#L\d+(?:-L?\d+)?)$/;

function trimTail(token: string): string {
  let t = token;
  for (let prev = ""; prev !== t; ) {
    prev = t;
    t = t.replace(TRAILING, "");
  }
  return t;
}

/** A path deeper than this is no path anyone wrote by hand: only its last parts are looked up. */
const MAX_SEGMENTS = 24;

/** The repository-relative path that the tail of `segments` names, if any. */
function relativeIn(root: string, all: readonly string[]): string | undefined {
  const segments = all.slice(-MAX_SEGMENTS);
  const name = path.basename(root);
  const named = segments.lastIndexOf(name);
  if (named >= 0 && named < segments.length - 1) {
    const rel = segments.slice(named + 1).join("/");
    if (existsBelow(root, rel)) return rel;
  }
  for (let i = 0; i <= segments.length - 2; i++) {
    const rel = segments.slice(i).join("/");
    if (existsBelow(root, rel)) return rel;
  }
  return undefined;
}

export const execplanLocalPath: FileRule<Record<string, never>, PlanPlace> = {
  meta: {
    id: "execplan-local-path",
    description: "No machine-local absolute paths (`/Users/…`, `/home/…`, `C:\\Users\\…`) where a repository path belongs",
    severity: "error",
    appliesTo: ["plan"],
    fixable: true,
    docsUrl: docsUrl("execplan-local-path"),
  },
  check(context) {
    const text = context.file.text;
    const { root } = context.file.place;
    const blocks = scanBody(context).codeBlocks;
    // a path as it is written, quoted as is: it holds no space or quote, and a backslash doubled could not be copied
    const report = (start: number, token: string, rel: string | undefined, always: boolean): void => {
      if (insideAny(blocks, start)) return;
      if (rel === undefined && !always) return;
      const end = start + token.length;
      context.report(
        rel === undefined
          ? { message: `Machine-local path "${token}": it exists on one machine only; write a path relative to the repository, or leave it out.`, at: { start, end } }
          : {
              message: `Machine-local path "${token}"; write it relative to the repository: "${rel}".`,
              at: { start, end },
              fix: { range: [start, end], text: rel },
            },
      );
    };
    const reported = new Set<number>();
    for (const m of text.matchAll(LOCAL)) {
      const [whole, strong, weak, first = "", rest = ""] = m;
      const token = trimTail(whole);
      const segments = trimTail(rest).split(/[\\/]/).filter((s) => s !== "");
      // a workspace's first folder is the checkout itself; a home's is the user
      const tail = weak?.startsWith("/workspace") ? [first, ...segments] : segments;
      report(m.index, token, relativeIn(root, tail), strong !== undefined);
      reported.add(m.index);
    }
    // this checkout's own absolute path, wherever it is
    const own = root.split(path.sep).join("/");
    for (let i = text.indexOf(`${own}/`); i >= 0; i = text.indexOf(`${own}/`, i + own.length)) {
      const end = text.slice(i).search(/[\s"'`<>()[\]{}|,;*]|$/);
      const token = trimTail(text.slice(i, i + end));
      if (reported.has(i)) continue;
      const rel = token.slice(own.length + 1);
      report(i, token, existsBelow(root, rel) ? rel : undefined, true);
    }
  },
};
