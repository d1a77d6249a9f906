/**
 * # id-consistent
 *
 * A milestone's three identity keys agree: the `EP-…` part of `id` is its
 * `execplan_id`, and the `MS###` part of `id` is its `ms` (docs/format.md §2). When
 * they disagree, tools that look the milestone up by one of them find the wrong
 * plan or milestone.
 *
 * ## Valid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * execplan_id: EP-20260210-003
 * ms: 2
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * execplan_id: EP-20260210-004
 * ms: 3
 * ---
 * ```
 *
 * ```text output
 * 3:14  error  `execplan_id` is EP-20260210-004 but `id` EP-20260210-003/MS002 belongs to plan EP-20260210-003; a milestone's `execplan_id` is the `EP-…` part of its `id`: make them name the same plan.
 * 4:5  error  `ms` is 3 but `id` EP-20260210-003/MS002 is milestone MS002; `ms` is the number in the `MS###` of `id`: write `ms: 2`, or make `id` end in MS003.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { idParts, msLabel, samePlan } from "../src/tree/identity.js";
import { integerValue, stringValue } from "../src/source/front-matter-values.js";

export const idConsistent: FileRule = {
  meta: {
    id: "id-consistent",
    description: "A milestone's `id` agrees with its `execplan_id` and `ms`",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("id-consistent"),
  },
  check(context) {
    const { frontMatter } = context;
    const id = stringValue(frontMatter, "id");
    const parts = id && idParts(id.value);
    if (!id || !parts?.ms) return;
    const plan = `EP-${parts.date}-${parts.number}`;
    const execplanId = stringValue(frontMatter, "execplan_id");
    const planParts = execplanId && idParts(execplanId.value);
    // zero padding is id-valid's concern: EP-20260117-14 and EP-20260117-014 are one plan
    if (execplanId && planParts && !planParts.ms && !samePlan(parts, planParts)) {
      context.report({
        message: `\`execplan_id\` is ${execplanId.value} but \`id\` ${id.value} belongs to plan ${plan}; a milestone's \`execplan_id\` is the \`EP-…\` part of its \`id\`: make them name the same plan.`,
        at: execplanId.range,
      });
    }
    const ms = integerValue(frontMatter, "ms");
    if (ms && ms.value !== Number(parts.ms)) {
      context.report({
        message: `\`ms\` is ${ms.value} but \`id\` ${id.value} is milestone MS${parts.ms}; \`ms\` is the number in the \`MS###\` of \`id\`: write \`ms: ${Number(parts.ms)}\`, or make \`id\` end in ${msLabel(ms.value)}.`,
        at: ms.range,
      });
    }
  },
};
