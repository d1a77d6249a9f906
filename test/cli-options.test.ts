/** --max-warnings, --quiet and --report-unused-disables on the command line. */
import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { MILESTONE, badStatus, edit, json, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const PLUGIN = path.join(REPO, "examples/plugins/require-tags.mjs");
const NOW = ["--now", FIXTURE_TODAY];

/** One warning (the milestone's bad status, front-matter-schema set to warn). */
function oneWarning(): string {
  const dir = tree({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": "warn" } }) });
  edit(dir, MILESTONE, badStatus);
  return dir;
}

/** One warning and one error (require-tags, from the example plugin). */
function warningAndError(): string {
  const dir = tree({ "milestone-lint.config.json": json({ plugins: [PLUGIN], rules: { "front-matter-schema": "warn" } }) });
  edit(dir, MILESTONE, (t) => badStatus(t).replace("tags: [api]", "tags: []"));
  return dir;
}

describe("--max-warnings", () => {
  it("exits 0 while warnings do not exceed the maximum, 1 when they do", () => {
    const dir = oneWarning();
    expect(runCli(NOW, { cwd: dir }).status).toBe(0);
    expect(runCli([...NOW, "--max-warnings", "1"], { cwd: dir }).status).toBe(0);
    const over = runCli([...NOW, "--max-warnings", "0"], { cwd: dir });
    expect(over.status).toBe(1);
    expect(over.stderr).toBe("milestone-lint: 1 warnings, more than --max-warnings 0 allows.\n");
    expect(over.stdout).toContain("⚠ 1 problem (0 errors, 1 warning) in 1 file");
  });

  it("rejects a value that is not a whole number", () => {
    const r = runCli(["--max-warnings", "ten"], { cwd: tree() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: --max-warnings must be a whole number (or -1 for no limit), got "ten"\n');
  });
});

describe("--quiet", () => {
  it("prints errors only", () => {
    const dir = warningAndError();
    const loud = runCli(NOW, { cwd: dir, env: { NO_COLOR: "1" } });
    expect(loud.stdout).toContain("✖ 2 problems (1 error, 1 warning) in 1 file");
    const quiet = runCli([...NOW, "--quiet"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).not.toContain("  warning  ");
    expect(quiet.stdout).toContain(`${MILESTONE}:11:7  error  Milestone has 0 tags`);
    expect(quiet.stdout).toContain("✖ 1 problem (1 error, 0 warnings) in 1 file");
  });

  it("hides warnings but --max-warnings still counts them, as in ESLint", () => {
    const dir = oneWarning();
    const quiet = runCli([...NOW, "--quiet"], { cwd: dir });
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toMatch(/^No problems found in 3 files\.\n$/);
    expect(runCli([...NOW, "--quiet", "--max-warnings", "0"], { cwd: dir }).status).toBe(1);
  });
});

describe("--report-unused-disables", () => {
  it("turns a disable comment that suppresses nothing into an error", () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) => `${t}\n<!-- milestone-lint-disable-file front-matter-schema -->\n`);
    expect(runCli(NOW, { cwd: dir }).status).toBe(0);
    const r = runCli([...NOW, "--report-unused-disables", "--format", "json"], { cwd: dir });
    expect(r.status).toBe(1);
    const diagnostics = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: unknown[] }) => f.diagnostics);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "unused-disable-directive",
        severity: "error",
        message: 'Unused milestone-lint-disable-file directive: no problem from "front-matter-schema" was reported here; remove it.',
      }),
    ]);
  });
});
