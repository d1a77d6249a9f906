/**
 * `--format html`: one self-contained page, the board of plans and milestones with
 * their problems (see `board.ts` for what it shows). Loads nothing: no fonts,
 * images, style sheets or scripts from anywhere, and a Content-Security-Policy
 * that allows only its own inline style and script (by hash), so that it works
 * from a CI artifact or from disk. Every text from the files goes through `html`
 * below, which escapes what it interpolates.
 */
import { createHash } from "node:crypto";
import {
  buildBoard,
  IDLE_DAYS,
  isClosedMilestone,
  plural,
  statusClass,
  type AnyPlanView,
  type Board,
  type Count,
  type MilestoneView,
  type PlanView,
  type PracticePlanView,
  type Problem,
} from "./board.js";
import { SCRIPT } from "./html-script.js";
import { STYLE } from "./html-style.js";
import type { BodySummary } from "../shared/types.js";
import type { Formatter } from "./types.js";

/** Markup already escaped. */
class Html {
  constructor(readonly text: string) {}
}

/**
 * Characters HTML does not allow in a document, not even as references: controls
 * other than tab, LF, FF and CR, lone surrogates, noncharacters; and the
 * bidirectional controls and separators, which reorder or break what is shown.
 * Written as `\uXXXX`.
 */
const NOT_HTML_CHAR = /[\0-\x08\x0B\x0E-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Cs}|\p{Noncharacter_Code_Point}/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(NOT_HTML_CHAR, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

type Part = Html | string | number | undefined | null | false | Part[];

function render(part: Part): string {
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join("");
  if (part === undefined || part === null || part === false) return "";
  return escapeHtml(String(part));
}

/** A template whose interpolations are escaped, unless they are `Html` already. */
function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  parts.forEach((part, i) => (out += render(part) + (strings[i + 1] ?? "")));
  return new Html(out);
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

/** Only web links go into an `href`: a plugin's `docsUrl` could say `javascript:`. */
const webUrl = (url: string | undefined): string | undefined => (url !== undefined && /^https?:\/\//i.test(url) ? url : undefined);

const statusText = (status: string | undefined): string => status ?? "no status";

function badge(status: string | undefined, cls = statusClass(status)): Html {
  return html`<span class="badge st-${cls}">${statusText(status)}</span>`;
}

/** What a plan says of its state: a plan of the PLANS.md practice by its status or its folder. */
const planStatus = (p: AnyPlanView): string | undefined => (p.kind === "practice" ? p.status : p.summary.status);

function statusChips(counts: Count[]): Html {
  return html`<ul class="chips">${counts.map((c) => html`<li class="st-${statusClass(c.key === "(none)" ? undefined : c.key)}"><span class="dot"></span><span class="n">${c.count}</span> ${c.key === "(none)" ? "no status" : c.key}</li>`)}</ul>`;
}

function tally(errors: number, warnings: number): Html {
  if (errors + warnings === 0) return html`<span class="pill ok" title="no problems">✓</span>`;
  return html`${errors > 0 ? html`<span class="pill err" title="${plural(errors, "error")}">${errors} ✖</span>` : ""}${warnings > 0 ? html`<span class="pill warn" title="${plural(warnings, "warning")}">${warnings} ⚠</span>` : ""}`;
}

/** A list that shows its first `keep` items and folds the rest. */
function folded<T>(items: T[], keep: number, item: (t: T) => Html, wrap: (inner: Html) => Html, what: string): Html {
  if (items.length <= keep + 1) return wrap(html`${items.map(item)}`);
  return html`${wrap(html`${items.slice(0, keep).map(item)}`)}<details class="more"><summary>${items.length - keep} more ${what}</summary>${wrap(html`${items.slice(keep).map(item)}`)}</details>`;
}

function ruleLink(board: Board, ruleId: string): Html {
  const url = webUrl(board.rules.find((r) => r.ruleId === ruleId)?.docsUrl);
  return url ? html`<a class="rule" href="${url}">${ruleId}</a>` : html`<span class="rule">${ruleId}</span>`;
}

function problemList(board: Board, problems: Problem[]): Html {
  const item = (d: Problem) =>
    html`<li><span class="sev ${d.severity}">${d.severity === "error" ? "error" : "warn"}</span><span class="msg"><span class="loc">${d.line}:${d.column}</span> ${d.message} ${ruleLink(board, d.ruleId)}</span></li>`;
  return folded(problems, 4, item, (inner) => html`<ul class="problems">${inner}</ul>`, "problems");
}

/** A checklist as a bar with its count, and what follows the count. */
function bar({ done, total }: { done: number; total: number }, what: string, after: Part = ""): Html {
  return html`<div class="progress"><progress max="${total}" value="${done}" aria-label="${what}"></progress><span>${done}/${total} ${what} ticked${after}</span></div>`;
}

/** The plan's checklist as a bar with its count; nothing when it has none. */
function progress(body: BodySummary | undefined, what: string): Html {
  if (!body) return html`<p class="unread">Body not read in this run (front matter only): checklist and health not shown.</p>`;
  return body.tasks.total === 0 ? html`` : bar(body.tasks, what);
}

/** A milestone's checklist, small enough for its title line. */
function miniProgress(body: BodySummary | undefined): Html {
  if (!body) return html`<span class="mini unread" title="body not read in this run">not read</span>`;
  const { done, total } = body.tasks;
  if (total === 0) return html``;
  return html`<span class="mini" title="${done} of ${total} checklist items ticked"><progress max="${total}" value="${done}" aria-label="checklist"></progress>${done}/${total}</span>`;
}

function health(body: BodySummary | undefined): Html {
  const table = body?.health;
  if (!table || table.rows.length === 0) return html``;
  const [, ...rest] = table.columns;
  const chip = (row: string[]) => {
    const [label = "", value = "", ...notes] = row;
    const title = notes
      .map((n, i) => (n && n !== "…" ? `${rest[i + 1] ?? ""}: ${n}` : ""))
      .filter(Boolean)
      .join("; ");
    return html`<li${title ? html` title="${title}"` : ""}>${value ? html`<b>${value}</b> ` : ""}${label}</li>`;
  };
  return html`<ul class="health">${table.rows.map(chip)}</ul>`;
}

function placeOf(m: MilestoneView): string {
  const { folder, subfolders = [] } = m.summary;
  return folder === undefined ? "milestones/" : [folder, ...subfolders].join("/");
}

function dates(s: { created?: string; updated?: string }): string {
  return s.updated ? `updated ${s.updated}` : s.created ? `created ${s.created}` : "no dates";
}

function metaLine(parts: Part[]): Html {
  const shown = parts.filter((p) => p !== undefined && p !== "" && p !== false);
  return html`<p class="meta">${shown.map((p, i) => html`${i > 0 ? html`<span class="sep">·</span>` : ""}<span>${p}</span>`)}</p>`;
}

function milestoneItem(board: Board, m: MilestoneView): Html {
  const s = m.summary;
  // closed work without problems is one line: what is left to do takes the room
  const brief = isClosedMilestone(s) && m.problems.length === 0;
  return html`<li class="ms st-${m.statusClass}${brief ? " closed" : ""}" id="${m.anchor}">
<div class="ms-head"><code>${m.label}</code><span class="ms-title">${s.title ?? "(no title)"}</span>${miniProgress(s.body)}${badge(s.status)}</div>
${brief ? "" : html`${metaLine([s.owner, dates(s), html`<span class="mono" title="${s.file}">${placeOf(m)}</span>`])}${health(s.body)}${m.problems.length > 0 ? problemList(board, m.problems) : ""}`}
</li>`;
}

function planCard(board: Board, p: PlanView): Html {
  const s = p.summary;
  const closed = p.milestones.filter((m) => isClosedMilestone(m.summary)).length;
  const strip =
    p.milestones.length === 0
      ? html`<p class="strip-note">No milestones.</p>`
      : html`<div class="strip" role="img" aria-label="${p.milestones.map((m) => `${m.label} ${statusText(m.summary.status)}`).join(", ")}">${p.milestones.map((m) => html`<span class="st-${m.statusClass}" title="${m.label} ${statusText(m.summary.status)}"></span>`)}</div><p class="strip-note">${closed} of ${plural(p.milestones.length, "milestone")} closed${p.milestones.some((m) => m.summary.status === "blocked") ? html` · <span class="st-blocked">${p.milestones.filter((m) => m.summary.status === "blocked").length} blocked</span>` : ""}</p>`;
  const where = s.file === undefined ? "no ExecPlan file in this folder" : `${s.layout} layout`;
  const idle = p.idleDays !== undefined && p.idleDays >= IDLE_DAYS ? html`<span class="st-paused">no update for ${p.idleDays} days</span>` : undefined;
  return html`<article class="card st-${p.statusClass}" id="${p.anchor}">
<div class="card-head"><div class="title"><div class="line1">${badge(s.status)}<code class="id">${p.label}</code></div><h4>${s.title ?? (s.file === undefined ? "(milestones without a plan file)" : "(no title)")}</h4></div><div class="tally">${tally(p.errors, p.warnings)}</div></div>
${metaLine([s.owner, s.kind, dates(s), idle])}
${metaLine([html`<span class="mono">${s.folder}/</span>`, where])}
${strip}${s.file !== undefined ? progress(s.body, "plan checklist items") : ""}${p.problems.length > 0 ? problemList(board, p.problems) : ""}
${p.milestones.length > 0 ? html`<ol class="ms-list">${p.milestones.map((m) => milestoneItem(board, m))}</ol>` : ""}
</article>`;
}

/** A message cut for a list line; the card and the table have it whole. */
const short = (text: string): string => (text.length > 150 ? `${text.slice(0, 149)}…` : text);

const OUTCOMES = { written: "written", empty: "empty", "to come": "still to come" } as const;

/** A plan of the PLANS.md practice: its title, status and place, its Progress steps, its outcomes and its problems. */
function practiceCard(board: Board, p: PracticePlanView): Html {
  const s = p.summary;
  const body = s.body;
  const idle = p.idleDays !== undefined && p.idleDays >= IDLE_DAYS ? html`<span class="st-paused">no activity for ${p.idleDays} days</span>` : undefined;
  const folder = s.state === undefined ? "neither an active nor a completed folder" : `${s.state} folder`;
  const from = s.statusFrom !== undefined ? `status from its ${s.statusFrom}` : undefined;
  const last = body?.lastActivity !== undefined ? html` <span class="sep">·</span> last ticked ${body.lastActivity}` : "";
  const steps = !body?.progress
    ? html`<p class="meta">No Progress section.</p>`
    : body.progress.total === 0
      ? html`<p class="meta">No steps in Progress.</p>`
      : bar(body.progress, "Progress steps", last);
  // unwritten outcomes are the normal state of work in flight, a mistake only on finished work
  const outcomes = body?.outcomes;
  const oc = outcomes === "written" ? "ok" : s.finished ? "warn" : "todo";
  return html`<article class="card st-${p.statusClass}" id="${p.anchor}">
<div class="card-head"><div class="title"><div class="line1">${badge(p.status, p.statusClass)}<code class="id">${p.label}</code></div><h4>${s.title ?? "(no title)"}</h4></div><div class="tally">${tally(p.errors, p.warnings)}</div></div>
${metaLine([s.owner, s.updated ? `updated ${s.updated}` : s.created ? `created ${s.created}` : undefined, idle])}
${metaLine([html`<span class="mono" title="${s.file}">${s.folder}/</span>`, folder, from])}
${body ? html`${steps}<p class="outcomes ${oc}">${outcomes === undefined ? "No Outcomes & Retrospective section" : html`Outcomes &amp; Retrospective: ${OUTCOMES[outcomes]}`}</p>` : html`<p class="unread">Not read in this run (it linted some files): Progress and outcomes not shown.</p>`}${p.problems.length > 0 ? problemList(board, p.problems) : ""}
</article>`;
}

function fileLabel(file: string, plan?: AnyPlanView, milestone?: MilestoneView): Html {
  if (milestone && plan) return html`<a href="#${milestone.anchor}">${plan.label} ${milestone.label}</a> ${milestone.summary.title ?? ""}`;
  if (plan) return html`<a href="#${plan.anchor}">${plan.label}</a> ${plan.summary.title ?? ""}`;
  return html`<span class="mono">${file}</span>`;
}

function attention(board: Board): Html {
  const { errors, lifecycle, blocked, blockedPlans, idle } = board.attention;
  if (errors.length + lifecycle.length + blocked.length + blockedPlans.length + idle.length === 0) {
    return html`<div class="attention calm">Nothing needs attention: no errors, nothing blocked, no stale plans.</div>`;
  }
  const list = <T>(items: T[], item: (t: T) => Html) => folded(items, 8, (t) => html`<li>${item(t)}</li>`, (inner) => html`<ul>${inner}</ul>`, "");
  const errorCount = errors.reduce((n, f) => n + f.problems.length, 0);
  return html`<div class="attention">
${errors.length > 0 ? html`<div class="att err"><h3>${plural(errorCount, "error")} in ${plural(errors.length, "file")}</h3>${list(errors, (f) => html`${fileLabel(f.file, f.plan, f.milestone)} <span class="why">— ${plural(f.problems.length, "error")}: ${[...new Set(f.problems.map((d) => d.ruleId))].join(", ")}</span>`)}</div>` : ""}
${blocked.length > 0 ? html`<div class="att block"><h3>${plural(blocked.length, "milestone")} blocked</h3>${list(blocked, (b) => html`${fileLabel(b.milestone.summary.file, b.plan, b.milestone)} <span class="why">— ${b.milestone.summary.owner ?? "no owner"}, ${dates(b.milestone.summary)}</span>`)}</div>` : ""}
${blockedPlans.length > 0 ? html`<div class="att block"><h3>${plural(blockedPlans.length, "plan")} blocked</h3>${list(blockedPlans, (p) => html`${fileLabel(p.summary.file, p)} <span class="why">— ${p.status}${p.lastUpdate ? `, last update ${p.lastUpdate}` : ""}</span>`)}</div>` : ""}
${lifecycle.map((g) => html`<div class="att life"><h3>${g.label} (${g.problems.length})</h3>${list(g.problems, (d) => html`${fileLabel(d.file, d.plan, d.milestone)} <span class="why">— ${short(d.message)}</span>`)}</div>`)}
${idle.length > 0 ? html`<div class="att idle"><h3>${plural(idle.length, "unfinished plan")} with no update for ${IDLE_DAYS} days or more</h3>${list(idle, (p) => html`${fileLabel(p.summary.file ?? p.summary.folder, p)} <span class="why">— ${statusText(planStatus(p))}, last update ${p.lastUpdate}, ${p.idleDays} days ago</span>`)}</div>` : ""}
</div>`;
}

/** Statuses as one bar of proportional parts: SVG, whose sizes are attributes, so the page needs no inline styles. */
function stackBar(counts: Count[], total: number): Html {
  if (total === 0) return html``;
  let x = 0;
  const parts = counts.map((c) => {
    const width = (c.count / total) * 1000;
    const rect = html`<rect class="st-${statusClass(c.key === "(none)" ? undefined : c.key)}" x="${x.toFixed(1)}" width="${width.toFixed(1)}" height="10"></rect>`;
    x += width;
    return rect;
  });
  return html`<svg class="stack" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">${parts}</svg>`;
}

/** The plans of the PLANS.md practice at a glance: the steps of those in flight, and the finished ones whose outcomes are written. */
function practiceTile(board: Board): Html {
  const active = board.practice.filter((p) => p.group === "active");
  const finished = board.practice.filter((p) => p.group === "done");
  const steps = active.reduce((t, p) => ({ done: t.done + (p.summary.body?.progress?.done ?? 0), total: t.total + (p.summary.body?.progress?.total ?? 0) }), { done: 0, total: 0 });
  const written = finished.filter((p) => p.summary.body?.outcomes === "written").length;
  return html`<div class="tile"><h2>Progress of plans in flight</h2><p class="big">${steps.done}/${steps.total} <small>steps ticked</small></p>${steps.total > 0 ? html`<progress class="wide" max="${steps.total}" value="${steps.done}" aria-label="Progress steps ticked in plans in flight"></progress>` : ""}<ul class="chips"><li class="st-active"><span class="dot"></span><span class="n">${active.length}</span> in flight</li><li class="st-done"><span class="dot"></span><span class="n">${finished.length}</span> finished${finished.length > 0 ? `, ${written} with outcomes written` : ""}</li></ul></div>`;
}

function summary(board: Board): Html {
  const ms = board.plans.flatMap((p) => p.milestones);
  const problems = board.errorCount + board.warningCount;
  const ruleRow = (r: Board["rules"][number]) => {
    const url = webUrl(r.docsUrl);
    return html`<tr><td>${url ? html`<a href="${url}" title="${r.description ?? ""}">${r.ruleId}</a>` : r.ruleId}</td><td class="n">${r.errors > 0 ? html`<span class="sev error">${r.errors}</span>` : ""}${r.errors > 0 && r.warnings > 0 ? " " : ""}${r.warnings > 0 ? html`<span class="sev warn">${r.warnings}</span>` : ""}</td></tr>`;
  };
  return html`<section class="summary" aria-label="Summary">
<div class="tile"><h2>Plans</h2><p class="big">${board.plans.length + board.practice.length}</p>${statusChips(board.planStatuses)}</div>
${board.plans.length > 0 || board.practice.length === 0 ? html`<div class="tile"><h2>Milestones</h2><p class="big">${board.milestoneCount}</p>${stackBar(board.milestoneStatuses, ms.length)}${statusChips(board.milestoneStatuses)}</div>` : ""}
${board.practice.length > 0 ? practiceTile(board) : ""}
<div class="tile"><h2>Problems</h2><p class="big">${problems} <small>in ${plural(board.filesWithProblems, "file")}</small></p><ul class="chips"><li class="sev error">${plural(board.errorCount, "error")}</li><li class="sev warn">${plural(board.warningCount, "warning")}</li></ul></div>
<div class="tile"><h2>Problems by rule</h2>${board.rules.length === 0 ? html`<p class="empty">None.</p>` : folded(board.rules, 6, ruleRow, (inner) => html`<table class="rules"><tbody>${inner}</tbody></table>`, "rules")}</div>
</section>`;
}

function group(label: string, open: boolean, cards: Html[]): Html {
  return html`<details class="group" ${open ? html`open` : ""}><summary><h3>${label}</h3><span class="count">${cards.length}</span></summary>
<div class="cards">${cards}</div></details>`;
}

function plans(board: Board): Html {
  if (board.plans.length === 0 && board.practice.length === 0) return html`<p class="empty">No plans or milestones found.</p>`;
  // a repository with both kinds of plan says which is which
  const both = board.plans.length > 0 && board.practice.length > 0;
  return html`${both ? html`<h3 class="world">ExecPlans and milestones <span class="mono">${board.roots.join(", ")}</span></h3>` : ""}
${board.groups.map((g) => group(g.label, g.key !== "done" && g.key !== "archived", g.plans.map((p) => planCard(board, p))))}
${both ? html`<h3 class="world">Plans of the PLANS.md practice <span class="mono">${board.practiceFolders.join(", ")}</span></h3>` : ""}
${board.practiceGroups.map((g) => group(g.label, g.key === "active", g.plans.map((p) => practiceCard(board, p))))}`;
}

function problemTable(board: Board): Html {
  if (board.problems.length === 0) return html`<p class="empty">No problems.</p>`;
  const rules = [...new Set(board.problems.map((d) => d.ruleId))].sort();
  const withProblems = [...board.plans, ...board.practice].filter((p) => p.errors + p.warnings > 0);
  const options = (list: [string, string][]) => list.map(([value, label]) => html`<option value="${value}">${label}</option>`);
  const row = (d: Problem) => {
    const name = d.file.slice(d.file.lastIndexOf("/") + 1);
    const target = d.milestone ?? d.plan;
    const label = d.plan ? `${d.plan.label}${d.milestone ? ` ${d.milestone.label}` : ""}` : name;
    return html`<tr data-sev="${d.severity}" data-rule="${d.ruleId}" data-plan="${d.plan?.anchor ?? ""}" data-where="${label}" data-file="${d.file}" data-line="${d.line}" data-col="${d.column}">
<td data-label="Severity"><span class="sev ${d.severity}">${d.severity === "error" ? "error" : "warn"}</span></td>
<td data-label="Where">${target ? html`<a href="#${target.anchor}">${label}</a>` : html`<span class="mono">${label}</span>`} <span class="loc">line ${d.line}:${d.column}</span><span class="fname" title="${d.file}">${target ? name : d.file}</span></td>
<td data-label="Rule">${ruleLink(board, d.ruleId)}</td>
<td data-label="Message" class="msg">${d.message}${d.suggestion ? html`<div class="suggest">→ ${d.suggestion}</div>` : ""}</td>
</tr>`;
  };
  return html`<div class="filters" id="filters" hidden>
<label>Severity <select id="f-sev">${options([["", "All"], ["error", "Errors"], ["warn", "Warnings"]])}</select></label>
<label>Rule <select id="f-rule">${options([["", "All rules"], ...rules.map((r): [string, string] => [r, r])])}</select></label>
<label>Plan <select id="f-plan">${options([["", "All plans"], ...withProblems.map((p): [string, string] => [p.anchor, `${p.label} — ${p.summary.title ?? ""}`])])}</select></label>
<label>Text <input id="f-text" type="search" placeholder="message or file"></label>
<span id="f-count" aria-live="polite"></span>
</div>
<div class="table-wrap"><table class="ptable" id="problem-table">
<thead><tr><th data-sort="sev">Severity</th><th data-sort="where">Where</th><th data-sort="rule">Rule</th><th>Message</th></tr></thead>
<tbody>${board.problems.map(row)}</tbody></table></div>`;
}

function verdict(board: Board): Html {
  const cls = board.errorCount > 0 ? "err" : board.warningCount > 0 ? "warn" : "ok";
  const text =
    board.errorCount + board.warningCount === 0
      ? "No problems"
      : `${plural(board.errorCount, "error")} · ${plural(board.warningCount, "warning")} in ${plural(board.filesWithProblems, "file")}`;
  return html`<p class="verdict ${cls}">${text}</p>`;
}

export const htmlFormat: Formatter = (result, context) => {
  const board = buildBoard(result, context.rules);
  const folders = [...board.roots, ...board.practiceFolders];
  const where = folders.length > 0 ? folders.join(", ") : "no plan folder";
  // plans of the PLANS.md practice have no milestones
  const heading = board.plans.length === 0 && board.practice.length > 0 ? "Plans" : "Plans and milestones";
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${new Html(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${heading}${board.today ? ` as of ${board.today}` : ""} — milestone-lint</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<header class="top"><div class="wrap"><div><h1>${heading}</h1><p class="sub">${where}${board.today ? ` · as of ${board.today}` : ""} · milestone-lint ${context.version}</p></div>${verdict(board)}</div>
<div class="wrap"><nav class="jump" aria-label="Sections"><a href="#attention">Needs attention</a><a href="#plans">Plans</a><a href="#problems">All problems (${board.problems.length})</a></nav></div></header>
<main class="wrap">
${summary(board)}
${board.runWarnings.length > 0 ? html`<section id="run-notes"><h2>About this run</h2><ul class="notes">${board.runWarnings.map((w) => html`<li>${w}</li>`)}</ul></section>` : ""}
<section id="attention"><h2>Needs attention</h2>${attention(board)}</section>
<section id="plans"><h2>Plans</h2>${board.withoutBody > 0 ? html`<p class="unread">${plural(board.withoutBody, "file was", "files were")} read for their front matter only (this run linted some files of the tree): their checklists and health tables are not shown. Run on the whole tree to see them.</p>` : ""}${board.practiceUnread > 0 ? html`<p class="unread">${plural(board.practiceUnread, "plan was", "plans were")} not read (this run linted some files): their titles, Progress and outcomes are not shown. Run on the whole tree to see them.</p>` : ""}${plans(board)}</section>
<section id="problems"><h2>All problems</h2>${problemTable(board)}</section>
${board.otherFiles.length > 0 ? html`<section id="other-files"><h2>Other files</h2>${board.otherFiles.map((f) => html`<h3 class="mono">${f.file}</h3>${problemList(board, f.problems)}`)}</section>` : ""}
</main>
<footer class="wrap">Made by milestone-lint ${context.version}. Statuses, dates and owners are the files' front matter (a plan of the PLANS.md practice: its status line or its folder); checklists, health tables and outcomes their bodies; problems are this run's.</footer>
<script>${new Html(SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
};
