/**
 * # plan-status-place
 *
 * An ExecPlan's `status` agrees with where it sits. In the upstream layout
 * (docs/format.md §3) a finished plan moves from `active/<slug>/` to
 * `complete/YYYY/MM/DD/EP-…_<slug>/` (`archive/` is the older spelling), so:
 * - a plan under `complete/` or `archive/` is `done` or `archived`;
 * - an `archived` plan is under `complete/` (or `archive/`), not `active/`; the
 *   `git mv` of its folder to `complete/<today>/` is suggested, and
 *   `agentrules execplan complete EP-…` named. A `done` plan still in `active/` is
 *   `finished-work-moved`'s, a warning: it may be about to move.
 *
 * `completed/` is read like `archive/`, an older spelling of `complete/`. In a tree
 * of the older CLI, whose finished plans are all under `archive/`, the move and the
 * command say `archive/` and `agentrules execplan archive EP-…`.
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
 * active/search-index/EP-20260210-003_search-index.md:3:9  error  Status is "archived", but the plan is under `active/`; an archived plan lives under `complete/YYYY/MM/DD/EP-20260210-003_search-index/`: move its folder there (`agentrules execplan complete EP-20260210-003` does it), or set another status.
 *   → mkdir -p -- complete/2026/11/25 && git mv -- active/search-index complete/2026/11/25/EP-20260210-003_search-index
 * complete/2026/03/08/EP-20260221-001_contracts/EP-20260221-001_contracts.md:3:9  error  Status is "active", but the plan is under `complete/`, where finished plans go; set `status: done` (or `archived`), or move the plan back to `active/<slug>/` if it is not finished.
 * ```
 */
import path from "node:path";
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { gitMvPath } from "../src/tree/git-mv.js";
import { closedPlanFolder } from "../src/tree/closed-folders.js";
import { FINISHED_PLAN, planCompleteCommand } from "../src/tree/lifecycle.js";
import { ARCHIVE_FOLDERS, treeOf } from "../src/tree/plan-tree.js";
import { completedPlanDir } from "../src/tree/relocate.js";
import { quoteValue } from "../src/shared/quote.js";

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
      if (ARCHIVE_FOLDERS.has(folder ?? "") && !FINISHED_PLAN.has(status)) {
        context.report({
          entry,
          key: "status",
          message: `Status is ${quoteValue(status)}, but the plan is under \`${folder}/\`, where finished plans go; set \`status: done\` (or \`archived\`), or move the plan back to \`active/<slug>/\` if it is not finished.`,
        });
      } else if (folder === "active" && status === "archived") {
        // move the whole plan folder (with its milestones), unless several plans share it
        const shared = path.basename(entry.place.planDir) === "active";
        const name = closedPlanFolder(context, entry);
        const dest = completedPlanDir(entry.place, context.today, plan.id, name);
        const command = plan.id === undefined ? "" : ` (\`${planCompleteCommand(plan.id, name)}\` does it)`;
        context.report({
          entry,
          key: "status",
          message: `Status is "archived", but the plan is under \`active/\`; an archived plan lives under \`${name}/YYYY/MM/DD/${path.basename(dest)}/\`: move its folder there${command}, or set another status.`,
          ...(shared ? {} : { suggestion: gitMvPath(entry, entry.place.planDir, dest) }),
        });
      }
    }
  },
};
