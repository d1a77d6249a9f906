/**
 * What a plan says of its own state: the front matter's `status`, or a `Status:`
 * line before its first section (`**Status:** Completed`), as plans without front
 * matter write it.
 */
import type { ChecklistItem } from "./checklist.js";
import { stringValue } from "./front-matter-values.js";
import { scanBody } from "./body-scan.js";
import { nodeRange } from "./markdown.js";
import { meansDone } from "../shared/suggest.js";
import type { AnyFileContext, Range } from "../shared/types.js";

export interface PlanStatus {
  /** The status as written: `done`, `Completed (2025-10-09)`. */
  value: string;
  range: Range;
  /** Where it is said, for messages. */
  where: "front matter" | "status line";
}

/** `Status: Done`, `**Status:** Done`, `- **Status**: Done` on a line of its own. */
const STATUS_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?status(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*([^\r\n]*?)[ \t]*$/gim;

/** The plan's status, from its front matter or else from a status line above `before` (its first section). */
export function planStatus(context: AnyFileContext, before: number): PlanStatus | undefined {
  const fm = stringValue(context.frontMatter, "status");
  if (fm) return { value: fm.value, range: fm.range, where: "front matter" };
  const text = context.file.text;
  for (const paragraph of scanBody(context).paragraphs) {
    const { start, end } = nodeRange(paragraph);
    if (start >= before) break;
    STATUS_LINE.lastIndex = 0;
    const region = text.slice(start, end);
    const m = STATUS_LINE.exec(region);
    if (!m || !m[1]) continue;
    const at = start + m.index + m[0].indexOf(m[1], m[0].indexOf(":"));
    return { value: m[1], range: { start: at, end: at + m[1].length }, where: "status line" };
  }
  return undefined;
}

/** True when the status says the work is finished: its first word is `done`, `completed`, `shipped`, …. */
export function saysDone(status: PlanStatus | undefined): boolean {
  const word = status?.value.replace(/[*_`✅]/g, " ").trim().split(/[\s(,;.:]+/)[0];
  return word !== undefined && word !== "" && meansDone(word);
}

/** An unticked item that says where its work went: deferred, split out, dropped, struck through. */
const SET_ASIDE = /~~|\b(?:deferred|postponed|moved to|split (?:out|into|off)|out of scope|won'?t (?:do|fix)|wontfix|dropped|cancell?ed|superseded|descoped|not needed|no longer needed)\b/i;

/** The unticked items that still stand for work to do. */
export function stillOpen(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !item.checked && !SET_ASIDE.test(item.text));
}
