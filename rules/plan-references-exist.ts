/**
 * # plan-references-exist
 *
 * The ExecPlan IDs listed in an ExecPlan's `depends_on` and `supersedes` name plans
 * that exist in the tree (docs/format.md §6), active or completed, in either layout, and
 * not the plan itself. Each unknown ID is reported at its list item, with the
 * nearest existing ID when one is close (a mistyped digit).
 *
 * ## Valid
 *
 * ```md search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * ---
 * ```
 *
 * ```md billing/EP-20260301-001_billing.md
 * ---
 * id: EP-20260301-001
 * depends_on: [EP-20260210-003]
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
 * ```md billing/EP-20260301-001_billing.md
 * ---
 * id: EP-20260301-001
 * depends_on: [EP-20260210-004]
 * supersedes: [EP-20260301-001]
 * ---
 * ```
 *
 * ```text output
 * billing/EP-20260301-001_billing.md:3:14  error  `depends_on` lists EP-20260210-004, but no ExecPlan with that ID exists in the tree. Did you mean "EP-20260210-003"? Fix the ID or remove it.
 * billing/EP-20260301-001_billing.md:4:14  error  `supersedes` lists EP-20260301-001, which is this plan itself; remove it.
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { isPlanId } from "../src/tree/identity.js";
import { editDistance } from "../src/shared/suggest.js";
import { treeOf } from "../src/tree/plan-tree.js";

const KEYS = ["depends_on", "supersedes"] as const;

/** ` Did you mean "…"?` for an ID one or two typed characters away from a real one. */
function nearest(ref: string, ids: readonly string[]): string {
  let best: string | undefined;
  let distance = 3;
  for (const id of ids) {
    const d = editDistance(ref, id, 2);
    if (d < distance) [best, distance] = [id, d];
  }
  return best === undefined ? "" : ` Did you mean "${best}"?`;
}

export const planReferencesExist: ProjectRule = {
  meta: {
    id: "plan-references-exist",
    scope: "project",
    description: "`depends_on` and `supersedes` name ExecPlans that exist, other than the plan itself",
    severity: "error",
    appliesTo: ["execplan"],
    docsUrl: docsUrl("plan-references-exist"),
  },
  check(context) {
    const tree = treeOf(context);
    const known = [...tree.plansById.keys()];
    for (const plan of tree.plans) {
      if (!plan.entry.linted) continue;
      for (const key of KEYS) {
        const field = plan.entry.keys[key];
        if (!field || !Array.isArray(field.value)) continue;
        field.value.forEach((ref: unknown, i: number) => {
          if (!isPlanId(ref)) return;
          const span = field.itemSpans?.[i] ?? field.valueSpan;
          if (plan.ids.includes(ref)) {
            context.report({ entry: plan.entry, span, message: `\`${key}\` lists ${ref}, which is this plan itself; remove it.` });
          } else if (!tree.plansById.has(ref)) {
            const hint = nearest(ref, known.filter((id) => !plan.ids.includes(id)));
            context.report({
              entry: plan.entry,
              span,
              message: `\`${key}\` lists ${ref}, but no ExecPlan with that ID exists in the tree.${hint} Fix the ID or remove it.`,
            });
          }
        });
      }
    }
  },
};
