/**
 * # links-exist
 *
 * The `links` values of a plan or milestone that are repository paths name files or
 * folders that exist (docs/format.md §8). Paths are read from the repository root
 * (the folder that holds `.agent/` or `.agents/`, or the root of its git work tree);
 * a path starting with `./` or `../` may also be read from the file's own folder.
 * When a plan or milestone has moved (`active/` to `complete/…`), the link goes stale
 * and the message says where it is now, found by its ID or its file name in the tree.
 * A path that git ignores is not judged: a clone does not have it. Nor is a missing
 * path in a plan or milestone that is still `planned`: work not started links the
 * document it is to write (`docs/rollout.md` for the milestone that writes it), so
 * only a link to a plan or milestone that has moved is judged there.
 *
 * A value is a repository path when it is one word, not a URL (`https://…`,
 * `mailto:`), not an issue or PR reference (`LEDGER-311`, `#42`, `org/repo#42`), not
 * an absolute or home path, not a glob, and either starts with `./`, `../`, or with a
 * folder that is in the repository, or ends with a file extension (`docs/design.md`,
 * `README.md`); `#anchor`, `?query` and `:line` are left off, comma-separated paths
 * are judged one by one, and a path that leads out of the repository is not judged.
 * Empty values are not judged.
 *
 * ## Valid
 *
 * ### Links that resolve
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * links:
 *   issue: "https://tracker.example.test/LEDGER-311"
 *   pr: "acme/ledger#230"
 *   docs: ".agent/exec_plans/complete/2026/03/20/EP-20260302-001_ledger-export/EP-20260302-001_ledger-export.md"
 *   design: ""
 * ---
 * ```
 *
 * ```md complete/2026/03/20/EP-20260302-001_ledger-export/EP-20260302-001_ledger-export.md
 * ---
 * id: EP-20260302-001
 * ---
 * ```
 *
 * ### Work not started names the document it will write
 *
 * ```md active/webhook-intake/milestones/active/MS002_retry-runbook.md
 * ---
 * id: EP-20260406-001/MS002
 * status: planned
 * links:
 *   docs: "docs/webhooks/retry-runbook.md"
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * links:
 *   docs: ".agent/exec_plans/active/ledger-export/EP-20260302-001_ledger-export.md"
 *   design: "docs/webhooks/design.md"
 * ---
 * ```
 *
 * ```md complete/2026/03/20/EP-20260302-001_ledger-export/EP-20260302-001_ledger-export.md
 * ---
 * id: EP-20260302-001
 * ---
 * ```
 *
 * ```text output
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:4:9  error  `links.docs` names ".agent/exec_plans/active/ledger-export/EP-20260302-001_ledger-export.md", which no longer exists: plan EP-20260302-001 is now at ".agent/exec_plans/complete/2026/03/20/EP-20260302-001_ledger-export/EP-20260302-001_ledger-export.md"; update the link.
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:5:11  error  `links.design` names "docs/webhooks/design.md", which does not exist in the repository; correct the path, or remove the link if the document is gone.
 * ```
 */
import path from "node:path";
import type { IndexEntry, ProjectContext, ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { repoDirOf } from "../src/tree/agent-dirs.js";
import { pathBases } from "../src/tree/repo-files.js";
import { treeOf } from "../src/tree/plan-tree.js";

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Extensions of files people link to from a plan. */
const FILE_EXTENSION = /\.(md|mdx|markdown|txt|rst|adoc|json|ya?ml|toml|csv|sql|sh|py|ts|tsx|js|jsx|mjs|go|rs|java|kt|rb|html?|pdf|png|jpe?g|svg|ipynb)$/i;
/** `github.com`, `docs.example.test`: a host written without its scheme. */
const HOST = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/**
 * The repository path one `links` value (or one item of a comma-separated value)
 * names, without `#anchor`, `?query` or `:line`; undefined when it is not a path.
 */
function repoPath(value: string, rootHas: (segment: string) => boolean): string | undefined {
  const v = value.trim().replace(/\\/g, "/");
  if (v === "" || /\s/.test(v) || URL_SCHEME.test(v) || /^[#@~/]/.test(v) || /^www\./i.test(v) || /[*?[\]{}]/.test(v.replace(/[#?].*$/, ""))) return undefined;
  const bare = v.replace(/[#?].*$/, "").replace(/:\d+(?:[-:]\d+)*$/, "");
  // `org/repo#42` and the like: a reference, not a file
  if (bare === "" || (bare !== v && !FILE_EXTENSION.test(bare))) return undefined;
  const segments = bare.split("/");
  const first = segments[0] ?? "";
  if (first === "." || first === "..") return bare;
  if (rootHas(first)) return bare;
  if (segments.length > 1 && HOST.test(first)) return undefined;
  return FILE_EXTENSION.test(bare) ? bare : undefined;
}

const posix = (p: string): string => p.split(path.sep).join("/");

const isInside = (dir: string, p: string): boolean => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** `docs/my%20notes.md` as a file name; the value itself when it is not URL-encoded. */
function decoded(link: string): string {
  try {
    return decodeURIComponent(link);
  } catch {
    return link;
  }
}

/** Where the plan or milestone a dead link named is now: the one plan of the tree with its ID, else the one file with its name. */
function movedTo(context: ProjectContext, link: string): { entry: IndexEntry; what: string } | undefined {
  const name = path.posix.basename(link);
  const tree = treeOf(context);
  const id = /^(EP-\d{8}-\d{3})(?:_[^/]*)?\.md$/.exec(name)?.[1];
  const plans = id !== undefined ? (tree.plansById.get(id) ?? []) : [];
  if (id !== undefined && plans.length === 1 && plans[0]) return { entry: plans[0].entry, what: `plan ${id}` };
  const named = context.index.entries.filter((e) => e.place.fileName === name);
  const [only] = named;
  return named.length === 1 && only ? { entry: only, what: `that ${only.place.kind === "execplan" ? "plan" : "milestone"}` } : undefined;
}

export const linksExist: ProjectRule = {
  meta: {
    id: "links-exist",
    scope: "project",
    description: "`links` values that are repository paths name files that exist (a moved plan: where it is now)",
    severity: "error",
    appliesTo: ["execplan", "milestone"],
    docsUrl: docsUrl("links-exist"),
    lifecycle: "link",
  },
  check(context) {
    const { files } = context;
    const basesOf = context.memo("links-exist:bases", () => new Map<string, string[]>());
    for (const entry of context.index.entries) {
      const links = entry.keys.links;
      const value = links?.value;
      if (!entry.linted || !links || value === null || typeof value !== "object" || Array.isArray(value)) continue;
      let from = basesOf.get(entry.place.root);
      if (!from) basesOf.set(entry.place.root, (from = pathBases(repoDirOf(entry.place.root), files)));
      const repo = from[0] as string;
      for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
        if (typeof raw !== "string") continue;
        // `docs/a.md,docs/b.md`: each one judged
        for (const item of raw.split(",")) {
          const link = repoPath(item, (segment) => from.some((base) => files.exists(path.join(base, segment))));
          if (link === undefined) continue;
          const readings = [link, ...(decoded(link) !== link ? [decoded(link)] : [])];
          const candidates = readings.flatMap((l) => [...from.map((base) => path.resolve(base, l)), ...(/^\.\.?\//.test(l) ? [path.resolve(path.dirname(entry.path), l)] : [])]);
          // a path that leads out of the repository cannot be judged from it
          if (!candidates.some((c) => from.some((base) => isInside(base, c)))) continue;
          if (candidates.some((c) => files.exists(c) || files.gitIgnored(c))) continue;
          const span = links.fieldSpans?.[key] ?? links.valueSpan;
          const written = quoteValue(item.trim(), Infinity);
          const moved = movedTo(context, link);
          // work not started may name the document it will write
          if (!moved && entry.keys.status?.value === "planned") continue;
          if (moved) {
            // both whole: the new path is what the user writes in
            const now = quoteValue(posix(path.relative(repo, moved.entry.path)), Infinity);
            context.report({ entry, span, message: `\`links.${key}\` names ${written}, which no longer exists: ${moved.what} is now at ${now}; update the link.` });
          } else {
            context.report({ entry, span, message: `\`links.${key}\` names ${written}, which does not exist in the repository; correct the path, or remove the link if the document is gone.` });
          }
        }
      }
    }
  },
};
