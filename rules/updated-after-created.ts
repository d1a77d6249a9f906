/**
 * # updated-after-created
 *
 * `updated` is not before `created`: a file cannot be revised before it exists.
 * Usually one of the two was mistyped or copied from another file. Both must be
 * real dates for the comparison (date-valid reports those that are not).
 *
 * ## Valid
 *
 * ```md
 * ---
 * created: 2026-03-02
 * updated: 2026-03-20
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * created: 2026-03-20
 * updated: 2026-03-02
 * ---
 * ```
 *
 * ```text output
 * 3:10  error  `updated` (2026-03-02) is before `created` (2026-03-20); `updated` must be the same day or later.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { isIsoDate } from "../src/tree/dates.js";
import { stringValue } from "../src/source/front-matter-values.js";

export const updatedAfterCreated: FileRule = {
  meta: {
    id: "updated-after-created",
    description: "`updated` is not before `created`",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("updated-after-created"),
  },
  check(context) {
    const created = stringValue(context.frontMatter, "created");
    const updated = stringValue(context.frontMatter, "updated");
    if (!created || !updated || !isIsoDate(created.value) || !isIsoDate(updated.value)) return;
    // ISO dates compare as strings
    if (updated.value >= created.value) return;
    context.report({
      message: `\`updated\` (${updated.value}) is before \`created\` (${created.value}); \`updated\` must be the same day or later.`,
      at: updated.range,
    });
  },
};
