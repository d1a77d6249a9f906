/**
 * Trees written the way the agentrules CLI writes them (fixtures/cli-trees/, FORMAT.md
 * §7), linted as a new user would: `milestone-lint` with no config, then
 * `milestone-lint --init`, then `milestone-lint` again. Each tree's whole output is a
 * snapshot reviewed line by line (fixtures/cli-trees/*.expected.txt). The clean trees
 * give no diagnostic; each tree of broken/ is its clean tree with the files it holds
 * written over it, and the mistakes in those files are reported at their lines.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const TREES = path.join(FIXTURES, "cli-trees");
const BROKEN = path.join(TREES, "broken");
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const clean = folders(TREES).filter((name) => name !== "broken");
const broken = folders(BROKEN);

/** A throw-away copy of the tree (with `overlay` written over it), outside any git work tree. */
function materialise(base: string, overlay?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-tree-"));
  made.push(dir);
  cpSync(base, dir, { recursive: true });
  if (overlay) cpSync(overlay, dir, { recursive: true });
  return dir;
}

function shown(command: string, r: CliRun): string {
  return [`$ milestone-lint ${command}`.trimEnd(), `exit ${r.status}`, "--- stdout", r.stdout.trimEnd(), "--- stderr", r.stderr.trimEnd(), ""].join("\n");
}

/** The three runs of a first encounter, and the config `--init` wrote. */
function firstEncounter(dir: string): { text: string; before: CliRun; init: CliRun; after: CliRun } {
  const lint = () => runCli(["--now", FIXTURE_TODAY, "--no-color"], { cwd: dir });
  const before = lint();
  const init = runCli(["--init"], { cwd: dir });
  const config = existsSync(path.join(dir, "milestone-lint.config.json")) ? readFileSync(path.join(dir, "milestone-lint.config.json"), "utf8") : "(none)\n";
  const after = lint();
  const text = [shown("", before), shown("--init", init), `--- milestone-lint.config.json\n${config}`, shown("", after)].join("\n");
  return { text, before, init, after };
}

describe("clean CLI-written trees", () => {
  it.each(clean)("%s: no diagnostic, before and after --init", async (name) => {
    const run = firstEncounter(materialise(path.join(TREES, name)));
    await expect(run.text).toMatchFileSnapshot(path.join(TREES, `${name}.expected.txt`));
    expect(run.before.status).toBe(0);
    expect(run.before.stdout).toMatch(/^No problems found in \d+ files\.\n$/);
    expect(run.init.status).toBe(0);
    expect(run.after.stdout).toBe(run.before.stdout);
    // with a config, the line that says what a config-less run chose is gone
    expect(run.after.stderr).toBe("");
  });
});

describe("broken copies of them", () => {
  it.each(broken)("%s: its mistakes reported at their lines", async (name) => {
    const run = firstEncounter(materialise(path.join(TREES, name), path.join(BROKEN, name)));
    await expect(run.text).toMatchFileSnapshot(path.join(BROKEN, `${name}.expected.txt`));
    expect(run.before.status).toBe(1);
    expect(run.after.stdout).toBe(run.before.stdout);
  });
});

describe("a tree written from the template, with markers", () => {
  it("--init chooses recommended, and a run without config is as it always was", () => {
    const dir = materialise(path.join(FIXTURES, "valid"));
    const run = firstEncounter(dir);
    expect(run.before.stderr).toBe("");
    expect(run.init.stdout).toBe(
      'milestone-lint: wrote milestone-lint.config.json with the "recommended" preset, the milestone template\'s strict profile.\n' +
        "Why: .agent/exec_plans holds 6 plans and 9 milestones, all with <!-- SECTION --> markers (both layouts, template and upstream).\n",
    );
    expect(JSON.parse(readFileSync(path.join(dir, "milestone-lint.config.json"), "utf8"))).toEqual({ extends: ["recommended"] });
    expect(run.after.stdout).toBe(run.before.stdout);
  });
});
