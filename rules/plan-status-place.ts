/**
 * # plan-status-place
 *
 * An ExecPlan's `status` agrees with where it sits. In the upstream layout
 * (docs/format.md §3) a finished plan moves from `active/<slug>/` to
 * `complete/YYYY/MM/DD/EP-…_<slug>/` (`archive/` is the older spelling), so:
 * - a plan under `complete/` or `archive/` is `done` or `archived`;
 * - an `archived` plan is under `complete/` (or `archive/`), not `active/`; the
 *   `git mv` of its folder to `complete/<today>/` is suggested. A `done` plan may
 *   still sit in `active/` until someone archives it.
 *
 * The template layout (docs/format.md §2) keeps every plan in `<plan_slug>/` whatever
 * its status: it has no folder for finished plans, so any status is right there
 * and this rule says nothing about template plans.
 *
 * ## Valid
 *
 * ```md complete/2026/03/08/EP-20260221-001_contracts/EP-20260221-001_contracts.md
 * ---
 * id: EP-20260221-001
 * status: done
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md complete/2026/03/08/EP-20260221-001_contracts/EP-20260221-001_contracts.md
 * ---
 * id: EP-20260221-001
 * status: active
 * ---
 * ```
 *
 * ```md active/search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * status: archived
 * ---
 * ```
 *
 * ```text output
 * active/search-index/EP-20260210-003_search-index.md:3:9  error  Status is "archived", but the plan is under `active/`; an archived plan lives under `complete/YYYY/MM/DD/EP-20260210-003_search-index/`: move its folder there (or set another status).
 *   → mkdir -p complete/2026/11/25 && git mv active/search-index complete/2026/11/25/EP-20260210-003_search-index
 * complete/2026/03/08/EP-20260221-001_contracts/EP-20260221-001_contracts.md:3:9  error  Status is "active", but the plan is under `complete/`, where finished plans go; set `status: done` (or `archived`), or move the plan back to `active/<slug>/` if it is not finished.
 * ```
 */
import path from "node:path";
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { gitMvPath } from "../src/tree/git-mv.js";
import { treeOf } from "../src/tree/plan-tree.js";
import { quoteValue } from "../src/shared/quote.js";

const FINISHED = new Set(["done", "archived"]);

export const planStatusPlace: ProjectRule = {
  meta: {
    id: "plan-status-place",
    scope: "project",
    description: "An upstream-layout plan under complete/ is done or archived, and an archived plan is under complete/",
    severity: "error",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("plan-status-place"),
    lifecycle: "place",
  },
  check(context) {
    for (const plan of treeOf(context).plans) {
      const { entry } = plan;
      const status = entry.keys.status?.value;
      if (!entry.linted || entry.place.layout !== "upstream" || typeof status !== "string") continue;
      const folder = entry.place.planFolder;
      if ((folder === "complete" || folder === "archive") && !FINISHED.has(status)) {
        context.report({
          entry,
          key: "status",
          message: `Status is ${quoteValue(status)}, but the plan is under \`${folder}/\`, where finished plans go; set \`status: done\` (or \`archived\`), or move the plan back to \`active/<slug>/\` if it is not finished.`,
        });
      } else if (folder === "active" && status === "archived") {
        // move the whole plan folder (with its milestones), unless several plans share it
        const [y, m, d] = context.today.split("-");
        const shared = path.basename(entry.place.planDir) === "active";
        const dest = path.join(entry.place.root, "complete", y ?? "", m ?? "", d ?? "", entry.place.fileName.replace(/\.md$/i, ""));
        context.report({
          entry,
          key: "status",
          message: `Status is "archived", but the plan is under \`active/\`; an archived plan lives under \`complete/YYYY/MM/DD/${path.basename(dest)}/\`: move its folder there (or set another status).`,
          ...(shared ? {} : { suggestion: gitMvPath(entry, entry.place.planDir, dest) }),
        });
      }
    }
  },
};
