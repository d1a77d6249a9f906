/** Whole-tree checks through the built CLI: partial runs judged against the tree, `--layout`, registry.json. */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const PARTIAL = path.join(FIXTURES, "partial-run");
const NEW_FILE = ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_search-box.md";
const ARCHIVED = ".agent/exec_plans/search-index/milestones/archive/2026/03/20/EP-20260210-003_MS002_ranked-search-api.md";

interface JsonOut {
  errorCount: number;
  files: { file: string; diagnostics: { line: number; column: number; ruleId: string; message: string; suggestion?: string }[] }[];
}

function json(args: string[], cwd: string): { status: number | null; out: JsonOut } {
  const r = runCli(["--format", "json", "--now", FIXTURE_TODAY, ...args], { cwd });
  expect(r.stderr).toBe("");
  return { status: r.status, out: JSON.parse(r.stdout) as JsonOut };
}

describe("partial runs (a pre-commit hook passing the changed files)", () => {
  it("catches a new active milestone that reuses an archived milestone's MS### when only the new file is passed", () => {
    const { status, out } = json([NEW_FILE], PARTIAL);
    expect(status).toBe(1);
    expect(out.files.map((f) => f.file)).toEqual([NEW_FILE]);
    expect(out.files[0]?.diagnostics).toEqual([
      {
        line: 2,
        column: 5,
        endLine: 2,
        endColumn: 26,
        ruleId: "milestone-number-unique",
        docsUrl: docsUrl("milestone-number-unique"),
        severity: "error",
        message: `MS002 of plan EP-20260210-003 is already taken by ${ARCHIVED} (archived, "Ranked search API"), a different milestone; give this one the next free number, MS003, in \`id\`, \`ms\` and the file name.`,
        suggestion: `git mv -- ${NEW_FILE} ${NEW_FILE.replace("MS002", "MS003")}`,
      },
    ]);
  });

  it("reports nothing about files it was not given, even when they have problems", () => {
    const { status, out } = json([".agent/exec_plans/billing/milestones/active/EP-20260301-001_MS001_csv-export.md"], PARTIAL);
    expect(status).toBe(0);
    expect(out.files).toHaveLength(1);
    expect(out.files[0]?.diagnostics).toEqual([]);
  });

  it("reports both files of the pair when the whole tree is linted", () => {
    const { out } = json([".agent"], PARTIAL);
    expect(out.files.filter((f) => f.diagnostics.length > 0).map((f) => f.file)).toEqual([NEW_FILE, ARCHIVED]);
  });

  it("reads the tree of a repository whose folder name looks like a glob", () => {
    const repo = path.join(mkdtempSync(path.join(tmpdir(), "ml-")), "project (copy) [old]");
    try {
      cpSync(path.join(PARTIAL, ".agent"), path.join(repo, ".agent"), { recursive: true });
      const { status, out } = json([NEW_FILE], repo);
      expect(status).toBe(1);
      expect(out.files[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["milestone-number-unique"]);
    } finally {
      rmSync(path.dirname(repo), { recursive: true, force: true });
    }
  });

  it("finds the tree from a file given by an absolute path, from another working directory", () => {
    const { status, out } = json([path.join(PARTIAL, NEW_FILE)], FIXTURES);
    expect(status).toBe(1);
    expect(out.files[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["milestone-number-unique"]);
  });
});

describe("--layout", () => {
  const VALID = path.join(FIXTURES, "valid");

  it("accepts both layouts in one tree by default", () => {
    expect(json([], VALID).status).toBe(0);
  });

  it("reports every file of the other layout when one is forced, with the git mv", () => {
    const { status, out } = json(["--layout", "template"], VALID);
    expect(status).toBe(1);
    const flagged = out.files.filter((f) => f.diagnostics.length > 0).map((f) => f.file);
    expect(flagged).toEqual([
      ".agent/exec_plans/active/audit-log/EP-20260315-002_audit-log.md",
      ".agent/exec_plans/active/audit-log/milestones/active/MS002_audit-api.md",
      ".agent/exec_plans/active/audit-log/milestones/complete/MS001_event-schema.md",
      ".agent/exec_plans/active/billing-export/EP-20260405-001_billing-export.md",
      ".agent/exec_plans/active/billing-export/milestones/active/MS002_csv-streaming.md",
      ".agent/exec_plans/active/billing-export/milestones/complete/MS001_export-schema.md",
      ".agent/exec_plans/complete/2026/03/08/EP-20260221-001_api-contracts/EP-20260221-001_api-contracts.md",
      ".agent/exec_plans/complete/2026/03/08/EP-20260221-001_api-contracts/milestones/complete/MS001_contract-tests.md",
      ".agent/exec_plans/complete/2026/06/30/EP-20260301-002_audit-log/EP-20260301-002_audit-log.md",
      ".agent/exec_plans/complete/2026/06/30/EP-20260301-002_audit-log/milestones/complete/EP-20260301-002_MS001_audit-table.md",
    ]);
    const milestone = out.files.find((f) => f.file.endsWith("MS002_audit-api.md"))?.diagnostics[0];
    expect(milestone?.ruleId).toBe("layout-forced");
    expect(milestone?.suggestion).toBe(
      "mkdir -p -- .agent/exec_plans/audit-log/milestones/active && git mv -- .agent/exec_plans/active/audit-log/milestones/active/MS002_audit-api.md .agent/exec_plans/audit-log/milestones/active/EP-20260315-002_MS002_audit-api.md",
    );
  });

  it("is checked by the API too", async () => {
    const { lint, UsageError } = await import("../src/index.js");
    await expect(lint({ cwd: VALID, config: { layout: "newest" as "auto" } })).rejects.toBeInstanceOf(UsageError);
  });

  it("exits 2 on an unknown layout", () => {
    const r = runCli(["--layout", "newest"], { cwd: VALID });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: Unknown layout "newest"; expected one of: auto, template, upstream\n');
  });
});

describe("registry.json", () => {
  const STALE = path.join(FIXTURES, "rules/registry-in-sync/stale");

  it("is linted when named on the command line, alone", () => {
    const { status, out } = json([".agent/exec_plans/registry.json"], STALE);
    expect(status).toBe(1);
    expect(out.files.map((f) => f.file)).toEqual([".agent/exec_plans/registry.json"]);
    expect(out.files[0]?.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      "2:3 registry-in-sync",
      "18:16 registry-in-sync",
      "27:13 registry-in-sync",
      "51:15 registry-in-sync",
      "53:17 registry-in-sync",
    ]);
  });
});
