/**
 * # finished-work-moved
 *
 * Finished work is moved to its closed folder (docs/format.md §8), which is what the
 * agentrules commands do; setting the status by hand and stopping there leaves the
 * work listed as active:
 * - a `completed` milestone still in `milestones/active/` belongs in the closed
 *   folder: `agentrules execplan milestone complete EP-… --ms N` moves it
 *   (`milestone archive` in the template layout, the older CLI's name);
 * - a `done` plan still under `active/` (upstream layout, docs/format.md §3) belongs
 *   under `complete/YYYY/MM/DD/`: `agentrules execplan complete EP-…` moves it with
 *   its milestones.
 *
 * A tree written by the older CLI files finished work under `archive/` (plans under
 * `archive/YYYY/MM/DD/`, milestones in `milestones/archive/`) with its commands
 * `execplan archive` and `execplan milestone archive`: where no finished plan (or
 * milestone) of the tree is under a `complete/` folder, the message and the `git mv`
 * name `archive/` and those commands, so that the move keeps the tree in one
 * spelling and the command exists in the CLI that wrote it.
 *
 * A warning: the status may be ahead of a move that is about to happen. An `archived`
 * status in an active folder is an error of `status-matches-folder` and
 * `plan-status-place`; the template layout has no closed folder for plans. The
 * `git mv` that does the same move by hand is suggested.
 *
 * ## Valid
 *
 * ```md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: active
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md active/webhook-intake/milestones/active/MS001_signature-check.md
 * ---
 * id: EP-20260406-001/MS001
 * execplan_id: EP-20260406-001
 * ms: 1
 * status: completed
 * ---
 * ```
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: done
 * ---
 * ```
 *
 * ```text output
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:3:9  warning  Plan is done but still under `active/`; move it to `complete/YYYY/MM/DD/` with `agentrules execplan complete EP-20260406-001`.
 *   → mkdir -p -- complete/2026/11/25 && git mv -- active/webhook-intake complete/2026/11/25/EP-20260406-001_webhook-intake
 * active/webhook-intake/milestones/active/MS001_signature-check.md:5:9  warning  Milestone is completed but still in `milestones/active/`; move it to `milestones/complete/` with `agentrules execplan milestone complete EP-20260406-001 --ms 1`.
 *   → mkdir -p -- active/webhook-intake/milestones/complete && git mv -- active/webhook-intake/milestones/active/MS001_signature-check.md active/webhook-intake/milestones/complete/MS001_signature-check.md
 * ```
 *
 * ### A tree of the older CLI, finished work under `archive/`
 *
 * ```md archive/2026/03/08/EP-20260115-004_billing-retries/EP-20260115-004_billing-retries.md
 * ---
 * id: EP-20260115-004
 * status: archived
 * ---
 * ```
 *
 * ```md active/search-facets/milestones/archive/MS001_facet-index.md
 * ---
 * id: EP-20260302-006/MS001
 * execplan_id: EP-20260302-006
 * ms: 1
 * status: completed
 * ---
 * ```
 *
 * ```md active/search-facets/milestones/active/MS002_facet-api.md
 * ---
 * id: EP-20260302-006/MS002
 * execplan_id: EP-20260302-006
 * ms: 2
 * status: completed
 * ---
 * ```
 *
 * ```md active/search-facets/EP-20260302-006_search-facets.md
 * ---
 * id: EP-20260302-006
 * status: done
 * ---
 * ```
 *
 * ```text output
 * active/search-facets/EP-20260302-006_search-facets.md:3:9  warning  Plan is done but still under `active/`; move it to `archive/YYYY/MM/DD/` with `agentrules execplan archive EP-20260302-006`.
 *   → mkdir -p -- archive/2026/11/25 && git mv -- active/search-facets archive/2026/11/25/EP-20260302-006_search-facets
 * active/search-facets/milestones/active/MS002_facet-api.md:5:9  warning  Milestone is completed but still in `milestones/active/`; move it to `milestones/archive/` with `agentrules execplan milestone archive EP-20260302-006 --ms 2`.
 *   → mkdir -p -- active/search-facets/milestones/archive && git mv -- active/search-facets/milestones/active/MS002_facet-api.md active/search-facets/milestones/archive/MS002_facet-api.md
 * ```
 */
import path from "node:path";
import type { ProjectContext, ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { closedMilestoneFolder, closedPlanFolder } from "../src/tree/closed-folders.js";
import { gitMv, gitMvPath } from "../src/tree/git-mv.js";
import { milestoneCloseCommand, milestoneVerb, planCompleteCommand } from "../src/tree/lifecycle.js";
import { treeOf, type MilestoneNode, type PlanNode } from "../src/tree/plan-tree.js";
import { completedPlanDir } from "../src/tree/relocate.js";

function milestone(context: ProjectContext, node: MilestoneNode): void {
  const { entry } = node;
  const { place } = entry;
  if (!entry.linted || entry.keys.status?.value !== "completed" || place.folder !== "active") return;
  const upstream = place.layout === "upstream";
  const name = upstream ? closedMilestoneFolder(context, entry) : "archive";
  const closed = upstream ? `milestones/${name}/` : "milestones/archive/YYYY/MM/DD/";
  const how = node.planId !== undefined && node.ms !== undefined ? ` with \`${milestoneCloseCommand(node.planId, node.ms, milestoneVerb(place.layout, name))}\`` : "";
  const target = upstream ? [name] : ["archive", ...context.today.split("-")];
  context.report({
    entry,
    key: "status",
    message: `Milestone is completed but still in \`milestones/active/\`; move it to \`${closed}\`${how}.`,
    suggestion: gitMv(entry, path.join(place.planDir, "milestones", ...target, place.fileName)),
  });
}

function plan(context: ProjectContext, node: PlanNode): void {
  const { entry, id } = node;
  const { place } = entry;
  if (!entry.linted || entry.keys.status?.value !== "done" || place.layout !== "upstream" || place.planFolder !== "active") return;
  const name = closedPlanFolder(context, entry);
  const how = id !== undefined ? ` with \`${planCompleteCommand(id, name)}\`` : "";
  // several plans sharing `active/` itself (an old layout) cannot move as one folder
  const shared = path.basename(place.planDir) === "active";
  context.report({
    entry,
    key: "status",
    message: `Plan is done but still under \`active/\`; move it to \`${name}/YYYY/MM/DD/\`${how}.`,
    ...(shared ? {} : { suggestion: gitMvPath(entry, place.planDir, completedPlanDir(place, context.today, id, name)) }),
  });
}

export const finishedWorkMoved: ProjectRule = {
  meta: {
    id: "finished-work-moved",
    scope: "project",
    description: "A completed milestone is out of `milestones/active/`, a done plan out of `active/`",
    severity: "warn",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("finished-work-moved"),
    lifecycle: "place",
  },
  check(context) {
    const tree = treeOf(context);
    for (const node of tree.plans) plan(context, node);
    for (const node of tree.milestones) milestone(context, node);
  },
};
