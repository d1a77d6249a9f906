/**
 * # milestone-number-unique
 *
 * Within one plan, no two milestone files (active or archived) share an `MS###`
 * (docs/format.md §2). The number is read from `id`, else `ms`, else the file name.
 *
 * Which file has to change is decided and said:
 * - a copy (same title) next to an archived one: the active copy is stale (archiving
 *   moves a milestone; a copy left in `active/` is a leftover): `git rm` it;
 * - two copies in the same state: the one updated last is kept, the other removed;
 * - two different milestones (different titles) on one number: the one created
 *   later (an archived one is never renumbered) moves to the next free number.
 *
 * Checked against the whole tree, so a new active file passed alone (pre-commit)
 * is still compared with the archived milestones of its plan.
 *
 * ## Valid
 *
 * ```text
 * milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ```
 *
 * ## Invalid
 *
 * ```text
 * milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * milestones/active/EP-20260210-003_MS001_tsvector-column.md   # stale copy
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quote } from "../src/tree/git-mv.js";
import { msLabel } from "../src/tree/identity.js";
import { keeperOrder, renamedMilestone, reportOn, sameTitle, stateOf, titleOf } from "../src/tree/milestone-groups.js";
import { push, treeOf, type MilestoneNode } from "../src/tree/plan-tree.js";
import { quoteValue } from "../src/shared/quote.js";

export const milestoneNumberUnique: ProjectRule = {
  meta: {
    id: "milestone-number-unique",
    scope: "project",
    description: "No two milestones of one plan share an MS### (says which copy to delete or renumber)",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("milestone-number-unique"),
  },
  check(context) {
    const tree = treeOf(context);
    const groups = new Map<string, MilestoneNode[]>();
    const highest = new Map<string, number>();
    for (const m of tree.milestones) {
      if (m.ms === undefined) continue;
      const key = `${m.planKey}\0${m.ms}`;
      push(groups, key, m);
      highest.set(m.planKey, Math.max(highest.get(m.planKey) ?? 0, m.ms));
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const [keeper, ...rest] = [...group].sort(keeperOrder);
      if (!keeper) continue;
      const label = `${msLabel(keeper.ms ?? 0)} of plan ${keeper.planId ?? "(unknown)"}`;
      for (const other of rest) {
        if (sameTitle(keeper, other)) {
          const why =
            keeper.archived && !other.archived
              ? "a milestone is moved, not copied, when it is archived, so the active copy is stale"
              : `the copy updated last (${String(keeper.entry.keys.updated?.value ?? "no date")}) is kept`;
          const rm = `git rm ${quote(other.entry.displayPath)}`;
          context.report(
            reportOn(other, `${label} is also used by ${keeper.entry.displayPath} (${stateOf(keeper)}), a copy of this milestone with the same title; ${why}: delete this file.`, rm),
          );
          context.report(
            reportOn(keeper, `${label} is also used by ${other.entry.displayPath} (${stateOf(other)}), a stale copy of this milestone with the same title; ${why}: delete that file.`, rm),
          );
          continue;
        }
        const next = (highest.get(keeper.planKey) ?? 0) + 1;
        highest.set(keeper.planKey, next);
        const renamed = renamedMilestone(other, next);
        const mv = renamed === undefined ? undefined : `git mv ${quote(other.entry.displayPath)} ${quote(renamed)}`;
        const keptTitle = titleOf(keeper);
        const otherTitle = titleOf(other);
        context.report(
          reportOn(
            other,
            `${label} is already taken by ${keeper.entry.displayPath} (${stateOf(keeper)}${keptTitle ? `, ${quoteValue(keptTitle, 200)}` : ""}), a different milestone; give this one the next free number, ${msLabel(next)}, in \`id\`, \`ms\` and the file name.`,
            mv,
          ),
        );
        context.report(
          reportOn(
            keeper,
            `${label} is also used by ${other.entry.displayPath} (${stateOf(other)}${otherTitle ? `, ${quoteValue(otherTitle, 200)}` : ""}), a different milestone; that one should move to the next free number, ${msLabel(next)}.`,
            mv,
          ),
        );
      }
    }
  },
};
