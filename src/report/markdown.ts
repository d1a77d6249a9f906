/**
 * `--format markdown`: the board as GitHub-flavoured Markdown, for
 * `$GITHUB_STEP_SUMMARY` and pull-request comments. What needs attention first,
 * then the plans, the problems by rule and every problem; long lists fold into
 * `<details>`, and the whole stays under a pull-request comment's size limit
 * (65 536 characters) by leaving out the rows that do not fit and saying how many.
 * Text from the files is escaped: no HTML, no Markdown, no @-mentions.
 */
import {
  buildBoard,
  IDLE_DAYS,
  isClosedMilestone,
  plural,
  type AnyPlanView,
  type Board,
  type MilestoneView,
  type PlanView,
  type PracticePlanView,
  type Problem,
} from "./board.js";
import type { Formatter } from "./types.js";

/** Room left under GitHub's 65 536-character comment limit for the notes that say what was left out. */
const BUDGET = 60_000;
/** Lists longer than this fold into `<details>`. */
const OPEN_ROWS = 10;
/** Items of each "needs attention" list. */
const ATTENTION_ITEMS = 10;

const NOT_SHOWN = /[\0-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Cs}|\p{Noncharacter_Code_Point}/gu;

/**
 * Text from the files as inline Markdown: controls and bidirectional marks as `\uXXXX`, line breaks as
 * spaces, HTML as text, Markdown punctuation and table pipes escaped, and `@`
 * followed by a zero-width space so that an owner or a message mentions nobody.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, " ")
    .replace(NOT_SHOWN, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`)
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@&#8203;");
}

const e = escapeMarkdown;
const webUrl = (url: string | undefined): string | undefined => (url !== undefined && /^https?:\/\/[^\s()<>]+$/i.test(url) ? url : undefined);
const status = (s: string | undefined): string => (s === undefined ? "no status" : e(s));
const SEVERITY = { error: "❌ error", warn: "⚠️ warning" } as const;

/** Lines of Markdown, with a budget of characters that tables draw on. */
class Out {
  readonly lines: string[] = [];
  private used = 0;

  push(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.used += line.length + 1;
    }
  }

  /** A table with as many of `rows` as fit, then a line saying how many did not; folded when long. */
  table(head: string[], rows: string[][], summary: string, fold = rows.length > OPEN_ROWS): void {
    if (fold) this.push(`<details><summary>${summary}</summary>`, "");
    this.push(`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`);
    let shown = 0;
    for (const row of rows) {
      const line = `| ${row.join(" | ")} |`;
      if (this.used + line.length > BUDGET) break;
      this.push(line);
      shown++;
    }
    if (shown < rows.length) this.push("", `…and ${rows.length - shown} more not shown here, to stay within GitHub's size limit: see \`--format html\` for the whole board.`);
    this.push("");
    if (fold) this.push("</details>", "");
  }
}

function where(file: string, plan?: AnyPlanView, milestone?: MilestoneView): string {
  if (plan && milestone) return `**${e(plan.label)} ${e(milestone.label)}** ${e(milestone.summary.title ?? "")}`.trimEnd();
  if (plan) return `**${e(plan.label)}** ${e(plan.summary.title ?? "")}`.trimEnd();
  return e(file);
}

function listed<T>(items: T[], item: (t: T) => string): string {
  const shown = items.slice(0, ATTENTION_ITEMS).map(item).join("; ");
  return items.length > ATTENTION_ITEMS ? `${shown}; and ${items.length - ATTENTION_ITEMS} more` : shown;
}

function attention(out: Out, board: Board): void {
  const { errors, lifecycle, blocked, blockedPlans, idle } = board.attention;
  out.push("### Needs attention", "");
  if (errors.length + lifecycle.length + blocked.length + blockedPlans.length + idle.length === 0) {
    out.push("Nothing: no errors, nothing blocked, no stale plans.", "");
    return;
  }
  const errorCount = errors.reduce((n, f) => n + f.problems.length, 0);
  if (errors.length > 0) out.push(`- ❌ **${plural(errorCount, "error")} in ${plural(errors.length, "file")}**: ${listed(errors, (f) => `${where(f.file, f.plan, f.milestone)} (${f.problems.length})`)}`);
  if (blocked.length > 0) out.push(`- ⛔ **${plural(blocked.length, "milestone")} blocked**: ${listed(blocked, (b) => `${where(b.milestone.summary.file, b.plan, b.milestone)} (${e(b.milestone.summary.owner ?? "no owner")})`)}`);
  if (blockedPlans.length > 0) out.push(`- ⛔ **${plural(blockedPlans.length, "plan")} blocked**: ${listed(blockedPlans, (p) => `${where(p.summary.file, p)} (${status(p.status)})`)}`);
  for (const g of lifecycle) out.push(`- 🔁 **${g.label}** (${g.problems.length}): ${listed(g.problems, (d) => `${where(d.file, d.plan, d.milestone)}: ${e(d.message)}`)}`);
  if (idle.length > 0) out.push(`- 💤 **${plural(idle.length, "unfinished plan")} with no update for ${IDLE_DAYS} days or more**: ${listed(idle, (p) => `${where(p.summary.file ?? p.summary.folder, p)} (${status(p.kind === "practice" ? p.status : p.summary.status)}, last update ${p.lastUpdate})`)}`);
  out.push("");
}

const tasks = (body: { tasks: { done: number; total: number } } | undefined): string =>
  !body ? "not read" : body.tasks.total === 0 ? "—" : `${body.tasks.done}/${body.tasks.total}`;

function problemCount(errors: number, warnings: number): string {
  return [errors > 0 ? `❌ ${errors}` : "", warnings > 0 ? `⚠️ ${warnings}` : ""].filter(Boolean).join(" ") || "✓";
}

function planRow(p: PlanView): string[] {
  const s = p.summary;
  const closed = p.milestones.filter((m) => isClosedMilestone(m.summary)).length;
  const blocked = p.milestones.filter((m) => m.summary.status === "blocked").length;
  return [
    `**${e(p.label)}** ${e(s.title ?? "")}`.trimEnd(),
    status(s.status),
    e(s.owner ?? ""),
    p.milestones.length === 0 ? "none" : `${closed}/${p.milestones.length} closed${blocked > 0 ? `, ${blocked} blocked` : ""}`,
    s.file === undefined ? "—" : tasks(s.body),
    e(p.lastUpdate ?? ""),
    problemCount(p.errors, p.warnings),
  ];
}

function milestoneRow(p: PlanView, m: MilestoneView): string[] {
  const s = m.summary;
  const errors = m.problems.filter((d) => d.severity === "error").length;
  return [
    `**${e(p.label)} ${e(m.label)}** ${e(s.title ?? "")}`.trimEnd(),
    status(s.status),
    e(s.owner ?? ""),
    tasks(s.body),
    e(s.updated ?? ""),
    problemCount(errors, m.problems.length - errors),
  ];
}

const OUTCOMES = { written: "written", empty: "empty", "to come": "to come" } as const;

function practiceRow(p: PracticePlanView): string[] {
  const s = p.summary;
  const progress = s.body?.progress;
  return [
    `**${e(p.label)}** ${e(s.title ?? "")}`.trimEnd(),
    status(p.status),
    !s.body ? "not read" : progress && progress.total > 0 ? `${progress.done}/${progress.total}` : "—",
    !s.body ? "not read" : s.body.outcomes ? OUTCOMES[s.body.outcomes] : "no section",
    e(p.lastUpdate ?? ""),
    problemCount(p.errors, p.warnings),
  ];
}

function problemRow(d: Problem): string[] {
  return [SEVERITY[d.severity], `${e(d.file)}:${d.line}:${d.column}`, e(d.ruleId), `${e(d.message)}${d.suggestion ? ` → ${e(d.suggestion)}` : ""}`];
}

export const markdown: Formatter = (result, context) => {
  const board = buildBoard(result, context.rules);
  const out = new Out();
  const total = board.errorCount + board.warningCount;
  // plans of the PLANS.md practice have no milestones: a board of them alone does not count any
  const milestones = board.plans.length > 0 || board.practice.length === 0;
  out.push(
    `## ${milestones ? "Plans and milestones" : "Plans"}: ${total === 0 ? "no problems" : `${plural(board.errorCount, "error")}, ${plural(board.warningCount, "warning")}`}`,
    "",
    [board.today ? `As of ${board.today}` : "", ...board.roots.map(e), ...board.practiceFolders.map(e), `milestone-lint ${e(context.version)}`].filter(Boolean).join(" · "),
    "",
    `**${plural(board.plans.length + board.practice.length, "plan")}** (${board.planStatuses.map((c) => `${c.count} ${status(c.key === "(none)" ? undefined : c.key)}`).join(", ") || "none"}) · ` +
      (milestones ? `**${plural(board.milestoneCount, "milestone")}** (${board.milestoneStatuses.map((c) => `${c.count} ${status(c.key === "(none)" ? undefined : c.key)}`).join(", ") || "none"}) · ` : "") +
      `**${plural(total, "problem")}** in ${plural(board.filesWithProblems, "file")}`,
    "",
  );
  for (const w of board.runWarnings) out.push(`> ⚠️ ${e(w)}`, "");
  attention(out, board);
  if (board.withoutBody > 0) out.push(`_${plural(board.withoutBody, "file was", "files were")} read for front matter only (a run on some files): checklists show "not read"._`, "");
  if (board.practiceUnread > 0) out.push(`_${plural(board.practiceUnread, "plan was", "plans were")} not read (a run on some files): Progress and outcomes show "not read"._`, "");

  const unfinished = board.groups.filter((g) => g.key !== "done" && g.key !== "archived").flatMap((g) => g.plans);
  const finished = board.groups.filter((g) => g.key === "done" || g.key === "archived").flatMap((g) => g.plans);
  const planHead = ["Plan", "Status", "Owner", "Milestones", "Checklist", "Last update", "Problems"];
  if (board.plans.length > 0) {
    out.push("### Plans", "");
    if (unfinished.length > 0) out.table(planHead, unfinished.map(planRow), plural(unfinished.length, "unfinished plan"));
    const msRows = unfinished.flatMap((p) => p.milestones.map((m) => milestoneRow(p, m)));
    if (msRows.length > 0) {
      out.table(["Milestone", "Status", "Owner", "Checklist", "Updated", "Problems"], msRows, `${plural(msRows.length, "milestone")} of the unfinished plans`, true);
    }
    if (finished.length > 0) out.table(planHead, finished.map(planRow), `${plural(finished.length, "finished plan")} (done or archived)`, true);
  }
  if (board.practice.length > 0) {
    out.push(board.plans.length > 0 ? "### Plans of the PLANS.md practice" : "### Plans", "");
    const head = ["Plan", "Status", "Progress", "Outcomes", "Last activity", "Problems"];
    for (const g of board.practiceGroups) {
      const rows = g.plans.map(practiceRow);
      if (g.key === "active") out.table(head, rows, plural(rows.length, "plan in flight", "plans in flight"));
      else out.table(head, rows, plural(rows.length, "finished plan"), true);
    }
  }
  if (board.rules.length > 0) {
    out.push("### Problems by rule", "");
    out.table(
      ["Rule", "Errors", "Warnings"],
      board.rules.map((r) => {
        const url = webUrl(r.docsUrl);
        return [url ? `[${e(r.ruleId)}](${url})` : e(r.ruleId), String(r.errors), String(r.warnings)];
      }),
      `${plural(board.rules.length, "rule")}`,
    );
    out.push("### Problems", "");
    out.table(["Severity", "Where", "Rule", "Message"], board.problems.map(problemRow), `${plural(board.problems.length, "problem")}`);
  }
  return out.lines.join("\n").replace(/\n+$/, "\n");
};
