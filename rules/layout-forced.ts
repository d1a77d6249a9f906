/**
 * # layout-forced
 *
 * With no configuration both layouts are right (docs/format.md §2 and §3, and trees that
 * mix them while migrating), and this rule says nothing. A team that wants only one
 * sets `layout: "template"` or `"upstream"` in its config, or passes
 * `--layout template|upstream`; every plan and milestone file in the other layout
 * is then reported, with the `git mv` that puts it where the forced layout wants it:
 *
 * | file | template (§2) | upstream (§3) |
 * | --- | --- | --- |
 * | plan | `<slug>/EP-…_<slug>.md` | `active/<slug>/EP-…_<slug>.md` |
 * | active milestone | `<slug>/milestones/active/EP-…_MS###_<slug>.md` | `active/<slug>/milestones/active/<same name>` |
 * | finished milestone | `<slug>/milestones/archive/YYYY/MM/DD/EP-…_MS###_<slug>.md` (the day: its `updated`) | `active/<slug>/milestones/complete/<same name>` |
 *
 * A completed upstream plan (`complete/YYYY/MM/DD/EP-…_<slug>/`) goes back to
 * `<slug>/`. Milestone names without the `EP-…_` prefix get it when moved to the
 * template layout. Where the target cannot be worked out (no plan ID, no valid
 * `updated` date) the message says so and no command is given.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "layout": "upstream" }
 * ```
 *
 * ```md active/search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "layout": "upstream" }
 * ```
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * ---
 * ```
 *
 * ```text output
 * 1:1  error  This file follows the template layout (`<slug>/…`, docs/format.md §2), but this project uses only the upstream layout (`active/<slug>/…`, `complete/YYYY/MM/DD/…`, docs/format.md §3); move it to active/search-index/EP-20260210-003_search-index.md.
 *   → mkdir -p -- active/search-index && git mv -- search-index/EP-20260210-003_search-index.md active/search-index/EP-20260210-003_search-index.md
 * ```
 */
import path from "node:path";
import type { Layout, ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { displayPathOf, gitMv } from "../src/tree/git-mv.js";
import { isPlanId, splitPlanFileName } from "../src/tree/identity.js";
import { treeOf, type MilestoneNode, type Tree } from "../src/tree/plan-tree.js";
import { milestoneTarget, type Target } from "../src/tree/relocate.js";
import type { IndexEntry } from "../src/shared/types.js";

const DESCRIBE: Record<Layout, string> = {
  template: "the template layout (`<slug>/…`, docs/format.md §2)",
  upstream: "the upstream layout (`active/<slug>/…`, `complete/YYYY/MM/DD/…`, docs/format.md §3)",
};

/** The plan's slug: its folder name, without the `EP-…_` of a completed upstream plan's folder. */
function slugOf(entry: IndexEntry): string {
  const folder = path.basename(entry.place.planDir);
  const named = splitPlanFileName(`${folder}.md`);
  return entry.place.layout === "upstream" && entry.place.planFolder !== "active" && isPlanId(named.plan) ? (named.slug ?? folder) : folder;
}

/** Where the file goes in `layout`, or why that cannot be said. */
function target(entry: IndexEntry, layout: Layout, milestone: MilestoneNode | undefined): Target {
  const slug = slugOf(entry);
  const planDir = layout === "upstream" ? path.join(entry.place.root, "active", slug) : path.join(entry.place.root, slug);
  if (entry.place.kind === "execplan") return path.join(planDir, entry.place.fileName);
  return milestoneTarget(entry, planDir, layout, milestone?.planId);
}

export const layoutForced: ProjectRule = {
  meta: {
    id: "layout-forced",
    scope: "project",
    description: "When a layout is forced (config `layout`, `--layout`), every file follows it",
    severity: "error",
    appliesTo: ["execplan", "milestone"],
    docsUrl: docsUrl("layout-forced"),
  },
  check(context) {
    const forced = context.layout;
    if (forced === "auto") return;
    const tree: Tree = treeOf(context);
    const milestones = new Map(tree.milestones.map((m) => [m.entry.path, m]));
    for (const entry of context.index.entries) {
      if (!entry.linted || entry.place.layout === forced) continue;
      const dest = target(entry, forced, milestones.get(entry.path));
      const head = `This file follows ${DESCRIBE[entry.place.layout]}, but this project uses only ${DESCRIBE[forced]}`;
      if (typeof dest !== "string") {
        context.report({ entry, message: `${head}; move it by hand (${dest.unknown}).` });
        continue;
      }
      context.report({ entry, message: `${head}; move it to ${displayPathOf(entry, dest)}.`, suggestion: gitMv(entry, dest) });
    }
  },
};
