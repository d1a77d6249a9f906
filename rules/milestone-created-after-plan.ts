/**
 * # milestone-created-after-plan
 *
 * A milestone cannot be created before its plan: its `created` date is not before
 * the date in its plan's ID (`EP-YYYYMMDD-…`, the day the plan was created). The
 * plan is the one the milestone names (`execplan_id`, else the plan part of `id`).
 * A warning: usually a date typed by hand or copied from another milestone. It
 * needs only the milestone's own front matter, so it is a file rule, filed with the
 * whole-tree checks because it is about the milestone's plan.
 *
 * ## Valid
 *
 * ```md
 * ---
 * execplan_id: EP-20260210-003
 * created: 2026-02-11
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * execplan_id: EP-20260210-003
 * created: 2026-01-28
 * ---
 * ```
 *
 * ```text output
 * 3:10  warning  `created` is 2026-01-28, before its plan EP-20260210-003 was created (2026-02-10, the date in the plan ID); a milestone cannot predate its plan: check the date.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { compactToIso, isIsoDate } from "../src/tree/dates.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { isPlanId, milestoneIdParts } from "../src/tree/identity.js";

export const milestoneCreatedAfterPlan: FileRule = {
  meta: {
    id: "milestone-created-after-plan",
    description: "A milestone's `created` is not before the date in its plan's ID",
    severity: "warn",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("milestone-created-after-plan"),
  },
  check(context) {
    const { frontMatter } = context;
    const created = stringValue(frontMatter, "created");
    if (!created || !isIsoDate(created.value)) return;
    const execplanId = stringValue(frontMatter, "execplan_id")?.value;
    const planId = isPlanId(execplanId) ? execplanId : milestoneIdParts(stringValue(frontMatter, "id")?.value)?.planId;
    if (planId === undefined) return;
    const planDate = compactToIso(planId.slice(3, 11));
    if (!isIsoDate(planDate) || created.value >= planDate) return;
    context.report({
      message: `\`created\` is ${created.value}, before its plan ${planId} was created (${planDate}, the date in the plan ID); a milestone cannot predate its plan: check the date.`,
      at: created.range,
    });
  },
};
