/**
 * # plan-status-milestones
 *
 * A plan's `status` agrees with its milestones (docs/format.md §8). Listings and the
 * registry read the plan's status; when it lags behind its milestones, the plan shows
 * as not started while work is finished, or as done while work is open:
 * - a `planned` plan has no finished milestone: once one is `completed` (or sits in
 *   a closed folder), the plan is `active`, or `done`;
 * - a `done` or `archived` plan has no milestone still open (`planned`,
 *   `in_progress` or `blocked`, in `milestones/active/`): finish it with
 *   `agentrules execplan milestone complete EP-… --ms N`, or the plan is not done.
 *
 * Reported at the plan's `status`, naming the milestones. A milestone whose status
 * disagrees with its own folder is `status-matches-folder`'s, and does not count as
 * open here.
 *
 * ## Valid
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: active
 * ---
 * ```
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
 * ```md active/webhook-intake/milestones/active/MS002_retries.md
 * ---
 * id: EP-20260406-001/MS002
 * execplan_id: EP-20260406-001
 * ms: 2
 * status: in_progress
 * ---
 * ```
 *
 * ## Invalid
 *
 * ### Planned, with finished milestones
 *
 * ```md active/webhook-intake/EP-20260406-001_webhook-intake.md
 * ---
 * id: EP-20260406-001
 * status: planned
 * ---
 * ```
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
 * ```text output
 * active/webhook-intake/EP-20260406-001_webhook-intake.md:3:9  error  Plan status is "planned", but its milestone MS001 is completed; set `status: active` (or `done` when all its work is finished).
 * ```
 *
 * ### Done, with a milestone still open
 *
 * ```md active/ledger-export/EP-20260302-001_ledger-export.md
 * ---
 * id: EP-20260302-001
 * status: done
 * ---
 * ```
 *
 * ```md active/ledger-export/milestones/active/MS002_parquet-writer.md
 * ---
 * id: EP-20260302-001/MS002
 * execplan_id: EP-20260302-001
 * ms: 2
 * status: in_progress
 * ---
 * ```
 *
 * ```text output
 * active/ledger-export/EP-20260302-001_ledger-export.md:3:9  error  Plan status is "done", but its milestone MS002 is still in_progress: finish it and run `agentrules execplan milestone complete EP-20260302-001 --ms 2`, or set the plan's `status` back to `active`.
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { msLabel } from "../src/tree/identity.js";
import { closedMilestoneFolder } from "../src/tree/closed-folders.js";
import { CLOSED_MILESTONE, FINISHED_PLAN, OPEN_MILESTONE, milestoneCloseCommand, milestoneVerb } from "../src/tree/lifecycle.js";
import { treeOf, type MilestoneNode } from "../src/tree/plan-tree.js";

/** At most this many milestones are named in one message. */
const NAMED = 3;

const statusOf = (m: MilestoneNode): string | undefined => {
  const s = m.entry.keys.status?.value;
  return typeof s === "string" ? s : undefined;
};

/**
 * `milestone MS001 is completed`, `milestones MS002 and MS003 are still in_progress`,
 * `milestones MS001 (completed), MS002 (planned), MS004 (blocked) and 2 more are still open`.
 */
function listed(milestones: readonly MilestoneNode[], describe: (m: MilestoneNode) => string, still: boolean): string {
  const label = (m: MilestoneNode) => (m.ms !== undefined ? msLabel(m.ms) : m.entry.place.fileName);
  const descriptions = new Set(milestones.map(describe));
  const same = descriptions.size === 1;
  const names = milestones.slice(0, NAMED).map((m) => (same ? label(m) : `${label(m)} (${describe(m)})`));
  if (milestones.length > NAMED) names.push(`${milestones.length - NAMED} more`);
  const text = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const what = same ? [...descriptions][0] : still ? "open" : "finished";
  return `${milestones.length === 1 ? "milestone" : "milestones"} ${text} ${milestones.length === 1 ? "is" : "are"}${still ? " still" : ""} ${what}`;
}

/** A finished milestone by its status, or by its folder when its status lags behind. */
const finishedAs = (m: MilestoneNode): string => {
  const status = statusOf(m) ?? "";
  return CLOSED_MILESTONE.has(status) ? status : `in \`milestones/${m.entry.place.folder ?? ""}/\``;
};

export const planStatusMilestones: ProjectRule = {
  meta: {
    id: "plan-status-milestones",
    scope: "project",
    description: "A planned plan has no finished milestone; a done plan has no open one",
    severity: "error",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("plan-status-milestones"),
    lifecycle: "status",
  },
  check(context) {
    const tree = treeOf(context);
    // each plan's milestones from one pass over the tree (a filter per plan took 10 M steps in a tree of 10 000), in tree order
    const byPlanId = new Map<string, { m: MilestoneNode; at: number }[]>();
    tree.milestones.forEach((m, at) => {
      if (m.planId === undefined) return;
      const list = byPlanId.get(m.planId);
      if (list) list.push({ m, at });
      else byPlanId.set(m.planId, [{ m, at }]);
    });
    for (const plan of tree.plans) {
      const status = plan.entry.keys.status?.value;
      // a plan ID shared by two plans is plan-id-unique's: its milestones cannot be told apart
      if (!plan.entry.linted || typeof status !== "string" || plan.id === undefined || (tree.plansById.get(plan.id)?.length ?? 0) > 1) continue;
      const mine = [...new Set(plan.ids)]
        .flatMap((id) => byPlanId.get(id) ?? [])
        .sort((a, b) => (a.m.ms ?? 0) - (b.m.ms ?? 0) || a.at - b.at)
        .map(({ m }) => m);
      if (status === "planned") {
        const finished = mine.filter((m) => m.archived || CLOSED_MILESTONE.has(statusOf(m) ?? ""));
        if (finished.length === 0) continue;
        context.report({
          entry: plan.entry,
          key: "status",
          message: `Plan status is "planned", but its ${listed(finished, finishedAs, false)}; set \`status: active\` (or \`done\` when all its work is finished).`,
        });
      } else if (FINISHED_PLAN.has(status)) {
        const open = mine.filter((m) => !m.archived && m.entry.place.folder === "active" && OPEN_MILESTONE.has(statusOf(m) ?? ""));
        const [first] = open;
        if (!first) continue;
        const verb = milestoneVerb(first.entry.place.layout, closedMilestoneFolder(context, first.entry));
        const command =
          open.length > 1
            ? `: finish each and run \`${milestoneCloseCommand(plan.id, "<N>", verb)}\``
            : first.ms !== undefined
              ? `: finish it and run \`${milestoneCloseCommand(plan.id, first.ms, verb)}\``
              : "";
        context.report({
          entry: plan.entry,
          key: "status",
          message: `Plan status is "${status}", but its ${listed(open, (m) => statusOf(m) ?? "", true)}${command}, or set the plan's \`status\` back to \`active\`.`,
        });
      }
    }
  },
};
