/**
 * # date-valid
 *
 * `created` and `updated` are real calendar days. The schema checks the form
 * `YYYY-MM-DD`; this rule checks that the day exists: `2026-02-30`, `2026-13-01`
 * and `2025-02-29` do not. Tools that sort or compare these dates fail on them.
 *
 * ## Valid
 *
 * ```md
 * ---
 * created: 2028-02-29
 * updated: 2028-03-01
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * created: 2026-02-30
 * updated: 2026-13-01
 * ---
 * ```
 *
 * ```text output
 * 2:10  error  `created` is 2026-02-30, which is not a real calendar date (2026-02 has no day 30); write the actual day as YYYY-MM-DD.
 * 3:10  error  `updated` is 2026-13-01, which is not a real calendar date (there is no month 13); write the actual day as YYYY-MM-DD.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { isIsoDate } from "../src/tree/dates.js";
import { stringValue } from "../src/source/front-matter-values.js";

/** The form the schema asks for; values in another form are the schema's to report. */
const DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;

const DATE_KEYS = ["created", "updated"] as const;

export const dateValid: FileRule = {
  meta: {
    id: "date-valid",
    description: "`created` and `updated` are real calendar dates",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("date-valid"),
  },
  check(context) {
    for (const key of DATE_KEYS) {
      const date = stringValue(context.frontMatter, key);
      if (!date || !DATE_FORM.test(date.value) || isIsoDate(date.value)) continue;
      const [year = "", monthText = "", dayText = ""] = date.value.split("-");
      const month = Number(monthText);
      const why = month < 1 || month > 12 ? `there is no month ${month}` : `${year}-${monthText} has no day ${Number(dayText)}`;
      context.report({
        message: `\`${key}\` is ${date.value}, which is not a real calendar date (${why}); write the actual day as YYYY-MM-DD.`,
        at: date.range,
      });
    }
  },
};
