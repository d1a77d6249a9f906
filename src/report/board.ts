/**
 * The board that `--format html` and `--format markdown` draw: the result's tree
 * (`result.tree`: agentrules plans with their milestones, and plans of the PLANS.md
 * practice) with each file's problems attached, counts for the summary, and what
 * needs attention first. Reads no file: everything comes from the result and the
 * rules' meta. Rule logic stays in the rules: lifecycle problems are the
 * diagnostics of rules whose meta says `lifecycle`.
 */
import { isIsoDate } from "../tree/dates.js";
import type { Diagnostic, LintResult, MilestoneSummary, PlanSummary, PracticePlanSummary, RuleMeta } from "../shared/types.js";

/** A plan that is not finished and has had no `updated` bumped for this many days needs a look. */
export const IDLE_DAYS = 30;

export type PlanGroupKey = "active" | "planned" | "paused" | "other" | "done" | "archived";

/** Plan groups in the order the board shows them: work in flight first, finished work last. */
const PLAN_GROUPS: readonly { key: PlanGroupKey; label: string }[] = [
  { key: "active", label: "In flight" },
  { key: "planned", label: "Planned" },
  { key: "paused", label: "Paused" },
  { key: "other", label: "Status missing or unknown" },
  { key: "done", label: "Done" },
  { key: "archived", label: "Archived" },
];

/** Plans of the PLANS.md practice: in flight first, then finished (in a completed folder, or done by their status). */
const PRACTICE_GROUPS: readonly { key: PracticePlanView["group"]; label: string }[] = [
  { key: "active", label: "In flight" },
  { key: "done", label: "Finished" },
];

/** Statuses the board knows (FORMAT.md §4, §6), each with a class of its own; any other value is `other`. */
const KNOWN_STATUSES = new Set(["planned", "active", "in_progress", "paused", "blocked", "completed", "done", "archived"]);
const FINISHED_PLAN = new Set(["done", "archived"]);
const CLOSED_MILESTONE = new Set(["completed", "archived"]);

export const LIFECYCLE_LABELS: Record<NonNullable<RuleMeta["lifecycle"]>, string> = {
  status: "Stale status",
  place: "Status and folder disagree (closed work not moved?)",
  checklist: "Closed work with unticked checklist items or no outcomes",
  link: "Links to nothing",
};

export interface Problem extends Diagnostic {
  /** Where it shows on the board: the plan and, for a milestone's file, the milestone. */
  plan?: AnyPlanView;
  milestone?: MilestoneView;
}

export interface MilestoneView {
  summary: MilestoneSummary;
  anchor: string;
  /** `MS003`, else the file name. */
  label: string;
  statusClass: string;
  problems: Problem[];
}

export interface PlanView {
  kind: "agentrules";
  summary: PlanSummary;
  anchor: string;
  /** The plan ID, else the plan folder's name. */
  label: string;
  group: PlanGroupKey;
  statusClass: string;
  /** The plan file's own problems. */
  problems: Problem[];
  milestones: MilestoneView[];
  errors: number;
  warnings: number;
  /** The latest real `updated` of the plan and its milestones. */
  lastUpdate?: string;
  /** Days from `lastUpdate` to the run's day, for plans not finished. */
  idleDays?: number;
}

/** A plan of the PLANS.md practice: one file, no milestones. */
export interface PracticePlanView {
  kind: "practice";
  summary: PracticePlanSummary;
  anchor: string;
  /** Its path inside the plan folder it is kept in (`active/csv-export.md`, `search-ranking/plan.md`). */
  label: string;
  /** In flight, or finished (as `execplan-finished` judges). */
  group: "active" | "done";
  /** Its status as written, else its folder's state; absent when it says neither. */
  status?: string;
  /** `status` for the summary's counts: a status the board knows, `done` for one that says so, else as written. */
  statusKey?: string;
  statusClass: string;
  problems: Problem[];
  errors: number;
  warnings: number;
  /** The latest of its last ticked Progress timestamp and its front matter's `updated`. */
  lastUpdate?: string;
  /** Days from `lastUpdate` to the run's day, for plans not finished. */
  idleDays?: number;
}

export type AnyPlanView = PlanView | PracticePlanView;

export interface Count {
  key: string;
  count: number;
}

export interface RuleCount {
  ruleId: string;
  errors: number;
  warnings: number;
  docsUrl?: string;
  description?: string;
}

export interface Board {
  today?: string;
  roots: string[];
  plans: PlanView[];
  groups: { key: PlanGroupKey; label: string; plans: PlanView[] }[];
  /** The plans of the PLANS.md practice, the folders they are kept in, and the plans in flight and finished, by file. */
  practice: PracticePlanView[];
  practiceFolders: string[];
  practiceGroups: { key: PracticePlanView["group"]; label: string; plans: PracticePlanView[] }[];
  milestoneCount: number;
  /** Every problem, in the result's order (file, then line). */
  problems: Problem[];
  /** Files with problems that are no plan or milestone (a registry.json, an unreadable file). */
  otherFiles: { file: string; problems: Problem[] }[];
  planStatuses: Count[];
  milestoneStatuses: Count[];
  rules: RuleCount[];
  errorCount: number;
  warningCount: number;
  filesWithProblems: number;
  attention: {
    /** Files with errors, most errors first. */
    errors: { file: string; plan?: AnyPlanView; milestone?: MilestoneView; problems: Problem[] }[];
    lifecycle: { kind: NonNullable<RuleMeta["lifecycle"]>; label: string; problems: Problem[] }[];
    blocked: { plan: PlanView; milestone: MilestoneView }[];
    /** Plans of the PLANS.md practice whose status says they are blocked. */
    blockedPlans: PracticePlanView[];
    idle: AnyPlanView[];
  };
  /** Plans and milestones whose body this run did not read (a run on some files only). */
  withoutBody: number;
  /** Plans of the PLANS.md practice this run did not read (a run on some files only). */
  practiceUnread: number;
  /** What the run says about itself (a folder it could not read, an argument that matched nothing). */
  runWarnings: string[];
}

export function statusClass(status: string | undefined): string {
  return status !== undefined && KNOWN_STATUSES.has(status) ? status : "other";
}

function groupOf(plan: PlanSummary): PlanGroupKey {
  const s = plan.status;
  return s === "active" || s === "planned" || s === "paused" || s === "done" || s === "archived" ? s : "other";
}

/** `In Progress` → `in_progress`: a status the board knows, however it is written. */
const statusWord = (status: string): string => status.trim().toLowerCase().replace(/[\s-]+/g, "_");

/** The key a plan of the practice is counted under: its status if the board knows it, `done` if it says so, else as written; its folder's state when it states none. */
function practiceStatusKey(s: PracticePlanSummary): string | undefined {
  if (s.status === undefined) return s.state;
  const word = statusWord(s.status);
  if (KNOWN_STATUSES.has(word)) return word;
  return s.finished && s.state !== "completed" ? "done" : s.status.toLowerCase();
}

/** The path of a plan inside the plan folder that holds it, the deepest one. */
function practiceLabel(file: string, folders: readonly string[]): string {
  const folder = folders.filter((f) => f === "." || file.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
  return folder === undefined || folder === "." ? file : file.slice(folder.length + 1);
}

function daysBetween(from: string, to: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Statuses in the order of the work: in flight, waiting, stuck, finished; others after them. */
const STATUS_ORDER = ["active", "in_progress", "planned", "paused", "blocked", "completed", "done", "archived"];
const rank = (status: string): number => {
  const i = STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
};

function tally(values: (string | undefined)[]): Count[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? "(none)", (counts.get(v ?? "(none)") ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || (a.key < b.key ? -1 : 1));
}

const msLabel = (m: MilestoneSummary): string =>
  m.ms !== undefined ? `MS${String(m.ms).padStart(3, "0")}` : (m.file.split("/").pop() ?? m.file);

export function buildBoard(result: LintResult, rules: Record<string, RuleMeta>): Board {
  const tree = result.tree;
  const byFile = new Map<string, { plan: AnyPlanView; milestone?: MilestoneView }>();
  const plans: PlanView[] = (tree?.plans ?? []).map((summary, p) => {
    const plan: PlanView = {
      kind: "agentrules",
      summary,
      anchor: `plan-${p + 1}`,
      label: summary.id ?? summary.folder.split("/").pop() ?? summary.folder,
      group: groupOf(summary),
      statusClass: statusClass(summary.status),
      problems: [],
      milestones: [],
      errors: 0,
      warnings: 0,
    };
    plan.milestones = summary.milestones.map((m, i) => ({
      summary: m,
      anchor: `${plan.anchor}-ms-${i + 1}`,
      label: msLabel(m),
      statusClass: statusClass(m.status),
      problems: [],
    }));
    if (summary.file !== undefined) byFile.set(summary.file, { plan });
    for (const milestone of plan.milestones) byFile.set(milestone.summary.file, { plan, milestone });
    const dates = [summary.updated, ...summary.milestones.map((m) => m.updated)].filter((d): d is string => d !== undefined && isIsoDate(d));
    const last = dates.sort().pop();
    if (last !== undefined) {
      plan.lastUpdate = last;
      if (tree && !FINISHED_PLAN.has(summary.status ?? "")) plan.idleDays = daysBetween(last, tree.today);
    }
    return plan;
  });
  const practiceFolders = tree?.practiceFolders ?? [];
  const practice: PracticePlanView[] = (tree?.practicePlans ?? []).map((summary, i) => {
    const status = summary.status ?? summary.state;
    const statusKey = practiceStatusKey(summary);
    const view: PracticePlanView = {
      kind: "practice",
      summary,
      anchor: `practice-${i + 1}`,
      label: practiceLabel(summary.file, practiceFolders),
      group: summary.finished ? "done" : "active",
      ...(status !== undefined ? { status } : {}),
      ...(statusKey !== undefined ? { statusKey } : {}),
      statusClass: summary.finished ? "done" : statusClass(statusKey),
      problems: [],
      errors: 0,
      warnings: 0,
    };
    byFile.set(summary.file, { plan: view });
    const last = [summary.body?.lastActivity, summary.updated].filter((d): d is string => d !== undefined && isIsoDate(d)).sort().pop();
    if (last !== undefined) {
      view.lastUpdate = last;
      if (tree && !summary.finished) view.idleDays = daysBetween(last, tree.today);
    }
    return view;
  });

  const problems: Problem[] = [];
  const otherFiles: Board["otherFiles"] = [];
  const errorFiles: Board["attention"]["errors"] = [];
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    const where = byFile.get(file.file);
    const list: Problem[] = file.diagnostics.map((d) => ({ ...d, ...where }));
    problems.push(...list);
    const errors = list.filter((d) => d.severity === "error");
    if (errors.length > 0) errorFiles.push({ file: file.file, ...where, problems: errors });
    if (!where) otherFiles.push({ file: file.file, problems: list });
    else {
      (where.milestone ?? where.plan).problems.push(...list);
      where.plan.errors += errors.length;
      where.plan.warnings += list.length - errors.length;
    }
  }
  errorFiles.sort((a, b) => b.problems.length - a.problems.length);

  const ruleCounts = new Map<string, RuleCount>();
  for (const d of problems) {
    let r = ruleCounts.get(d.ruleId);
    if (!r) {
      const meta = rules[d.ruleId];
      r = { ruleId: d.ruleId, errors: 0, warnings: 0, ...(meta ? { docsUrl: meta.docsUrl, description: meta.description } : {}) };
      ruleCounts.set(d.ruleId, r);
    }
    d.severity === "error" ? r.errors++ : r.warnings++;
  }

  const lifecycle = (Object.keys(LIFECYCLE_LABELS) as (keyof typeof LIFECYCLE_LABELS)[])
    .map((kind) => ({ kind, label: LIFECYCLE_LABELS[kind], problems: problems.filter((d) => rules[d.ruleId]?.lifecycle === kind) }))
    .filter((g) => g.problems.length > 0);
  const blocked = plans.flatMap((plan) => plan.milestones.filter((m) => m.summary.status === "blocked").map((milestone) => ({ plan, milestone })));
  const idle = [...plans, ...practice].filter((p) => p.idleDays !== undefined && p.idleDays >= IDLE_DAYS).sort((a, b) => (b.idleDays ?? 0) - (a.idleDays ?? 0));

  const milestones = plans.flatMap((p) => p.milestones);
  return {
    ...(tree ? { today: tree.today } : {}),
    roots: tree?.roots ?? [],
    plans,
    // by ID within a group: IDs start with their date, so older plans come first
    groups: PLAN_GROUPS.map((g) => ({ ...g, plans: plans.filter((p) => p.group === g.key).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)) })).filter((g) => g.plans.length > 0),
    practice,
    practiceFolders,
    practiceGroups: PRACTICE_GROUPS.map((g) => ({ ...g, plans: practice.filter((p) => p.group === g.key) })).filter((g) => g.plans.length > 0),
    milestoneCount: milestones.length,
    problems,
    otherFiles,
    planStatuses: tally([...plans.map((p) => p.summary.status), ...practice.map((p) => p.statusKey)]),
    milestoneStatuses: tally(milestones.map((m) => m.summary.status)),
    rules: [...ruleCounts.values()].sort((a, b) => b.errors + b.warnings - (a.errors + a.warnings) || (a.ruleId < b.ruleId ? -1 : 1)),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    filesWithProblems: result.files.filter((f) => f.diagnostics.length > 0).length,
    attention: { errors: errorFiles, lifecycle, blocked, blockedPlans: practice.filter((p) => p.group === "active" && p.statusClass === "blocked"), idle },
    runWarnings: result.warnings ?? [],
    withoutBody: plans.reduce((n, p) => n + (p.summary.file !== undefined && !p.summary.body ? 1 : 0) + p.milestones.filter((m) => !m.summary.body).length, 0),
    practiceUnread: practice.filter((p) => !p.summary.body).length,
  };
}

export const isClosedMilestone = (m: MilestoneSummary): boolean => CLOSED_MILESTONE.has(m.status ?? "");

export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;
