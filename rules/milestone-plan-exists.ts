/**
 * # milestone-plan-exists
 *
 * Every milestone belongs to a plan that exists, in the folder it sits in
 * (docs/format.md §2): the plan folder holds an ExecPlan file with the ID the milestone
 * names (its `execplan_id`, else the plan part of its `id`, else the `EP-…` of its
 * file name), and that folder's ExecPlan is the one the milestone names. When the
 * named plan lives in another folder, the `git mv` that puts the milestone there is
 * suggested, in that plan's layout (a milestone left behind in the template
 * folders of a plan migrated to `active/<slug>/` goes to its `milestones/complete/`). Plans are matched on their front matter `id` or the ID in their file
 * name, so a plan whose two disagree (reported by the identity rules) does not
 * orphan its milestones.
 *
 * ## Valid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * execplan_id: EP-20260210-003
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
 * ```md search-index/milestones/active/EP-20260301-001_MS001_invoices.md
 * ---
 * execplan_id: EP-20260301-001
 * ---
 * ```
 *
 * ```text output
 * search-index/milestones/active/EP-20260301-001_MS001_invoices.md:2:14  error  This milestone names plan EP-20260301-001, but the plan in its folder is EP-20260210-003 (search-index/EP-20260210-003_search-index.md); no plan EP-20260301-001 exists in the tree: name the plan of this folder in `execplan_id` and `id`.
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { displayPathOf, gitMv } from "../src/tree/git-mv.js";
import { treeOf } from "../src/tree/plan-tree.js";
import { milestoneTarget } from "../src/tree/relocate.js";

export const milestonePlanExists: ProjectRule = {
  meta: {
    id: "milestone-plan-exists",
    scope: "project",
    description: "A milestone's plan exists, and it is the ExecPlan of the folder the milestone sits in",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("milestone-plan-exists"),
  },
  check(context) {
    const tree = treeOf(context);
    for (const m of tree.milestones) {
      if (!m.entry.linted || m.planId === undefined) continue;
      const here = tree.plansByDir.get(m.entry.place.planDir) ?? [];
      if (here.some((p) => p.ids.includes(m.planId as string))) continue;
      const elsewhere = (tree.plansById.get(m.planId) ?? []).filter((p) => p.entry.place.planDir !== m.entry.place.planDir);
      const target = elsewhere.length === 1 ? elsewhere[0] : undefined;
      const folder = `${displayPathOf(m.entry, m.entry.place.planDir)}/`;
      const found = here.map((p) => `${p.id ?? "(no ID)"} (${p.entry.displayPath})`).join(", ");
      const problem =
        here.length === 0
          ? `This milestone names plan ${m.planId}, but its plan folder ${folder} has no ExecPlan file`
          : `This milestone names plan ${m.planId}, but the plan in its folder is ${found}`;
      const fix = target
        ? `plan ${m.planId} is ${target.entry.displayPath}: move the milestone into that plan's folder${here.length > 0 ? ", or name the plan of this folder in `execplan_id` and `id`" : ""}.`
        : elsewhere.length > 1
          ? `plan ${m.planId} is in several folders (${elsewhere.map((p) => p.entry.displayPath).join(", ")}): keep one, then move the milestone there.`
          : `no plan ${m.planId} exists in the tree: ${here.length > 0 ? "name the plan of this folder in `execplan_id` and `id`" : "add the ExecPlan file to this folder, or fix `execplan_id`"}.`;
      let suggestion: string | undefined;
      const dest = target && milestoneTarget(m.entry, target.entry.place.planDir, target.entry.place.layout, m.planId);
      if (typeof dest === "string") suggestion = gitMv(m.entry, dest);
      const key = m.entry.keys.execplan_id ? "execplan_id" : m.entry.keys.id ? "id" : undefined;
      context.report({
        entry: m.entry,
        message: `${problem}; ${fix}`,
        ...(key ? { key } : {}),
        ...(suggestion ? { suggestion } : {}),
      });
    }
  },
};
