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
 * route may look the same (`/home/settings`). The repository's own folder on one
 * machine (`/Users/dana/src/shop` in a clone named `shop`, "run every command from …")
 * is reported as such: "the repository root" is usually what is meant. Code blocks are left alone: they quote
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
 * Notes are in /Users/dana/Desktop/cart-notes.txt, the mock-ups in `/Users//Desktop/mockups`.
 * ```
 *
 * ```ruby app/models/cart.rb
 * class Cart; end
 * ```
 *
 * ```text output
 * plans/csv-export.md:1:27  error  Machine-local path "/Users/dana/src/shop/app/models/cart.rb"; write it relative to the repository: "app/models/cart.rb".
 * plans/csv-export.md:2:14  error  Machine-local path "/Users/dana/Desktop/cart-notes.txt": it exists on one machine only; write a path relative to the repository, or leave it out.
 * plans/csv-export.md:2:67  error  Machine-local path "/Users//Desktop/mockups": it exists on one machine only; write a path relative to the repository, or leave it out.
 * ```
 */
import path from "node:path";
import type { FileSystemView, ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { pathBases } from "../src/tree/repo-files.js";

/** True when `rel` (`/`-separated) names something in the repository; a path that climbs out of it never does. */
function existsIn(repo: string, rel: string, files: FileSystemView): boolean {
  const parts = rel.split("/");
  return rel !== "" && !parts.includes("..") && files.exists(path.join(repo, ...parts));
}

/** The repository-relative path the tail of a machine-local path names: after the repository's folder name, else the longest tail of two parts or more that exists. */
function relativeIn(repo: string, tail: readonly string[], files: FileSystemView): string | undefined {
  const exists = (rel: string) => existsIn(repo, rel, files);
  const named = tail.lastIndexOf(path.basename(repo));
  if (named >= 0 && named < tail.length - 1) {
    const rel = tail.slice(named + 1).join("/");
    if (exists(rel)) return rel;
  }
  for (let i = 0; i <= tail.length - 2; i++) {
    const rel = tail.slice(i).join("/");
    if (exists(rel)) return rel;
  }
  return undefined;
}

export const execplanLocalPath: ProjectRule = {
  meta: {
    id: "execplan-local-path",
    scope: "project",
    description: "No machine-local absolute paths (`/Users/…`, `/home/…`, `C:\\Users\\…`) where a repository path belongs",
    severity: "error",
    appliesTo: ["plan"],
    fixable: true,
    docsUrl: docsUrl("execplan-local-path"),
  },
  check(context) {
    const { files } = context;
    for (const entry of context.index.plans ?? []) {
      if (!entry.linted || entry.unread || !entry.localPaths) continue;
      const [repo = entry.place.root] = pathBases(entry.place.root, files);
      for (const local of entry.localPaths) {
        const inside = local.inCheckout;
        const rel = inside !== undefined ? (existsIn(repo, inside, files) ? inside : undefined) : relativeIn(repo, local.tail, files);
        if (rel === undefined && !local.strong) continue;
        // `/Users/dana/src/shop` in a repository cloned as `shop`: its own folder, on one machine
        if (rel === undefined && local.tail.at(-1) === path.basename(repo)) {
          context.report({ entry, span: local.span, message: `Machine-local path "${local.token}" names this repository's folder on one machine; write "the repository root" where that is meant, or leave the path out.` });
          continue;
        }
        // a path as it is written, quoted as is: it holds no space or quote, and a backslash doubled could not be copied
        context.report(
          rel === undefined
            ? { entry, span: local.span, message: `Machine-local path "${local.token}": it exists on one machine only; write a path relative to the repository, or leave it out.` }
            : {
                entry,
                span: local.span,
                message: `Machine-local path "${local.token}"; write it relative to the repository: "${rel}".`,
                fix: { range: [local.range.start, local.range.end], text: rel },
              },
        );
      }
    }
  },
};
