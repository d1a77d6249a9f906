/**
 * # milestone-id-unique
 *
 * No two milestone files anywhere in the tree share a milestone `id` (docs/format.md §2).
 * Two files of one plan folder with the same `id` also share an `MS###` and are
 * reported by `milestone-number-unique`, which says which copy to delete; this rule
 * reports the files that carry the same `id` from different plan folders (a
 * milestone copied into another plan, or a plan folder copied during a migration),
 * and says which of them sits with the plan its `id` names.
 *
 * ## Valid
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ```md billing/milestones/active/EP-20260301-001_MS002_invoices.md
 * ---
 * id: EP-20260301-001/MS002
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ```md billing/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ```text output
 * billing/milestones/active/EP-20260210-003_MS002_ranked-search-api.md:2:5  error  Milestone id "EP-20260210-003/MS002" is also used by search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md in another plan folder; search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md sits with plan EP-20260210-003, so this file is the stray copy: delete it, or give it an `id` of the plan in its own folder.
 * search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md:2:5  error  Milestone id "EP-20260210-003/MS002" is also used by billing/milestones/active/EP-20260210-003_MS002_ranked-search-api.md in another plan folder; this file sits with plan EP-20260210-003, so the other file is the stray copy: delete or renumber it.
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { milestoneIdParts } from "../src/tree/identity.js";
import { reportOn } from "../src/tree/milestone-groups.js";
import { push, treeOf, type MilestoneNode, type Tree } from "../src/tree/plan-tree.js";
import { quoteValue } from "../src/shared/quote.js";

/** True when the folder `m` sits in holds the plan its `id` names. */
function withItsPlan(tree: Tree, m: MilestoneNode, planId: string): boolean {
  return (tree.plansByDir.get(m.entry.place.planDir) ?? []).some((p) => p.ids.includes(planId));
}

export const milestoneIdUnique: ProjectRule = {
  meta: {
    id: "milestone-id-unique",
    scope: "project",
    description: "No two milestone files in different plan folders share a milestone `id`",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("milestone-id-unique"),
  },
  check(context) {
    const tree = treeOf(context);
    const byId = new Map<string, MilestoneNode[]>();
    for (const m of tree.milestones) {
      const id = m.entry.keys.id?.value;
      if (typeof id === "string" && id !== "") push(byId, id, m);
    }
    for (const [id, group] of byId) {
      if (new Set(group.map((m) => m.entry.place.planDir)).size < 2) continue;
      const planId = milestoneIdParts(id)?.planId;
      for (const m of group) {
        const others = group.filter((o) => o.entry.place.planDir !== m.entry.place.planDir);
        const list = others.map((o) => o.entry.displayPath).join(", ");
        const home = planId === undefined ? undefined : others.find((o) => withItsPlan(tree, o, planId));
        const mine = planId !== undefined && withItsPlan(tree, m, planId);
        // both sides sit with a copy of their plan: the whole plan folder was copied
        const advice = mine && home
          ? `plan ${planId} itself is in both folders (a copied plan folder): delete the stale copy of the folder, which \`plan-id-unique\` names.`
          : mine
            ? `this file sits with plan ${planId}, so the other ${others.length > 1 ? "files are" : "file is"} the stray ${others.length > 1 ? "copies" : "copy"}: delete or renumber ${others.length > 1 ? "them" : "it"}.`
            : home
              ? `${home.entry.displayPath} sits with plan ${planId}, so this file is the stray copy: delete it, or give it an \`id\` of the plan in its own folder.`
              : "a milestone ID is unique across the tree: give each file the ID of the plan in its own folder.";
        context.report(reportOn(m, `Milestone id ${quoteValue(id, 200)} is also used by ${list} in another plan folder; ${advice}`));
      }
    }
  },
};
