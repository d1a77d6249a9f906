/**
 * # execplan-references
 *
 * What a plan of the PLANS.md practice refers to still exists: the targets of its
 * Markdown links (`[the export plan](../completed/csv-export.md)`) and the Markdown
 * files it names in code spans (`` `docs/exec-plans/active/csv-export.md` ``). A path
 * is read from the plan's own folder (as a link is) or from the repository (the
 * config's folder, and the root of its git work tree); a path that git ignores is not
 * judged, a clone does not have it.
 *
 * When the path lies among the plans and names a plan that has moved (from
 * `active/` to `completed/`, with a date put before its name, or its own folder
 * moved), the message says where the plan is now, found by its name among the plans
 * the config names; `--fix` writes the new path, from the plan's folder or from the
 * repository as the old one was written. A link to anything else that is gone is
 * reported as such; a path in a code span only when it names a moved plan, since a
 * plan also names files it has yet to write. Where a plan not finished yet will go
 * (`completed/<its name>`, as in "move this plan to …") is no old place of it. A path
 * written from the folder a dev container mounts the repository at
 * (`/tidewater/src/load.ts`, where the repository has `src/` but no `tidewater/`) is
 * read from the repository.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "active": ["plans/active/"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/active/xlsx-export.md
 * Follows [the CSV export](../completed/csv-export.md); see `plans/completed/csv-export.md`.
 * The new writer goes in `docs/xlsx.md`.
 * Once it ships, move this plan to `plans/completed/xlsx-export.md`.
 * ```
 *
 * ```md plans/completed/csv-export.md
 * # Export invoices as CSV
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"], "active": ["plans/active/"], "completed": ["plans/completed/"] } }
 * ```
 *
 * ```md plans/active/xlsx-export.md
 * Follows [the CSV export](csv-export.md), as `plans/active/csv-export.md` says.
 * The column names are in [the spec](../../docs/columns.md).
 * ```
 *
 * ```md plans/completed/2026-03-csv-export.md
 * # Export invoices as CSV
 * ```
 *
 * ```text output
 * plans/active/xlsx-export.md:1:26  error  Link to "csv-export.md" no longer resolves: the plan is now at "../completed/2026-03-csv-export.md"; update the link.
 * plans/active/xlsx-export.md:1:46  error  "plans/active/csv-export.md" no longer names a plan: it is now at "plans/completed/2026-03-csv-export.md"; update the path.
 * plans/active/xlsx-export.md:2:36  error  Link to "../../docs/columns.md" names nothing in the repository; correct the path, or remove the link if the document is gone.
 * ```
 */
import path from "node:path";
import type { FileSystemView, IndexEntry, PlanPlace, ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { pathBases } from "../src/tree/repo-files.js";

/** `2026-03-csv-export.md` for `csv-export.md`: a date put before a name when the plan was filed. */
const DATE_PREFIX = /^\d{4}(?:[-_.]\d{2}){0,2}[-_.]$/;

function sameName(actual: string, wanted: string): boolean {
  return actual === wanted || (actual.endsWith(wanted) && DATE_PREFIX.test(actual.slice(0, actual.length - wanted.length)));
}

/** The one plan whose path ends as `link` does (its name, else its folder and name), a date before the name allowed. */
function movedPlan(plans: readonly IndexEntry<PlanPlace>[], link: string): IndexEntry<PlanPlace> | undefined {
  const segments = link.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
  for (let n = 1; n <= Math.min(2, segments.length); n++) {
    const tail = segments.slice(-n);
    const hits = plans.filter((plan) => {
      const parts = plan.path.split(path.sep).slice(-n);
      return parts.length === n && parts.every((part, i) => (i === 0 ? sameName(part, tail[0] as string) : part === tail[i]));
    });
    if (hits.length === 1) return hits[0];
    if (hits.length === 0) return undefined;
  }
  return undefined;
}

const posix = (p: string): string => p.split(path.sep).join("/");
/** A path that can stand in a link's target or a code span as it is: no space, bracket, backtick or escape. */
const SAFE_PATH = /^[^\s()<>`\\%#?]+$/;

/**
 * `/tidewater/src/x.ts` in a repository that its dev container mounts at `/tidewater`
 * and that plans name from there: the mount folder, when the repository has no folder
 * of that name but has the next one; else "".
 */
function mountPrefix(link: string, bases: readonly string[], files: FileSystemView): string {
  const [, first = "", second = ""] = link.split("/");
  if (!link.startsWith("/") || first === "" || second === "") return "";
  const has = (name: string) => bases.some((base) => files.exists(path.join(base, name)));
  return !has(first) && has(second) ? `/${first}` : "";
}

/** True when `meant` is where `plan`, not finished yet, will go: its own path elsewhere, or its place in the completed folder it will be filed in. */
function futurePlace(plan: IndexEntry<PlanPlace>, entry: IndexEntry<PlanPlace>, meant: readonly string[]): boolean {
  if (plan.place.state === "completed") return false;
  const finish = plan.place.finish;
  return plan.path === entry.path || (finish !== undefined && meant.some((c) => c.startsWith(path.dirname(finish.to) + path.sep)));
}

/** How a path was written: from the plan's folder (`../x.md`, `x.md`), or from the repository (`docs/x.md`: its first folder is there, or `/docs/x.md`). */
function writtenFrom(link: string, bases: readonly string[], files: FileSystemView): "plan" | "repository" | "root" {
  if (link.startsWith("/")) return "root";
  if (link.startsWith("./") || link.startsWith("../")) return "plan";
  const [first = ""] = link.split("/");
  return bases.some((base) => files.exists(path.join(base, first))) ? "repository" : "plan";
}

export const execplanReferences: ProjectRule = {
  meta: {
    id: "execplan-references",
    scope: "project",
    description: "Links and Markdown paths in a plan resolve; a moved plan's new place is named",
    severity: "error",
    appliesTo: ["plan"],
    fixable: true,
    docsUrl: docsUrl("execplan-references"),
    lifecycle: "link",
  },
  check(context) {
    const { files } = context;
    const plans = context.index.plans ?? [];
    const folders = context.index.planFolders ?? [];
    const basesOf = new Map<string, string[]>();
    for (const entry of plans) {
      if (!entry.linted || entry.unread || !entry.references) continue;
      let from = basesOf.get(entry.place.root);
      if (!from) basesOf.set(entry.place.root, (from = pathBases(entry.place.root, files)));
      const here = path.dirname(entry.path);
      for (const ref of entry.references) {
        const written = ref.path.replace(/\\/g, "/");
        const mount = mountPrefix(written, from, files);
        const link = written.slice(mount.length);
        // `/docs/x.md` is read from the repository, as GitHub reads it
        const candidates = [...(link.startsWith("/") ? [] : [path.resolve(here, link)]), ...from.map((base) => path.join(base, link))];
        if (candidates.some((c) => files.exists(c) || files.gitIgnored(c))) continue;
        // a path in a code span is read from the repository, as the practice writes paths
        const style = ref.kind === "code" && !/^\.\.?\//.test(link) ? "repository" : writtenFrom(link, from, files);
        const meant = style === "plan" ? [path.resolve(here, link)] : from.map((base) => path.join(base, link));
        // only a path among the plans can be a plan's old place: `docs/xlsx.md` is none of `plans/xlsx.md`
        const amongPlans = meant.some((c) => folders.some((f) => c.startsWith(f + path.sep)));
        const found = amongPlans ? movedPlan(plans, link) : undefined;
        // a plan's own future place (`completed/<its name>`) is no old place of it
        const moved = found && !futurePlace(found, entry, meant) ? found : undefined;
        if (found && !moved) continue;
        const report = (message: string, fix?: string) =>
          context.report({ entry, span: ref.span, message, ...(fix !== undefined ? { fix: { range: [ref.range.start, ref.range.end], text: fix } } : {}) });
        if (moved) {
          // the new path written as the old one was
          const repo = posix(path.relative(from[0] as string, moved.path));
          const now = style === "plan" ? posix(path.relative(here, moved.path)) : style === "root" ? `${mount}/${repo}` : repo;
          report(
            ref.kind === "link"
              ? `Link to ${quoteValue(written, Infinity)} no longer resolves: the plan is now at ${quoteValue(now, Infinity)}; update the link.`
              : `${quoteValue(written, Infinity)} no longer names a plan: it is now at ${quoteValue(now, Infinity)}; update the path.`,
            // written in place of the old path, when it reads the same in a link or a code span
            SAFE_PATH.test(now) ? now : undefined,
          );
        } else if (ref.kind === "link") {
          report(`Link to ${quoteValue(written, Infinity)} names nothing in the repository; correct the path, or remove the link if the document is gone.`);
        }
      }
    }
  },
};
