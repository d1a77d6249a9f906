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
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * id: EP-20260210-003/MS001
 * title: "tsvector column"
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * title: "Ranked search API"
 * ---
 * ```
 *
 * ## Invalid
 *
 * ### A stale copy
 *
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * id: EP-20260210-003/MS001
 * title: "tsvector column"
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * id: EP-20260210-003/MS001
 * title: "tsvector column"
 * ---
 * ```
 *
 * ```text output
 * search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md:2:5  error  MS001 of plan EP-20260210-003 is also used by search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md (archived), a copy of this milestone with the same title; a milestone is moved, not copied, when it is archived, so the active copy is stale: delete this file.
 *   → git rm -- search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md
 * search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md:2:5  error  MS001 of plan EP-20260210-003 is also used by search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md (active), a stale copy of this milestone with the same title; a milestone is moved, not copied, when it is archived, so the active copy is stale: delete that file.
 *   → git rm -- search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md
 * ```
 *
 * ### Two milestones on one number
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * title: "Ranked search API"
 * created: 2026-03-02
 * ---
 * ```
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_search-suggestions.md
 * ---
 * id: EP-20260210-003/MS002
 * title: "Search suggestions"
 * created: 2026-03-09
 * ---
 * ```
 *
 * ```text output
 * search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md:2:5  error  MS002 of plan EP-20260210-003 is also used by search-index/milestones/active/EP-20260210-003_MS002_search-suggestions.md (active, "Search suggestions"), a different milestone; that one should move to the next free number, MS003.
 *   → git mv -- search-index/milestones/active/EP-20260210-003_MS002_search-suggestions.md search-index/milestones/active/EP-20260210-003_MS003_search-suggestions.md
 * search-index/milestones/active/EP-20260210-003_MS002_search-suggestions.md:2:5  error  MS002 of plan EP-20260210-003 is already taken by search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md (active, "Ranked search API"), a different milestone; give this one the next free number, MS003, in `id`, `ms` and the file name.
 *   → git mv -- search-index/milestones/active/EP-20260210-003_MS002_search-suggestions.md search-index/milestones/active/EP-20260210-003_MS003_search-suggestions.md
 * ```
 */
import type { ProjectRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { gitMvCommand, quote } from "../src/tree/git-mv.js";
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
          const rm = `git rm -- ${quote(other.entry.displayPath)}`;
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
        const mv = renamed === undefined ? undefined : gitMvCommand(other.entry.displayPath, renamed);
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
