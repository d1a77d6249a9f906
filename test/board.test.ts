/**
 * The board: `result.tree` (every plan and milestone, from the index and phase one;
 * the plans of the PLANS.md practice too), `--format html` (valid, self-contained,
 * escaped) and `--format markdown` (snapshot, escaping, size). The page in a real
 * browser is test/browser/.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { builtinRules, lint } from "../src/index.js";
import { buildBoard } from "../src/report/board.js";
import { htmlFormat } from "../src/report/html.js";
import { markdown } from "../src/report/markdown.js";
import type { FormatterContext } from "../src/report/types.js";
import type { FileRule, LintResult, Rule, RuleMeta } from "../src/shared/types.js";
import { VERSION } from "../src/shared/version.js";
import { BOARD_TODAY, generateBoardTree, generatePracticeTree } from "./helpers/board-tree.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, REPO } from "./helpers/fixtures.js";
import { ARCHIVED, EXECPLAN, MILESTONE, edit, read, removeTrees, tree, write } from "./helpers/tree.js";

/** The day the example board is drawn on (docs/board.png): one plan idle, one not. */
const EXAMPLE_NOW = "2026-05-25";
const EXAMPLE_PLANS = "examples/.agent/exec_plans";

/** Repositories of the PLANS.md practice (fixtures/execplan/), and the day their boards are drawn on: one active plan idle, the others not. */
const PRACTICE = path.join(FIXTURES, "execplan");
const BROKEN = path.join(PRACTICE, "docs-layout-broken");
const BROKEN_NOW = "2026-04-25";

const temps: string[] = [];

/** An empty folder in the temp folder, removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-board-"));
  temps.push(dir);
  return dir;
}

/**
 * `--format json` of the repository at `dir` as of BOARD_TODAY, which must be the same
 * byte for byte whether phase one runs in this thread, in workers, or from the cache.
 */
function jsonSameEverywhere(dir: string): LintResult {
  const run = (...flags: string[]) => runCli(["--now", BOARD_TODAY, "--format", "json", ...flags], { cwd: dir });
  const single = run("--concurrency", "off");
  expect(single.stderr).toBe("");
  const cache = path.join(dir, "cache.json");
  for (const flags of [["--concurrency", "2"], ["--cache", "--cache-location", cache], ["--cache", "--cache-location", cache, "--concurrency", "2"]]) {
    expect(run(...flags).stdout).toBe(single.stdout);
  }
  return JSON.parse(single.stdout) as LintResult;
}

/** A throw-away copy of a repository of fixtures/execplan/, to break things in. */
function practiceCopy(name: string): string {
  const dir = tempDir();
  cpSync(path.join(PRACTICE, name), dir, { recursive: true });
  return dir;
}
afterAll(() => {
  removeTrees();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function contextFor(rules: readonly Rule[] = builtinRules): FormatterContext {
  const meta: Record<string, RuleMeta> = {};
  for (const r of rules) meta[r.meta.id] = r.meta;
  return { cwd: REPO, color: false, rules: meta, version: VERSION };
}

const lintExample = () => lint({ cwd: REPO, patterns: ["examples/.agent"], now: EXAMPLE_NOW });

const validator = new HtmlValidate({ extends: ["html-validate:recommended", "html-validate:document"] });

async function htmlProblems(page: string): Promise<string[]> {
  const report = await validator.validateString(page, "board.html");
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

/** The tags of a page and their attribute names, read with the page's own escaping in mind (values never hold `"`). */
function tagsOf(page: string): { name: string; attributes: string[] }[] {
  const body = page.replace(/<style>[^]*?<\/style>|<script>[^]*?<\/script>/g, "");
  return [...body.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: (m[1] as string).toLowerCase(),
    attributes: [...(m[2] as string).matchAll(/\s+([\w-]+)(?:="[^"]*")?/g)].map((a) => (a[1] as string).toLowerCase()),
  }));
}

describe("result.tree", () => {
  it("holds every plan with its milestones in order: front matter, place, checklist counts and health table", async () => {
    const result = await lintExample();
    expect(result.tree?.today).toBe(EXAMPLE_NOW);
    expect(result.tree?.roots).toEqual([EXAMPLE_PLANS]);
    const [search, billing] = result.tree?.plans ?? [];
    expect(search).toMatchObject({
      file: `${EXAMPLE_PLANS}/active/console-search/EP-20260512-002_console-search.md`,
      folder: `${EXAMPLE_PLANS}/active/console-search`,
      layout: "upstream",
      planFolder: "active",
      id: "EP-20260512-002",
      title: "Search box in the console",
      status: "active",
      owner: "@lea",
      body: { tasks: { done: 0, total: 0 } },
    });
    expect(search?.milestones.map((m) => [m.id, m.status, m.body?.tasks])).toEqual([["EP-20260512-002/MS001", "planned", { done: 1, total: 2 }]]);
    expect(billing).toMatchObject({ id: "EP-20260301-007", layout: "template", status: "active", created: "2026-03-01", updated: "2026-04-20", kind: "feature" });
    expect(billing?.milestones.map((m) => ({ ms: m.ms, status: m.status, folder: m.folder, subfolders: m.subfolders, tasks: m.body?.tasks }))).toEqual([
      { ms: 1, status: "completed", folder: "archive", subfolders: ["2026", "04", "02"], tasks: { done: 3, total: 3 } },
      // a status the schema rejects is still what the file says
      { ms: 2, status: "in-progress", folder: "active", subfolders: undefined, tasks: { done: 1, total: 2 } },
      // the file is misnamed `MS3`: the number comes from its `id`
      { ms: 3, status: "blocked", folder: "active", subfolders: undefined, tasks: { done: 0, total: 2 } },
    ]);
    expect(billing?.milestones[1]?.body?.health).toEqual({
      columns: ["Area", "Status", "Notes"],
      rows: [
        ["Architecture/design", "✅ / ⚠️ / ⏳", "…"],
        ["Implementation", "⏳", "Scheduler written"],
      ],
    });
    // ms: "2" is a string, not a number: the number is read from the id
    expect(billing?.milestones[1]?.ms).toBe(2);
  });

  it("counts task items as GFM does: `[ ]`, `[x]` or `[X]` and a space, at the start of an item, outside code", async () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) =>
      t.replace(
        "## Definition of Done\n",
        [
          "## Definition of Done",
          "",
          "- [x] ticked",
          "- [X] ticked, capital",
          "- [ ] open",
          "  - [ ] nested, open",
          "* [x] another marker",
          "1. [ ] ordered",
          "- [ ]no space: text",
          "- text with [x] inside",
          "- [-] not a task",
          "",
          "```md",
          "- [ ] in a code block",
          "```",
          "",
        ].join("\n"),
      ),
    );
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    const ms = result.tree?.plans[0]?.milestones.find((m) => m.file === MILESTONE);
    expect(ms?.body?.tasks).toEqual({ done: 3, total: 6 });
  });

  it("reads the health table up to the next section, at most 20 rows of cells cut at 200 characters", async () => {
    const dir = tree();
    const rows = Array.from({ length: 25 }, (_, i) => `| Area ${i + 1} | ✅ | ${"n".repeat(i === 0 ? 300 : 3)} |`);
    edit(dir, MILESTONE, (t) =>
      t.replace(/## Current Health Snapshot\n[^]*?\n(?=---\n)/, `## Current Health Snapshot\n\nSome words first.\n\n| Area | Status | Notes |\n| --- | --- | --- |\n${rows.join("\n")}\n\n`),
    );
    // a table of the next section is not the health table
    edit(dir, ARCHIVED, (t) => t.replace(/## Current Health Snapshot\n[^]*?\n(?=---\n)/, "## Current Health Snapshot\n\nAll green.\n\n"));
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    const [archived, active] = result.tree?.plans[0]?.milestones ?? [];
    expect(active?.body?.health?.rows).toHaveLength(20);
    expect(active?.body?.health?.rows[0]?.[2]).toBe(`${"n".repeat(199)}…`);
    expect(archived?.file).toBe(ARCHIVED);
    expect(archived?.body).toEqual({ tasks: { done: 0, total: 0 } });
  });

  it("groups milestones whose folder holds no plan file under the plan they name", async () => {
    const dir = tree();
    unlinkSync(path.join(dir, EXECPLAN));
    const result = await lint({ cwd: dir, now: BOARD_TODAY });
    expect(result.tree?.plans).toHaveLength(1);
    const [plan] = result.tree?.plans ?? [];
    expect(plan?.file).toBeUndefined();
    expect(plan?.id).toBe("EP-20260210-003");
    expect(plan?.milestones.map((m) => m.file)).toEqual([ARCHIVED, MILESTONE]);
  });

  it("has no body for files a run on some files read for their front matter only, and says so on the board", async () => {
    const dir = tree();
    const result = await lint({ cwd: dir, patterns: [MILESTONE], now: BOARD_TODAY });
    const [plan] = result.tree?.plans ?? [];
    expect(plan?.body).toBeUndefined();
    expect(plan?.milestones.map((m) => [m.file, m.body !== undefined])).toEqual([
      [ARCHIVED, false],
      [MILESTONE, true],
    ]);
    expect(plan?.milestones[0]?.status).toBe("completed");
    const page = htmlFormat(result, contextFor());
    expect(page).toContain("2 files were read for their front matter only");
    expect(page).toContain('title="body not read in this run">not read<');
    expect(markdown(result, contextFor())).toContain("| completed | @&#8203;ines | not read |");
  });

  it("is the same with workers and from the cache, byte for byte in --format json", () => {
    const dir = tempDir();
    generateBoardTree(dir, 30);
    const reference = jsonSameEverywhere(dir);
    const tasks = reference.tree?.plans.flatMap((p) => p.milestones.map((m) => m.body?.tasks.total ?? 0)) ?? [];
    expect(tasks.filter((n) => n > 0).length).toBeGreaterThan(50);
  });
});

describe("result.tree: plans of the PLANS.md practice", () => {
  it("lists every plan with its title, place, status, Progress steps, last timestamp and outcomes, as the execplan rules read them", async () => {
    const result = await lint({ cwd: BROKEN, now: BROKEN_NOW });
    expect(result.tree?.roots).toEqual([]);
    expect(result.tree?.plans).toEqual([]);
    expect(result.tree?.practiceFolders).toEqual(["docs/exec-plans"]);
    const active = "docs/exec-plans/active";
    const completed = "docs/exec-plans/completed";
    expect(result.tree?.practicePlans).toEqual([
      {
        // the unfenced `status: active` line is the status line the rules read; the step written without a box is not ticked
        file: `${active}/billing-retries.md`,
        folder: active,
        state: "active",
        finished: false,
        title: "Retry failed card payments",
        status: "active",
        statusFrom: "status line",
        body: { progress: { done: 2, total: 3 }, lastActivity: "2026-04-01", outcomes: "to come" },
      },
      // the placeholder title is what the file says (execplan-template-text reports it)
      { file: `${active}/dunning-letters.md`, folder: active, state: "active", finished: false, title: "<One line: what the change achieves>", body: { progress: { done: 0, total: 1 }, outcomes: "written" } },
      // its Outcomes & Retrospective is a level-3 heading: no section of the skeleton; the first of its two Progress sections counts
      { file: `${active}/rate-limits.md`, folder: active, state: "active", finished: false, title: "Limit API requests per customer", body: { progress: { done: 1, total: 2 }, lastActivity: "2026-04-07" } },
      { file: `${active}/webhook-signing.md`, folder: active, state: "active", finished: false, title: "Sign outgoing webhooks", body: { progress: { done: 3, total: 3 }, lastActivity: "2026-03-24", outcomes: "written" } },
      // no title heading
      { file: `${completed}/2026-03-cache-warmup.md`, folder: completed, state: "completed", finished: true, body: { progress: { done: 2, total: 2 }, lastActivity: "2026-03-16", outcomes: "empty" } },
      // `(YYYY-MM-DD HH:MMZ)` is no date
      {
        file: `${completed}/2026-03-queue-migration.md`,
        folder: completed,
        state: "completed",
        finished: true,
        title: "Move background jobs to the new queue",
        body: { progress: { done: 2, total: 4 }, lastActivity: "2026-03-09", outcomes: "to come" },
      },
    ]);
  });

  it("takes the status from front matter or a status line, finished when it says so; the last activity only where the skeleton has timestamps", async () => {
    const dir = practiceCopy("both-worlds");
    // `plans/` is the active folder here, `plans/archive/` the completed one; the skeleton has no timestamps
    write(dir, "plans/2026-06-fraud-rules.md", read(dir, "plans/2026-06-fraud-rules.md").replace(/^# (.*)\n/, "---\nstatus: done\nowner: \"@sam\"\nupdated: '2026-06-12'\n---\n\n# $1\n"));
    write(dir, "plans/2026-06-payouts-api.md", read(dir, "plans/2026-06-payouts-api.md").replace(/^# (.*)\n/, "# $1\n\n**Status:** Blocked\n"));
    // a heading of a file the config names a plan, but none of the skeleton's sections: a note, not a plan
    write(dir, "plans/ideas.md", "# Ideas\n\n- [ ] Payouts in other currencies.\n");
    const result = await lint({ cwd: dir, now: "2026-06-20" });
    expect(result.tree?.plans.map((p) => p.id)).toEqual(["EP-20260210-003"]);
    expect(result.tree?.practicePlans?.map((p) => [p.file, p.state, p.finished, p.status, p.statusFrom, p.owner, p.updated, p.body?.progress, p.body?.lastActivity])).toEqual([
      ["plans/2026-06-fraud-rules.md", "active", true, "done", "front matter", "@sam", "2026-06-12", { done: 1, total: 2 }, undefined],
      ["plans/2026-06-payouts-api.md", "active", false, "Blocked", "status line", undefined, undefined, { done: 1, total: 3 }, undefined],
      ["plans/archive/2026-05-refunds.md", "completed", true, undefined, undefined, undefined, undefined, { done: 3, total: 3 }, undefined],
    ]);
    const board = buildBoard(result, contextFor().rules);
    expect(board.practice.map((p) => [p.label, p.group, p.status, p.statusKey, p.statusClass, p.lastUpdate])).toEqual([
      ["2026-06-fraud-rules.md", "done", "done", "done", "done", "2026-06-12"],
      ["2026-06-payouts-api.md", "active", "Blocked", "blocked", "blocked", undefined],
      ["archive/2026-05-refunds.md", "done", "completed", "completed", "done", undefined],
    ]);
    // the done plan: left in the active folder, and with a step unticked, by the diagnostics of the rules whose meta says so
    expect(board.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => [d.file, d.ruleId])])).toEqual([
      ["place", [["plans/2026-06-fraud-rules.md", "execplan-finished-in-active"]]],
      ["checklist", [["plans/2026-06-fraud-rules.md", "execplan-finished"]]],
    ]);
    expect(board.attention.blockedPlans.map((p) => p.label)).toEqual(["2026-06-payouts-api.md"]);
    expect(board.planStatuses).toEqual([
      { key: "active", count: 1 },
      { key: "blocked", count: 1 },
      { key: "completed", count: 1 },
      { key: "done", count: 1 },
    ]);
  });

  it("lists the plans a run on some files did not read by their path alone, and says so on the board", async () => {
    const result = await lint({ cwd: BROKEN, patterns: ["docs/exec-plans/active/rate-limits.md"], now: BROKEN_NOW });
    const plans = result.tree?.practicePlans ?? [];
    expect(plans.map((p) => [p.file.split("/").pop(), p.body !== undefined, p.title])).toEqual([
      ["billing-retries.md", false, undefined],
      ["dunning-letters.md", false, undefined],
      ["rate-limits.md", true, "Limit API requests per customer"],
      ["webhook-signing.md", false, undefined],
      ["2026-03-cache-warmup.md", false, undefined],
      ["2026-03-queue-migration.md", false, undefined],
    ]);
    expect(plans.filter((p) => p.finished).map((p) => p.state)).toEqual(["completed", "completed"]);
    const page = htmlFormat(result, contextFor());
    expect(page).toContain("5 plans were not read (this run linted some files)");
    expect(page.match(/Not read in this run \(it linted some files\): Progress and outcomes not shown\./g)).toHaveLength(5);
    expect(markdown(result, contextFor())).toContain("| **active/webhook-signing.md** | active | not read | not read |  | ✓ |");
  });

  it("is the same with workers and from the cache, byte for byte in --format json", () => {
    const dir = tempDir();
    generatePracticeTree(dir, 60);
    const plans = jsonSameEverywhere(dir).tree?.practicePlans ?? [];
    expect(plans).toHaveLength(60);
    expect(plans.every((p) => p.title !== undefined && p.body?.progress !== undefined && p.body.outcomes !== undefined)).toBe(true);
    expect(plans.filter((p) => p.body?.lastActivity !== undefined).length).toBeGreaterThan(30);
  });
});

describe("--format json", () => {
  it("adds the tree under `tree` and leaves the rest of its shape (schemaVersion 1) as it was", () => {
    const out = JSON.parse(runCli(["--now", EXAMPLE_NOW, "--format", "json", "examples/.agent"]).stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["schemaVersion", "tool", "errorCount", "warningCount", "fixableCount", "files", "tree"]);
    expect(out.schemaVersion).toBe(1);
    expect((out.tree as LintResult["tree"])?.plans.map((p) => p.id)).toEqual(["EP-20260512-002", "EP-20260301-007"]);
  });
});

describe("--format json of a repository of the PLANS.md practice", () => {
  it("gives its plans under `tree.practicePlans` and leaves the rest of the shape (schemaVersion 1) as it was", () => {
    const r = runCli(["--now", BROKEN_NOW, "--format", "json"], { cwd: BROKEN });
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["schemaVersion", "tool", "errorCount", "warningCount", "fixableCount", "files", "tree"]);
    expect(out.schemaVersion).toBe(1);
    const tree = out.tree as NonNullable<LintResult["tree"]>;
    expect(Object.keys(tree)).toEqual(["today", "roots", "plans", "practiceFolders", "practicePlans"]);
    expect(Object.keys(tree.practicePlans?.[0] ?? {})).toEqual(["file", "folder", "state", "finished", "title", "status", "statusFrom", "body"]);
  });
});

describe("the board", () => {
  it("needs attention for errors, blocked milestones, lifecycle problems (by the rule's meta) and plans idle for 30 days as of --now", async () => {
    const dir = tree();
    // an archived milestone still in active/: status-matches-folder, whose meta says `lifecycle: "place"`
    edit(dir, MILESTONE, (t) => t.replace("status: in_progress", "status: archived"));
    const other = readFileSync(path.join(dir, EXECPLAN), "utf8").replace("EP-20260210-003", "EP-20260301-005").replace("updated: 2026-03-20", "updated: 2026-04-01");
    write(dir, ".agent/exec_plans/other/EP-20260301-005_other.md", other);
    const boardOn = async (now: string) => buildBoard(await lint({ cwd: dir, now }), contextFor().rules);

    const board = await boardOn("2026-04-25");
    expect(board.attention.errors.map((f) => [f.file, f.problems.map((d) => d.ruleId)])).toEqual([[MILESTONE, ["status-matches-folder"]]]);
    // and its Workstreams table still has ⏳ tasks: finished-work-ticked, `lifecycle: "checklist"`
    expect(board.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => d.file)])).toEqual([
      ["place", [MILESTONE]],
      ["checklist", [MILESTONE]],
    ]);
    // search-index was last updated on 2026-03-20 (36 days before), the other plan on 2026-04-01 (24 days)
    expect(board.attention.idle.map((p) => [p.label, p.lastUpdate, p.idleDays])).toEqual([["EP-20260210-003", "2026-03-20", 36]]);
    expect(board.attention.blocked).toEqual([]);
    expect((await boardOn("2026-04-18")).attention.idle).toEqual([]);
    expect((await boardOn("2026-04-19")).attention.idle.map((p) => p.idleDays)).toEqual([30]);

    // a blocked milestone; a done plan is not idle, however old
    edit(dir, MILESTONE, (t) => t.replace("status: archived", "status: blocked"));
    edit(dir, EXECPLAN, (t) => t.replace("status: active", "status: done"));
    const later = await boardOn("2026-04-25");
    // a done plan with a milestone still open (blocked) is a stale status: plan-status-milestones, `lifecycle: "status"`
    expect(later.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => d.file)])).toEqual([["status", [EXECPLAN]]]);
    expect(later.attention.idle).toEqual([]);
    expect(later.attention.blocked.map((b) => b.milestone.summary.file)).toEqual([MILESTONE]);
    const page = htmlFormat(await lint({ cwd: dir, now: "2026-04-25" }), contextFor());
    expect(page).toContain("1 milestone blocked</h3>");

    // a file that is no plan or milestone has its problems shown on its own
    write(dir, ".agent/exec_plans/registry.json", "{ nope");
    const withRegistry = await lint({ cwd: dir, now: "2026-04-25" });
    const registry = buildBoard(withRegistry, contextFor().rules);
    expect(registry.otherFiles.map((f) => [f.file, f.problems.map((d) => d.ruleId)])).toEqual([[".agent/exec_plans/registry.json", ["registry-in-sync"]]]);
    // the plan's stale status (above) is an error too
    expect(registry.attention.errors.map((f) => f.file)).toEqual([EXECPLAN, ".agent/exec_plans/registry.json"]);
    expect(htmlFormat(withRegistry, contextFor())).toContain('<section id="other-files"><h2>Other files</h2><h3 class="mono">.agent/exec_plans/registry.json</h3>');
  });
});

describe("the board of plans of the PLANS.md practice", () => {
  it("needs attention for errors, lifecycle problems of the execplan rules (by their meta) and plans with no activity for 30 days", async () => {
    const boardOn = async (now: string) => buildBoard(await lint({ cwd: BROKEN, now }), contextFor().rules);
    const board = await boardOn(BROKEN_NOW);
    expect(board.plans).toEqual([]);
    expect(board.practice.map((p) => [p.anchor, p.label, p.group, p.errors, p.warnings])).toEqual([
      ["practice-1", "active/billing-retries.md", "active", 6, 0],
      ["practice-2", "active/dunning-letters.md", "active", 6, 0],
      ["practice-3", "active/rate-limits.md", "active", 2, 1],
      ["practice-4", "active/webhook-signing.md", "active", 3, 1],
      ["practice-5", "completed/2026-03-cache-warmup.md", "done", 3, 0],
      ["practice-6", "completed/2026-03-queue-migration.md", "done", 3, 0],
    ]);
    expect(board.practiceGroups.map((g) => [g.label, g.plans.length])).toEqual([
      ["In flight", 4],
      ["Finished", 2],
    ]);
    // each problem is on its plan's card, and in the table under its plan
    expect(board.problems.every((d) => d.plan?.kind === "practice" && d.plan.problems.includes(d))).toBe(true);
    expect(board.attention.errors.map((f) => [f.plan?.label, f.problems.length])).toEqual([
      ["active/billing-retries.md", 6],
      ["active/dunning-letters.md", 6],
      ["active/webhook-signing.md", 3],
      ["completed/2026-03-cache-warmup.md", 3],
      ["completed/2026-03-queue-migration.md", 3],
      ["active/rate-limits.md", 2],
    ]);
    expect(board.attention.lifecycle.map((g) => [g.kind, g.problems.map((d) => `${d.plan?.label}:${d.line} ${d.ruleId}`)])).toEqual([
      ["place", ["active/webhook-signing.md:13 execplan-finished-in-active"]],
      ["checklist", ["completed/2026-03-cache-warmup.md:18 execplan-finished", "completed/2026-03-queue-migration.md:16 execplan-finished", "completed/2026-03-queue-migration.md:32 execplan-finished"]],
      ["link", ["active/webhook-signing.md:9 execplan-references"]],
    ]);
    // webhook-signing's last step was ticked on 2026-03-24, 32 days before; rate-limits' on 2026-04-07; finished plans are never idle
    expect(board.attention.idle.map((p) => [p.label, p.lastUpdate, p.idleDays])).toEqual([["active/webhook-signing.md", "2026-03-24", 32]]);
    expect((await boardOn("2026-04-22")).attention.idle).toEqual([]);
    expect((await boardOn("2026-05-07")).attention.idle.map((p) => [p.label, p.idleDays])).toEqual([
      ["active/webhook-signing.md", 44],
      ["active/billing-retries.md", 36],
      ["active/rate-limits.md", 30],
    ]);
    expect(board.planStatuses).toEqual([
      { key: "active", count: 4 },
      { key: "completed", count: 2 },
    ]);

    const page = htmlFormat(await lint({ cwd: BROKEN, now: BROKEN_NOW }), contextFor());
    for (const text of [
      "<title>Plans as of 2026-04-25 — milestone-lint</title>",
      "docs/exec-plans · as of 2026-04-25",
      "<h3>1 unfinished plan with no update for 30 days or more</h3>",
      '<a href="#practice-4">active/webhook-signing.md</a> Sign outgoing webhooks <span class="why">— active, last update 2026-03-24, 32 days ago</span>',
      "<h3>Closed work with unticked checklist items or no outcomes (3)</h3>",
      '<progress max="3" value="2" aria-label="Progress steps"></progress><span>2/3 Progress steps ticked <span class="sep">·</span> last ticked 2026-04-01</span>',
      '<p class="outcomes warn">Outcomes &amp; Retrospective: empty</p>',
      '<option value="practice-5">completed/2026-03-cache-warmup.md — </option>',
      "<p class=\"big\">6/9 <small>steps ticked</small></p>",
    ]) {
      expect(page).toContain(text);
    }
    // a board of such plans alone counts no milestones
    expect(page).not.toContain("<h2>Milestones</h2>");
  });

  it("shows both kinds of plan in a repository that keeps both, each under its own heading", async () => {
    const result = await lint({ cwd: path.join(PRACTICE, "both-worlds"), now: "2026-06-20" });
    const page = htmlFormat(result, contextFor());
    expect(await htmlProblems(page)).toEqual([]);
    expect(page).toContain("<h1>Plans and milestones</h1><p class=\"sub\">.agent/exec_plans, plans · as of 2026-06-20");
    expect(page).toMatch(/<h3 class="world">ExecPlans and milestones <span class="mono">\.agent\/exec_plans<\/span><\/h3>[^]*<h3>In flight<\/h3>[^]*Full-text search index for the console[^]*<h3 class="world">Plans of the PLANS\.md practice <span class="mono">plans<\/span><\/h3>[^]*<h3>In flight<\/h3>[^]*Hold payouts that look like fraud/);
    expect(page).toContain("<h2>Milestones</h2><p class=\"big\">2</p>");
    const md = markdown(result, contextFor());
    expect(md).toMatch(/^## Plans and milestones: 1 error, 1 warning\n\nAs of 2026-06-20 · \.agent\/exec\\_plans · plans · milestone-lint /);
    expect(md).toContain("**4 plans** (3 active, 1 completed) · **2 milestones** (1 completed, 1 in-progress) · **2 problems** in 2 files");
    expect(md).toContain("### Plans of the PLANS.md practice\n\n| Plan | Status | Progress | Outcomes | Last activity | Problems |");
  });
});

describe("the board's notes on the run", () => {
  it("shows what the run says about itself (an argument that matched nothing), escaped", async () => {
    const dir = tree();
    const result = await lint({ cwd: dir, patterns: [".agent", "<b>nope</b>/*.md"], now: BOARD_TODAY });
    expect(result.warnings).toEqual(['no files match "<b>nope</b>/*.md"']);
    expect(htmlFormat(result, contextFor())).toContain('<section id="run-notes"><h2>About this run</h2><ul class="notes"><li>no files match &quot;&lt;b&gt;nope&lt;/b&gt;/*.md&quot;</li></ul></section>');
    expect(markdown(result, contextFor())).toContain('> ⚠️ no files match "&lt;b&gt;nope&lt;/b&gt;/\\*.md"\n');
  });
});

describe("--format html", () => {
  it("is one valid HTML document for the example and for a generated tree of every state", async () => {
    const example = runCli(["--now", EXAMPLE_NOW, "--format", "html", "examples/.agent"]);
    expect(example.status).toBe(1);
    expect(await htmlProblems(example.stdout)).toEqual([]);
    const dir = tempDir();
    generateBoardTree(dir, 20);
    const generated = runCli(["--now", BOARD_TODAY, "--format", "html"], { cwd: dir });
    expect(generated.stderr).toBe("");
    expect(await htmlProblems(generated.stdout)).toEqual([]);
    // it shows what it is about
    for (const text of ["Needs attention", "In flight", "All problems", "EP-20260301-007", "Reliable billing webhooks", "Verify webhook signatures", "3/3", "1 milestone blocked"]) {
      expect(example.stdout).toContain(text);
    }
  });

  it("loads nothing: no external resources, and a CSP that allows only its own style and script, by hash", () => {
    const page = runCli(["--now", EXAMPLE_NOW, "--format", "html", "examples/.agent"]).stdout;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)?.[1] ?? "";
    const style = /<style>([^]*?)<\/style>/.exec(page)?.[1] ?? "";
    const script = /<script>([^]*?)<\/script>/.exec(page)?.[1] ?? "";
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      `style-src ${hash(style)}`,
      `script-src ${hash(script)}`,
      "img-src data:",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(style).not.toMatch(/url\(|@import|@font-face/);
    expect(script).not.toMatch(/fetch|XMLHttpRequest|import\(|src\s*=|https?:/);
    const tags = tagsOf(page);
    expect(tags.filter((t) => t.attributes.includes("src") || t.attributes.includes("srcset") || ["link", "img", "iframe", "object", "embed"].includes(t.name))).toEqual([]);
    // links leave the page only to the rules' documentation
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
    const docs = new Set(builtinRules.map((r) => r.meta.docsUrl));
    expect(hrefs.filter((h) => !h.startsWith("#") && !docs.has(h))).toEqual([]);
    expect(hrefs.filter((h) => docs.has(h)).length).toBeGreaterThan(5);
    expect(hrefs.filter((h) => h.startsWith("#")).every((h) => page.includes(`id="${h.slice(1)}"`))).toBe(true);
  });

  it("escapes every text from the files: titles, owners, statuses, folders, table cells, messages", async () => {
    const dir = tree();
    edit(dir, EXECPLAN, (t) => t.replace('title: "Full-text search index for the console"', 'title: "</style><script>alert(\\"plan\\")</script>"'));
    edit(dir, MILESTONE, (t) =>
      t
        .replace('title: "Ranked search API"', "title: \"<img src=x onerror=alert(1)> & 'quotes' \\x01 | pipe @octocat\"")
        .replace('owner: "@ines"', 'owner: "\\" onmouseover=\\"alert(2)"')
        .replace("status: in_progress", 'status: "<b>done</b>"')
        .replace("| Implementation | ⏳ | Handler written, pagination open |", '| <b onclick="alert(3)">Impl</b> | </td></tr><tr><td>x | </textarea><!-- |'),
    );
    // a folder name is text from the tree too
    write(dir, '.agent/exec_plans/a"b<c>/EP-20260301-005_x.md', readFileSync(path.join(dir, EXECPLAN), "utf8").replace(/EP-20260210-003/g, "EP-20260301-005"));
    const hostileRule: FileRule = {
      meta: { id: "hostile-plugin", description: "says <script>", severity: "warn", appliesTo: ["milestone"], docsUrl: "javascript:alert(4)" },
      check: (context) => context.report({ message: "</td><script>alert(5)</script>" }),
    };
    const result = await lint({ cwd: dir, now: BOARD_TODAY, rules: [hostileRule] });
    const page = htmlFormat(result, contextFor([...builtinRules, hostileRule]));
    expect(await htmlProblems(page)).toEqual([]);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    const allowed = new Set(
      "html head meta title style body header div h1 h2 h3 h4 p nav a main section ul ol li span svg rect table tbody thead tr th td details summary article code progress label select option input footer script b small".split(" "),
    );
    const tags = tagsOf(page);
    expect(tags.map((t) => t.name).filter((n) => !allowed.has(n))).toEqual([]);
    expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith("on"))).toEqual([]);
    expect(page).not.toContain("javascript:");
    for (const text of [
      "&lt;/style&gt;&lt;script&gt;alert(&quot;plan&quot;)&lt;/script&gt;",
      "&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39; \\u0001 | pipe @octocat",
      "&quot; onmouseover=&quot;alert(2)",
      "&lt;b&gt;done&lt;/b&gt;",
      "&lt;b onclick=&quot;alert(3)&quot;&gt;Impl&lt;/b&gt;",
      "a&quot;b&lt;c&gt;",
      "&lt;/td&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
    ]) {
      expect(page).toContain(text);
    }
  });

  it("is one valid HTML document for a repository of the PLANS.md practice and for a generated one of every state", async () => {
    const broken = runCli(["--now", BROKEN_NOW, "--format", "html"], { cwd: BROKEN });
    expect([broken.status, broken.stderr]).toEqual([1, ""]);
    expect(await htmlProblems(broken.stdout)).toEqual([]);
    const dir = tempDir();
    generatePracticeTree(dir, 60);
    const generated = runCli(["--now", BOARD_TODAY, "--format", "html"], { cwd: dir });
    expect(generated.stderr).toBe("");
    expect(await htmlProblems(generated.stdout)).toEqual([]);
    for (const text of ["In flight", "Finished", "plans blocked</h3>", "with no update for 30 days or more</h3>", "Progress steps ticked", "Outcomes &amp; Retrospective: written"]) {
      expect(generated.stdout).toContain(text);
    }
  });

  it("escapes every text of a plan of the PLANS.md practice: its title, status line, file name and problems", async () => {
    const dir = practiceCopy("docs-layout-broken");
    const hostile = "</style><script>alert(\"plan\")</script> <img src=x onerror=alert(1)> & 'q' @octocat | pipe `code` [l](https://e.test)";
    edit(dir, "docs/exec-plans/active/billing-retries.md", (t) => t.replace("status: active", 'status: <b onclick="alert(2)">Blocked</b>').replace("# Retry failed card payments", `# ${hostile}`));
    write(dir, 'docs/exec-plans/active/a"b<c>.md', read(dir, "docs/exec-plans/active/rate-limits.md").replace("# Limit API requests per customer", "# <textarea>\u0001</textarea>"));
    const result = await lint({ cwd: dir, now: BROKEN_NOW });
    expect(result.tree?.practicePlans?.find((p) => p.file.endsWith("billing-retries.md"))?.title).toBe("</style><script>alert(\"plan\")</script> <img src=x onerror=alert(1)> & 'q' @octocat | pipe code [l](https://e.test)");
    const page = htmlFormat(result, contextFor());
    expect(await htmlProblems(page)).toEqual([]);
    expect(page.match(/<script\b/g)).toHaveLength(1);
    const tags = tagsOf(page);
    expect(tags.map((t) => t.name).filter((n) => ["img", "textarea", "b"].includes(n))).toEqual([]);
    expect(tags.flatMap((t) => t.attributes).filter((a) => a.startsWith("on"))).toEqual([]);
    for (const text of [
      "<h4>&lt;/style&gt;&lt;script&gt;alert(&quot;plan&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39; @octocat | pipe code [l](https://e.test)</h4>",
      "&lt;b onclick=&quot;alert(2)&quot;&gt;Blocked&lt;/b&gt;",
      "<code class=\"id\">active/a&quot;b&lt;c&gt;.md</code>",
      "<h4>&lt;textarea&gt;\\u0001&lt;/textarea&gt;</h4>",
    ]) {
      expect(page).toContain(text);
    }
    const md = markdown(result, contextFor());
    expect(md).not.toMatch(/<script|<img|<textarea|<b |@octocat/);
    expect(md).toContain("| **active/billing-retries.md** &lt;/style&gt;&lt;script&gt;alert(\"plan\")&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; 'q' @&#8203;octocat \\| pipe code \\[l\\](https://e.test) | &lt;b onclick=\"alert(2)\"&gt;Blocked&lt;/b&gt; |");
    expect(md).toContain('| **active/a"b&lt;c&gt;.md** &lt;textarea&gt;\\\\u0001&lt;/textarea&gt; |');
    for (const row of md.split("\n").filter((l) => l.startsWith("| **active/"))) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(8);
  });

  it("is written by the CLI with --output-file, with the exit status of the lint", () => {
    const dir = tempDir();
    const file = path.join(dir, "out", "board.html");
    const r = runCli(["--now", EXAMPLE_NOW, "--format", "html", "--output-file", file, "examples/.agent"]);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, "", ""]);
    expect(readFileSync(file, "utf8")).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });
});

describe("--format markdown", () => {
  it("gives the example's board (snapshot)", async () => {
    const out = runCli(["--now", EXAMPLE_NOW, "--format", "markdown", "examples/.agent"]);
    expect(out.status).toBe(1);
    await expect(out.stdout).toMatchFileSnapshot("__snapshots__/board-example.md");
  });

  it("gives the board of a repository of the PLANS.md practice (snapshot)", async () => {
    const out = runCli(["--now", BROKEN_NOW, "--format", "markdown"], { cwd: BROKEN });
    expect([out.status, out.stderr]).toEqual([1, ""]);
    await expect(out.stdout).toMatchFileSnapshot("__snapshots__/board-plans-md.md");
  });

  it("escapes text from the files: no HTML, no broken table, no @-mentions", async () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) =>
      t
        .replace('title: "Ranked search API"', 'title: "<script>x</script> | cell | [link](https://e.test) *em* `code` @octocat"')
        .replace("status: in_progress", "status: blocked"),
    );
    const md = markdown(await lint({ cwd: dir, now: BOARD_TODAY }), contextFor());
    expect(md).not.toMatch(/<script|@octocat|@ines/);
    expect(md).toContain("&lt;script&gt;x&lt;/script&gt; \\| cell \\| \\[link\\](https://e.test) \\*em\\* \\`code\\` @&#8203;octocat");
    // every table row has as many cells as its header
    const rows = md.split("\n").filter((l) => l.startsWith("| "));
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|").length).toBeGreaterThan(2);
    const plans = md.split("\n").filter((l) => l.startsWith("| **EP-20260210-003 MS002**"));
    expect(plans).toHaveLength(1);
    expect((plans[0] as string).replace(/\\\|/g, "").split("|")).toHaveLength(8);
  });

  it("stays under GitHub's 65 536 characters on 200 plans, folding long lists and saying what it leaves out", () => {
    const dir = tempDir();
    generateBoardTree(dir, 200);
    const out = runCli(["--now", BOARD_TODAY, "--format", "markdown"], { cwd: dir });
    expect(out.stderr).toBe("");
    expect(out.stdout.length).toBeLessThan(65_536);
    expect(out.stdout).toMatch(/^## Plans and milestones: \d+ errors, \d+ warnings\n/);
    expect(out.stdout).toContain("<details><summary>");
    expect(out.stdout).toMatch(/…and \d+ more not shown here/);
    expect(out.stdout).toMatch(/- ⛔ \*\*\d+ milestones blocked\*\*: .*; and \d+ more/);
    // every <details> is closed
    expect(out.stdout.match(/<details>/g)?.length).toBe(out.stdout.match(/<\/details>/g)?.length);
  });
});
