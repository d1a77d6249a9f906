/**
 * The GitHub Action (action.yml): one `uses:` line runs the linter from the action's
 * own checkout and reports as annotations, or as SARIF uploaded to code scanning.
 * Its lint step (scripts/action-lint.sh) runs here as the runner would run it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { MILESTONE, badStatus, edit, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

interface Step {
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  "working-directory"?: string;
}
const action = parse(readFileSync(path.join(REPO, "action.yml"), "utf8")) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** Runs the lint step as the runner does: the step's environment from the inputs, $GITHUB_OUTPUT a file. */
function lintStep(cwd: string, inputs: Record<string, string>) {
  const output = path.join(mkdtempSync(path.join(os.tmpdir(), "milestone-lint-gh-")), "output");
  const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_OUTPUT: output, GITHUB_ACTION_PATH: REPO, MILESTONE_LINT: path.join(REPO, "dist/cli.cjs") };
  for (const [name, input] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] = inputs[name] ?? input.default;
  delete env.FORCE_COLOR;
  const step = action.runs.steps.find((s) => s.id === "lint") as Step;
  const r = spawnSync("bash", ["-c", step.run as string], { cwd, env, encoding: "utf8" });
  return { ...r, outputs: existsSync(output) ? readFileSync(output, "utf8") : "" };
}

describe("action.yml", () => {
  it("installs its own copy, lints, uploads SARIF when asked, then fails on errors", () => {
    expect(action.runs.using).toBe("composite");
    const [install, lint, upload, fail] = action.runs.steps;
    expect(install).toMatchObject({ run: "npm ci --no-audit --no-fund --loglevel=error", "working-directory": "${{ github.action_path }}" });
    expect(lint).toMatchObject({ id: "lint", run: 'bash "$GITHUB_ACTION_PATH/scripts/action-lint.sh"' });
    expect(lint?.env).toMatchObject({ MILESTONE_LINT: "${{ github.action_path }}/dist/cli.cjs", INPUT_PATHS: "${{ inputs.paths }}", INPUT_SARIF: "${{ inputs.sarif }}" });
    expect(upload).toMatchObject({ if: "steps.lint.outputs.sarif-written == 'true'", uses: "github/codeql-action/upload-sarif@v3", with: { sarif_file: "${{ inputs.sarif-file }}" } });
    expect(fail).toMatchObject({ if: "steps.lint.outputs.exit-code != '0'", run: "exit ${{ steps.lint.outputs.exit-code }}" });
    expect(action.outputs["exit-code"]?.value).toBe("${{ steps.lint.outputs.exit-code }}");
  });

  it("by default, annotates each problem and records the exit status without failing the step", () => {
    const dir = tree();
    // a checkout: annotation paths are relative to the repository root
    mkdirSync(path.join(dir, ".git"));
    edit(dir, MILESTONE, badStatus);
    const r = lintStep(dir, { args: `--now ${FIXTURE_TODAY}` });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `::error file=${MILESTONE},line=6,col=9,endLine=6,endColumn=20,title=front-matter-schema::\`status\` is "in-progress", which is not allowed; expected one of: planned, in_progress, completed, blocked, archived. Did you mean "in_progress"?\n`,
    );
    expect(r.outputs).toBe("exit-code=1\n");
  });

  it("with sarif: true, writes the SARIF file for the upload step", () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    const r = lintStep(dir, { args: `--now ${FIXTURE_TODAY}`, sarif: "true", paths: ".agent/exec_plans\n" });
    expect(r.status).toBe(0);
    expect(r.outputs).toBe("exit-code=1\nsarif-written=true\n");
    const log = JSON.parse(readFileSync(path.join(dir, "milestone-lint.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toEqual(["front-matter-schema"]);
  });

  it("a clean tree records exit status 0", () => {
    const r = lintStep(tree(), { args: `--now ${FIXTURE_TODAY}` });
    expect({ status: r.status, stdout: r.stdout, outputs: r.outputs }).toEqual({ status: 0, stdout: "", outputs: "exit-code=0\n" });
  });
});
