/**
 * # id-valid
 *
 * The parts of a plan or milestone ID are valid (docs/format.md §1): the `YYYYMMDD`
 * of `EP-YYYYMMDD-NNN` is a real calendar date, `NNN` is 001–999 and the `MS###`
 * of a milestone ID is 001–999, both zero padded to three digits. Checked in a
 * milestone's `id` and `execplan_id` and in an ExecPlan's `id`. Fixable where the
 * meaning is plain: missing zero padding (`EP-20260117-14` → `EP-20260117-014`,
 * `MS3` → `MS003`).
 *
 * ## Valid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * execplan_id: EP-20260210-003
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * id: EP-20260230-3/MS0
 * execplan_id: EP-20260210-3
 * ---
 * ```
 *
 * ```text output
 * 2:5  error  `id` is EP-20260230-3/MS0: the plan date 20260230 is not a real calendar date; the plan number 3 must be three digits, zero padded (003); the milestone number MS0 is out of range (MS001 to MS999).
 * 3:14  error  `execplan_id` is EP-20260210-3: the plan number 3 must be three digits, zero padded (003). Write EP-20260210-003.
 * ```
 */
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { isRealDate } from "../src/tree/dates.js";
import { idParts } from "../src/tree/identity.js";
import { stringValue } from "../src/source/front-matter-values.js";

/** A three-digit number part (`NNN`, or `MS###` with `prefix` "MS"): its problem, and the padded form when padding alone fixes it. */
function checkNumber(digits: string, what: string, prefix: string): { problem?: string; padded: string } {
  const n = Number(digits);
  if (n < 1 || n > 999) return { problem: `${what} ${prefix}${digits} is out of range (${prefix}001 to ${prefix}999)`, padded: digits };
  if (digits.length < 3) {
    const padded = String(n).padStart(3, "0");
    return { problem: `${what} ${prefix}${digits} must be three digits, zero padded (${prefix}${padded})`, padded };
  }
  if (digits.length > 3) return { problem: `${what} ${prefix}${digits} must be three digits (${prefix}001 to ${prefix}999)`, padded: digits };
  return { padded: digits };
}

function checkId(context: FileContext, key: string, milestone: boolean): void {
  const id = stringValue(context.frontMatter, key);
  const parts = id && idParts(id.value);
  // IDs in another form are the schema's to report
  if (!id || !parts || milestone !== (parts.ms !== undefined)) return;
  const problems: string[] = [];
  let fixable = true;
  const { date } = parts;
  if (date.length !== 8) {
    problems.push(`the plan date ${date} must be eight digits, YYYYMMDD`);
    fixable = false;
  } else if (!isRealDate(Number(date.slice(0, 4)), Number(date.slice(4, 6)), Number(date.slice(6, 8)))) {
    problems.push(`the plan date ${date} is not a real calendar date`);
    fixable = false;
  }
  const nnn = checkNumber(parts.number, "the plan number", "");
  const ms = parts.ms === undefined ? undefined : checkNumber(parts.ms, "the milestone number", "MS");
  for (const part of [nnn, ms]) {
    if (!part?.problem) continue;
    problems.push(part.problem);
    if (part.padded.length !== 3 || part.padded === "000") fixable = false;
  }
  if (problems.length === 0) return;
  const fixed = `EP-${date}-${nnn.padded}${ms ? `/MS${ms.padded}` : ""}`;
  const raw = context.file.text.slice(id.range.start, id.range.end);
  const inner = raw.indexOf(id.value);
  context.report({
    message: `\`${key}\` is ${id.value}: ${problems.join("; ")}.${fixable ? ` Write ${fixed}.` : ""}`,
    at: id.range,
    // the ID has no characters YAML escapes, so it stands in the source as it reads
    ...(fixable && inner >= 0 ? { fix: { range: [id.range.start + inner, id.range.start + inner + id.value.length] as [number, number], text: fixed } } : {}),
  });
}

export const idValid: FileRule = {
  meta: {
    id: "id-valid",
    description: "Plan and milestone IDs have a real date, NNN 001–999 and MS### 001–999, zero padded",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    fixable: true,
    docsUrl: docsUrl("id-valid"),
  },
  check(context) {
    if (context.file.place.kind === "milestone") {
      checkId(context, "id", true);
      checkId(context, "execplan_id", false);
    } else checkId(context, "id", false);
  },
};
