/** The CLI end to end, as a child process: exit codes, output formats, argument errors. */
import { describe, expect, it } from "vitest";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const VALID = path.join(FIXTURES, "valid");
const SCHEMA_CASE = path.join(FIXTURES, "rules/front-matter-schema/enum-type-missing");

describe("exit codes", () => {
  it("exits 0 and says so on a clean tree", () => {
    const r = runCli(["--now", FIXTURE_TODAY, ".agent"], { cwd: VALID });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^No problems found in \d+ files\.\n$/);
    expect(r.status).toBe(0);
  });

  it("lints .agent under the working directory by default", () => {
    const r = runCli(["--now", FIXTURE_TODAY], { cwd: VALID });
    expect(r.status).toBe(0);
  });

  it("exits 1 when errors are found", () => {
    const r = runCli(["--now", FIXTURE_TODAY], { cwd: SCHEMA_CASE });
    expect(r.status).toBe(1);
  });

  it("exits 2 with one line on stderr for a path that does not exist", () => {
    const r = runCli(["no/such/dir"], { cwd: VALID });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: No such file or directory: no/such/dir\n");
    expect(r.stdout).toBe("");
  });

  it("exits 2 on an unknown option and on a bad --now", () => {
    expect(runCli(["--bogus"]).status).toBe(2);
    const r = runCli(["--now", "2026-02-30"], { cwd: VALID });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"2026-02-30"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on an unknown format", () => {
    const r = runCli(["--format", "xml"], { cwd: VALID });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown format "xml"/);
  });
});

describe("stylish output", () => {
  it("prints path:line:column severity message rule-id and a summary", () => {
    const r = runCli(["--now", FIXTURE_TODAY], { cwd: SCHEMA_CASE, env: { NO_COLOR: "1" } });
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md:4:5  error  `ms` must be a YAML integer (no quotes), but it is the string \"2\". Write `ms: 2`.  front-matter-schema",
    );
    expect(lines).toContain("✖ 4 problems (4 errors, 0 warnings) in 1 file");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("uses colours only when asked on a non-TTY, and never with NO_COLOR", () => {
    expect(runCli(["--color"], { cwd: SCHEMA_CASE }).stdout).toContain("\u001b[");
    expect(runCli([], { cwd: SCHEMA_CASE }).stdout).not.toContain("\u001b[");
  });
});

describe("json output", () => {
  it("has the documented shape", () => {
    const r = runCli(["--format", "json", "--now", FIXTURE_TODAY], { cwd: SCHEMA_CASE });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.schemaVersion).toBe(1);
    expect(out.errorCount).toBe(4);
    // every linted file is listed: the plan and the archived milestone beside the broken one have none
    expect(out.files).toHaveLength(3);
    const broken = out.files.filter((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0);
    expect(broken).toHaveLength(1);
    expect(broken[0].diagnostics[0]).toEqual({
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 8,
      ruleId: "front-matter-schema",
      severity: "error",
      message: "`ms` must be a YAML integer (no quotes), but it is the string \"2\". Write `ms: 2`.",
      fix: { range: [63, 66], text: "2" },
      docsUrl: docsUrl("front-matter-schema"),
    });
  });
});
