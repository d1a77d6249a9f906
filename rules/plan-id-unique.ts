/**
 * # plan-id-unique
 *
 * No two ExecPlan files share a plan `id` (the ID is the plan's identity, docs/format.md
 * §1). Which file has to change is decided and said:
 * - copies of one plan (same title): the stale one is deleted. A template-layout
 *   copy is stale next to an upstream one (a migration copied instead of moving),
 *   an `active/` copy is stale next to a `complete/` one, else the copy updated
 *   last is kept;
 * - two different plans (different titles) with one ID: the one created later
 *   takes the next free `NNN` of that day.
 *
 * ## Valid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * title: "Search index"
 * ---
 * ```
 *
 * ```md billing/EP-20260210-004_billing.md
 * ---
 * id: EP-20260210-004
 * title: "Billing"
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * title: "Search index"
 * ---
 * ```
 *
 * ```md active/search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * title: "Search index"
 * ---
 * ```
 *
 * ```text output
 * active/search-index/EP-20260210-003_search-index.md:2:5  error  Plan EP-20260210-003 is also search-index/EP-20260210-003_search-index.md (template layout), a copy of this plan with the same title; a plan migrated to the upstream layout leaves no template copy behind, so that copy is stale: delete it.
 *   → git rm -- search-index/EP-20260210-003_search-index.md
 * search-index/EP-20260210-003_search-index.md:2:5  error  Plan EP-20260210-003 is also active/search-index/EP-20260210-003_search-index.md (upstream layout, active), a copy with the same title; a plan migrated to the upstream layout leaves no template copy behind, so this copy is stale: delete it (and its milestones, if they were copied too).
 *   → git rm -- search-index/EP-20260210-003_search-index.md
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quote } from "../src/tree/git-mv.js";
import { push, treeOf, type PlanNode } from "../src/tree/plan-tree.js";
import { quoteValue } from "../src/shared/quote.js";

const text = (p: PlanNode, key: string): string => {
  const v = p.entry.keys[key]?.value;
  return typeof v === "string" ? v.trim() : "";
};

/** Higher is fresher: upstream over template, completed over active. */
function placeRank(p: PlanNode): number {
  const { layout, planFolder } = p.entry.place;
  if (layout === "template") return 0;
  return planFolder === "active" ? 1 : 2;
}

/** The kept file sorts first. */
function keeperOrder(a: PlanNode, b: PlanNode): number {
  const created = text(a, "created").localeCompare(text(b, "created"));
  return (
    placeRank(b) - placeRank(a) ||
    (text(a, "created") && text(b, "created") ? created : 0) ||
    text(b, "updated").localeCompare(text(a, "updated")) ||
    (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0)
  );
}

function where(p: PlanNode): string {
  const { layout, planFolder } = p.entry.place;
  return layout === "template" ? "template layout" : `upstream layout, ${planFolder ?? "active"}`;
}

export const planIdUnique: ProjectRule = {
  meta: {
    id: "plan-id-unique",
    scope: "project",
    description: "No two ExecPlan files share a plan `id` (says which copy to delete or renumber)",
    severity: "error",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("plan-id-unique"),
  },
  check(context) {
    const tree = treeOf(context);
    const byId = new Map<string, PlanNode[]>();
    for (const p of tree.plans) if (p.id !== undefined) push(byId, p.id, p);
    const used = new Set(byId.keys());
    for (const [id, group] of byId) {
      if (group.length < 2) continue;
      const [keeper, ...rest] = [...group].sort(keeperOrder);
      if (!keeper) continue;
      for (const other of rest) {
        const title = text(other, "title");
        if (title !== "" && title.toLowerCase() === text(keeper, "title").toLowerCase()) {
          const rm = `git rm -- ${quote(other.entry.displayPath)}`;
          const why =
            keeper.entry.place.layout !== other.entry.place.layout
              ? "a plan migrated to the upstream layout leaves no template copy behind"
              : placeRank(keeper) > placeRank(other)
                ? "a finished plan is moved to `complete/`, not copied"
                : `the copy updated last (${text(keeper, "updated") || "no date"}) is kept`;
          context.report({
            entry: other.entry,
            key: "id",
            message: `Plan ${id} is also ${keeper.entry.displayPath} (${where(keeper)}), a copy with the same title; ${why}, so this copy is stale: delete it (and its milestones, if they were copied too).`,
            suggestion: rm,
          });
          context.report({
            entry: keeper.entry,
            key: "id",
            message: `Plan ${id} is also ${other.entry.displayPath} (${where(other)}), a copy of this plan with the same title; ${why}, so that copy is stale: delete it.`,
            suggestion: rm,
          });
          continue;
        }
        const day = id.slice(0, 12);
        let n = 1;
        while (n < 1000 && used.has(`${day}${String(n).padStart(3, "0")}`)) n++;
        const next = `${day}${String(n).padStart(3, "0")}`;
        used.add(next);
        context.report({
          entry: other.entry,
          key: "id",
          message: `Plan ID ${id} is already taken by ${keeper.entry.displayPath} (${quoteValue(text(keeper, "title"), 200)}), a different plan; give this plan the next free ID of that day, ${next} (in \`id\`, the file name and its milestones).`,
        });
        context.report({
          entry: keeper.entry,
          key: "id",
          message: `Plan ID ${id} is also used by ${other.entry.displayPath} (${quoteValue(title, 200)}), a different plan created later; that one should take ${next}.`,
        });
      }
    }
  },
};
