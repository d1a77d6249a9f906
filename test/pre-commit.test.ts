/**
 * The pre-commit hook (issue 13, item 3): its `files` pattern passes the registry
 * as well as the Markdown files, and a registry passed alone (a commit that only
 * touches it, or `--all-files`) is judged against the plans.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const hooks = parse(readFileSync(path.join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as { id: string; files: string }[];
const hook = hooks.find((h) => h.id === "milestone-lint");
// pre-commit searches each path with Python's re; this pattern means the same in JavaScript
const files = new RegExp(hook?.files ?? "^$");

describe("the hook's files pattern", () => {
  it("passes the plans, milestones and registry of any exec_plans folder", () => {
    for (const file of [
      ".agent/exec_plans/registry.json",
      ".agent/exec_plans/search-index/EP-20260210-003_search-index.md",
      ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md",
      ".agents/exec_plans/active/audit-log/milestones/complete/MS001_event-schema.MD",
      "services/api/.agent/exec_plans/registry.json",
    ]) {
      expect(files.test(file), file).toBe(true);
    }
  });

  it("passes nothing else", () => {
    for (const file of ["README.md", "docs/plans/x.md", ".agent/exec_plans/search-index/registry.json", ".agent/exec_plans/notes.txt", ".agent/skills/x.md"]) {
      expect(files.test(file), file).toBe(false);
    }
  });
});

describe("a registry passed alone", () => {
  it("is judged against the plans, so a stale one fails the hook", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-"));
    made.push(dir);
    cpSync(path.join(FIXTURES, "valid"), dir, { recursive: true });
    const registry = path.join(dir, ".agent/exec_plans/registry.json");
    writeFileSync(registry, readFileSync(registry, "utf8").replace('"status": "active"', '"status": "planned"'));
    const r = runCli(["--now", FIXTURE_TODAY, "--format", "json", ".agent/exec_plans/registry.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { line: number; column: number; ruleId: string; message: string }[] }[] };
    expect(out.files.map((f) => f.file)).toEqual([".agent/exec_plans/registry.json"]);
    expect(out.files[0]?.diagnostics.map(({ line, column, ruleId, message }) => ({ line, column, ruleId, message }))).toEqual([
      {
        line: 17,
        column: 17,
        ruleId: "registry-in-sync",
        message:
          'registry.json gives plan EP-20260210-003 status "planned", but its front matter (.agent/exec_plans/search-index/EP-20260210-003_search-index.md) says "active"; the registry is stale: rebuild it (`agentrules execplan-registry update`).',
      },
    ]);
  });
});
