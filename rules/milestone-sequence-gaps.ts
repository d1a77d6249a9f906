/**
 * # milestone-sequence-gaps
 *
 * A plan's milestones are numbered `MS001`, `MS002`, … in increasing order
 * (docs/format.md §1; `agentrules` assigns the next number), so a missing number usually
 * means a milestone file was lost, or a number was typed by hand. Active and
 * archived milestones count alike, and so do milestones of the plan left in the
 * other layout's folders during a migration. A warning, reported on the milestone right after
 * the gap; a gap left on purpose (a milestone dropped) can be switched off there.
 *
 * ## Valid
 *
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * id: EP-20260210-003/MS001
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * id: EP-20260210-003/MS001
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS003_search-ui.md
 * ---
 * id: EP-20260210-003/MS003
 * ---
 * ```
 *
 * ```text output
 * search-index/milestones/active/EP-20260210-003_MS003_search-ui.md:2:5  warning  Plan EP-20260210-003 has no MS002: MS003 is numbered past a gap (it follows MS001). Milestones are numbered in order without gaps; restore the missing file or renumber.
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { msLabel } from "../src/tree/identity.js";
import { reportOn } from "../src/tree/milestone-groups.js";
import { push, treeOf, type MilestoneNode } from "../src/tree/plan-tree.js";

export const milestoneSequenceGaps: ProjectRule = {
  meta: {
    id: "milestone-sequence-gaps",
    scope: "project",
    description: "A plan's MS### numbers run from MS001 without gaps",
    severity: "warn",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("milestone-sequence-gaps"),
  },
  check(context) {
    const plans = new Map<string, MilestoneNode[]>();
    for (const m of treeOf(context).milestones) {
      // by plan ID, not folder: mid-migration a plan's milestones may sit in both layouts' folders
      if (m.ms !== undefined && m.planId !== undefined) push(plans, m.planId, m);
    }
    for (const milestones of plans.values()) {
      const numbers = [...new Set(milestones.map((m) => m.ms as number))].sort((a, b) => a - b);
      let expected = 1;
      for (const n of numbers) {
        if (n > expected) {
          const missing = n - 1 === expected ? msLabel(expected) : `${msLabel(expected)}–${msLabel(n - 1)}`;
          const before = expected === 1 ? "it is the plan's lowest number" : `it follows ${msLabel(expected - 1)}`;
          for (const m of milestones.filter((x) => x.ms === n)) {
            context.report(
              reportOn(
                m,
                `Plan ${m.planId} has no ${missing}: ${msLabel(n)} is numbered past a gap (${before}). Milestones are numbered in order without gaps; restore the missing file${n - 1 === expected ? "" : "s"} or renumber.`,
              ),
            );
          }
        }
        expected = n + 1;
      }
    }
  },
};
