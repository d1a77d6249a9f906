/**
 * What a plan says of its own state: the front matter's `status`, or a `Status:`
 * line before its first section (`**Status:** Completed`), as plans without front
 * matter write it.
 */
import type { RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { ChecklistItem } from "./checklist.js";
import type { PlanSection } from "./plan-sections.js";
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
const STATUS_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?status(?:\*\*|__)?[ \t]*:(?:[ \t]*(?:\*\*|__))?[ \t]*([^\r\n]*)/gim;

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
    const value = m?.[1]?.trimEnd();
    if (!m || !value) continue;
    const at = start + m.index + m[0].length - (m[1] ?? "").length;
    return { value, range: { start: at, end: at + value.length }, where: "status line" };
  }
  return undefined;
}

/**
 * True when the status says the work is finished: a word such as `done`, `Completed`
 * or `shipped`, alone or followed by a date, a note in parentheses or after a dash
 * (`Completed (2026-04-02)`, `Done ✅`), never by more words (`Done with phase 1`).
 */
export function saysDone(status: PlanStatus | undefined): boolean {
  const m = /^([A-Za-z_-]+)(.*)$/.exec(status?.value.replace(/[*_`✅]/g, " ").trim() ?? "");
  if (!m || !meansDone(m[1] ?? "")) return false;
  const rest = (m[2] ?? "").trim();
  return rest === "" || /^(?:[(\[—–:;,.]|-\s|\d{4}-\d{2}-\d{2})/.test(rest);
}

/** An unticked item that says where its work went (deferred, split out, dropped, struck through), or that it was optional. */
const SET_ASIDE =
  /~~|\b(?:deferred|postponed|moved to|split (?:out|into|off)|out of scope|won'?t (?:do|fix)|wontfix|dropped|cancell?ed|superseded|descoped|not needed|no longer needed|nice[- ]to[- ]have|stretch goal)\b|^\W*optional\b|\(optional\)/i;

/** The unticked items that still stand for work to do. */
export function stillOpen(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.filter((item) => !item.checked && !SET_ASIDE.test(item.text));
}

/** What a section says when it is still to be written; a leading subject ("Outcomes:", "This section") is allowed. */
const SUBJECT = /^[\s(_*]*(?:(?:this section|this|outcomes?(?: (?:and|&) retrospectives?)?|retrospective|results?|summary|status)\s*(?::|\s)\s*)?(?:(?:is|are)\s+)?/i;
const STILL_TO_COME =
  /^(?:pending\b|tbd\b|todo\b|to do\b|n\/a\b|none yet\b|nothing yet\b|in progress\b|not (?:yet )?(?:implemented|started|done|complete|completed|written|available|finished)\b|(?:to be|will be) (?:[a-z]+ ){0,3}?(?:written|filled|completed|updated|added|determined|documented|done|recorded|captured)\b|fill (?:this )?in\b|(?:\.\.\.|…)[\s)_*]*$)/i;

function stillToCome(text: string): boolean {
  return STILL_TO_COME.test(text.replace(SUBJECT, ""));
}

/** What a section says when the work itself goes on, not only its write-up: `Pending.`, `In progress`, `Not finished yet`. */
const WORK_GOES_ON = /^(?:pending|in progress|ongoing|work in progress|wip|not (?:yet )?(?:finished|complete|completed|done|implemented))\b/i;

/** True when `text` (a section's first entry) says the plan's work goes on. */
export function saysWorkGoesOn(text: string): boolean {
  return WORK_GOES_ON.test(text.replace(SUBJECT, ""));
}

/** The section's entries: each paragraph, each item of a list, and anything else as one entry. */
function entries(blocks: readonly RootContent[]): { text: string; start: number }[] {
  return blocks.flatMap((block) =>
    block.type === "list"
      ? block.children.map((item) => ({ text: toString(item).replace(/\s+/g, " ").trim(), start: nodeRange(item).start }))
      : [{ text: block.type === "paragraph" ? toString(block).replace(/\s+/g, " ").trim() : `<${block.type}>`, start: nodeRange(block).start }],
  );
}

/**
 * Whether a section (the Outcomes & Retrospective) is written: `empty`, `to come`
 * when every entry is a placeholder or says it is still to be written (with the first
 * entry and where it is), else `written`.
 */
export function outcomesWritten(context: AnyFileContext, section: PlanSection): { state: "empty" } | { state: "to come"; text: string; at: number } | { state: "written" } {
  const from = section.heading.range.end;
  const blocks = scanBody(context).root.children.filter((n) => nodeRange(n).start >= from && nodeRange(n).start < section.end);
  const written = entries(blocks);
  const [first] = written;
  if (!first) return { state: "empty" };
  return written.every((e) => stillToCome(e.text)) ? { state: "to come", text: first.text, at: first.start } : { state: "written" };
}
