/**
 * The fixture repositories of the PLANS.md practice (fixtures/execplan/*): each is
 * linted as its user would, from its root with no argument, by the built CLI. The
 * whole stylish output must equal the repository's expected-output.txt, reviewed
 * line by line; the clean repositories print no problem. Only the plans are linted:
 * never the rules document, the READMEs, trackers or notes beside the plans.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { LspClient } from "./helpers/lsp.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const ROOT = path.join(FIXTURES, "execplan");
const REPOS = readdirSync(ROOT).sort();

/** The files each repository's run lints: its plans (and, in both-worlds, its agentrules files). */
const LINTED: Record<string, string[]> = {
  "agents-bilingual": [".agents/plans/date-formats/plan.md", ".agents/plans/offline-sync/plan.md", ".agents/plans/search-ranking/plan.md"],
  "agents-bilingual-broken": [".agents/plans/date-formats/plan.md", ".agents/plans/offline-sync/plan.md", ".agents/plans/search-ranking/plan.md"],
  "both-worlds": [
    ".agent/exec_plans/search-index/EP-20260210-003_search-index.md",
    ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md",
    ".agent/exec_plans/search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md",
    "plans/2026-06-fraud-rules.md",
    "plans/2026-06-payouts-api.md",
    "plans/archive/2026-05-refunds.md",
  ],
  "docs-layout": [
    "docs/exec-plans/active/invoice-csv-export.md",
    "docs/exec-plans/active/reminder-emails.md",
    "docs/exec-plans/completed/2026-01-session-timeouts.md",
    "docs/exec-plans/completed/2026-02-audit-trail.md",
  ],
  "docs-layout-broken": [
    "docs/exec-plans/active/billing-retries.md",
    "docs/exec-plans/active/dunning-letters.md",
    "docs/exec-plans/active/rate-limits.md",
    "docs/exec-plans/active/webhook-signing.md",
    "docs/exec-plans/completed/2026-03-cache-warmup.md",
    "docs/exec-plans/completed/2026-03-queue-migration.md",
  ],
  "listed-sections-deeper": ["docs/exec-plans/active/2026-05-primer-melting-checks.md", "docs/exec-plans/completed/2026-04-plasmid-map-export.md"],
  "progress-log": ["plans/2026-05-route-sharing.md", "plans/done/2026-04-offline-maps.md"],
  "rules-behind-index": ["docs/exec-plans/active/2026-04-tide-alerts.md", "docs/exec-plans/completed/2026-03-station-import.md"],
};

const expected = (repo: string, name = "expected-output.txt") => readFileSync(path.join(ROOT, repo, name), "utf8");

describe.each(REPOS)("%s", (repo) => {
  const cwd = path.join(ROOT, repo);

  it("prints exactly the reviewed output of a run from its root", () => {
    const r = runCli(["--now", FIXTURE_TODAY, "--no-color"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(expected(repo));
    const clean = r.stdout.startsWith("No problems found");
    expect(clean).toBe(!repo.endsWith("-broken") && repo !== "both-worlds");
    expect(r.status).toBe(clean ? 0 : 1);
  });

  it("lints its plans and nothing else", () => {
    const r = runCli(["--now", FIXTURE_TODAY, "--format", "json"], { cwd });
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file).sort();
    expect(files).toEqual(LINTED[repo]);
  });
});

/** What `--init` prints in each repository, reviewed: what it chose, then why. */
const INIT: Record<string, string> = {
  "agents-bilingual":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against .agents/PLANS.md.\nWhy: .agents/plans holds 3 plans, and .agents/PLANS.md prescribes 8 sections, 4 required (the skeleton in the code block at line 14).\n',
  "agents-bilingual-broken":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against .agents/PLANS.md.\nWhy: .agents/plans holds 3 plans, and .agents/PLANS.md prescribes 8 sections, 4 required (the skeleton in the code block at line 14).\n',
  "both-worlds":
    'milestone-lint: wrote milestone-lint.config.json with the "recommended" preset, the milestone template\'s strict profile; the "execplan" preset for plans of the PLANS.md practice, judged against docs/PLANS.md.\nWhy: .agent/exec_plans holds 1 plan and 2 milestones, all with <!-- SECTION --> markers (the template layout); plans holds 3 plans (1 completed, 2 active) and 1 file that is no plan, left out (plans/README.md), and docs/PLANS.md prescribes 8 sections, 4 required (the sections it explains under its own headings).\n',
  "docs-layout":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against PLANS.md.\nWhy: docs/exec-plans holds 4 plans (2 completed, 2 active) and 2 files that are no plans, left out (docs/exec-plans/README.md, docs/exec-plans/tech-debt-tracker.md), and PLANS.md prescribes 12 sections, 4 required, with timestamped Progress items (the skeleton in the code block at line 23).\n',
  "docs-layout-broken":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against PLANS.md.\nWhy: docs/exec-plans holds 6 plans (2 completed, 4 active) and 3 files that are no plans, left out (docs/exec-plans/README.md, docs/exec-plans/active/notes-from-call.md, docs/exec-plans/tech-debt-tracker.md), and PLANS.md prescribes 12 sections, 4 required, with timestamped Progress items (the skeleton in the code block at line 23).\n',
  "listed-sections-deeper":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against PLANS.md.\nWhy: docs/exec-plans holds 2 plans (1 completed, 1 active) and 3 files that are no plans, left out (docs/exec-plans/README.md, docs/exec-plans/active/README.md, docs/exec-plans/completed/README.md), and PLANS.md prescribes 8 sections, 4 required (the sections it lists, at level 3 as its plans write them).\n',
  "progress-log":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against PLANS.md.\nWhy: plans holds 2 plans (1 completed, 1 active), and PLANS.md prescribes 5 sections, 4 required, Progress kept as a log (the sections it explains under its own headings).\n',
  "rules-behind-index":
    'milestone-lint: wrote milestone-lint.config.json with the "execplan" preset for plans of the PLANS.md practice, judged against .agents/PLANS.md.\nWhy: docs/exec-plans holds 2 plans (1 completed, 1 active) and 1 file that is no plan, left out (docs/exec-plans/tech-debt-tracker.md), and .agents/PLANS.md prescribes 8 sections, 4 required, with timestamped Progress items (the skeleton in the code block at line 18).\n',
};

describe("fixes and the cache on plans", () => {
  const made: string[] = [];
  const copy = (repo: string): string => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "ml-execplan-")), repo);
    made.push(path.dirname(dir));
    cpSync(path.join(ROOT, repo), dir, { recursive: true });
    return dir;
  };
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it.each(REPOS)("--init in %s, without its config, writes it and says why in two lines; then the run prints the reviewed output", (repo) => {
    const dir = copy(repo);
    rmSync(path.join(dir, "milestone-lint.config.json"));
    const init = runCli(["--init"], { cwd: dir });
    expect(init.stderr).toBe("");
    expect(init.stdout).toBe(INIT[repo]);
    expect(init.status).toBe(0);
    expect(readFileSync(path.join(dir, "milestone-lint.config.json"), "utf8")).toBe(readFileSync(path.join(ROOT, repo, "milestone-lint.config.json"), "utf8"));
    expect(runCli(["--now", FIXTURE_TODAY, "--no-color"], { cwd: dir }).stdout).toBe(expected(repo));
  });

  it("a run without a config lints the plans as --init would configure them, and says so", () => {
    const dir = copy("docs-layout-broken");
    rmSync(path.join(dir, "milestone-lint.config.json"));
    const r = runCli(["--now", FIXTURE_TODAY, "--no-color"], { cwd: dir });
    expect(r.stdout.startsWith(expected("docs-layout-broken"))).toBe(true);
    expect(`${r.stdout}${r.stderr}`).toContain("linted with the \"execplan\" preset for plans of the PLANS.md practice, judged against PLANS.md. Run `milestone-lint --init` to keep this choice in milestone-lint.config.json.");
  });

  it.each(["docs-layout-broken", "agents-bilingual-broken"])("--fix in %s writes the safe fixes and leaves the reviewed rest", (repo) => {
    const dir = copy(repo);
    const fixed = runCli(["--now", FIXTURE_TODAY, "--no-color", "--fix"], { cwd: dir });
    expect(fixed.stderr).toBe("");
    expect(fixed.stdout).toBe(expected(repo, "expected-after-fix.txt"));
    // a second run finds nothing more to fix and reports the same
    expect(runCli(["--now", FIXTURE_TODAY, "--no-color"], { cwd: dir }).stdout).toBe(fixed.stdout);
  });

  it("--fix writes a moved plan's new path in a link, unless a comment disables the report", () => {
    const dir = copy("docs-layout-broken");
    const plan = path.join(dir, "docs/exec-plans/active/webhook-signing.md");
    const text = readFileSync(plan, "utf8");
    const disabled = text.replace("Webhooks are sent", "<!-- milestone-lint-disable-next-line execplan-references -->\nWebhooks are sent");
    writeFileSync(plan, disabled);
    runCli(["--now", FIXTURE_TODAY, "--fix"], { cwd: dir });
    expect(readFileSync(plan, "utf8")).toContain("[the queue plan](queue-migration.md)");
    writeFileSync(plan, text);
    runCli(["--now", FIXTURE_TODAY, "--fix"], { cwd: dir });
    expect(readFileSync(plan, "utf8")).toContain("[the queue plan](../completed/2026-03-queue-migration.md)");
  });

  it("reuses cached results of plans without changing them", () => {
    const dir = copy("docs-layout-broken");
    const args = ["--now", FIXTURE_TODAY, "--no-color", "--cache"];
    const first = runCli(args, { cwd: dir });
    const second = runCli(args, { cwd: dir });
    expect(first.stdout).toBe(expected("docs-layout-broken"));
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(path.join(dir, ".milestonelintcache"), "utf8")).toContain("billing-retries.md");
  });
});

describe("plans in an editor and on standard input", () => {
  const dir = path.join(ROOT, "docs-layout-broken");
  const PLAN = "docs/exec-plans/active/webhook-signing.md";
  const cli = () => runCli(["--now", FIXTURE_TODAY, "--format", "json", PLAN], { cwd: dir });
  const brief = (d: { line: number; column: number; ruleId: string; message: string }) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`;
  const expectedBrief = () => (JSON.parse(cli().stdout) as { files: { diagnostics: Parameters<typeof brief>[0][] }[] }).files[0]?.diagnostics.map(brief);

  it("--stdin lints the text as the plan it stands for", () => {
    const r = runCli(["--now", FIXTURE_TODAY, "--format", "json", "--stdin", "--stdin-filename", PLAN], { cwd: dir, input: readFileSync(path.join(dir, PLAN), "utf8") });
    const got = (JSON.parse(r.stdout) as { files: { diagnostics: Parameters<typeof brief>[0][] }[] }).files[0]?.diagnostics.map(brief);
    expect(got).toEqual(expectedBrief());
    expect(got).toHaveLength(4);
  });

  it("the language server publishes what the CLI prints for an open plan", async () => {
    const { client } = await LspClient.start(dir);
    try {
      const opened = await client.open(path.join(dir, PLAN));
      expect(opened.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`)).toEqual(expectedBrief());
    } finally {
      client.kill();
    }
  });
});
