/** A rule that throws cannot take the run down: one diagnostic naming it, everything else still runs. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import type { FileRule, ProjectRule } from "../src/shared/types.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { VALID_MILESTONE, validMilestoneText, validTree, type Tree } from "./helpers/hostile-tree.js";

const ARCHIVED = ".agent/exec_plans/search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md";
const PLAN = ".agent/exec_plans/search-index/EP-20260210-003_search-index.md";

const meta = { description: "test rule", severity: "error", appliesTo: ["milestone", "execplan"], docsUrl: "https://example.test" } as const;

/** Throws on the active milestone only. */
const throwsOnActive: FileRule = {
  meta: { ...meta, id: "test-throws" },
  check(context) {
    if (context.file.displayPath === VALID_MILESTONE) throw new TypeError("cannot read properties of undefined");
  },
};

/** Reports on every file, to show it still ran after the crash. */
const alwaysReports: FileRule = {
  meta: { ...meta, id: "test-reports", severity: "warn" },
  check(context) {
    context.report({ message: "seen" });
  },
};

const projectThrows: ProjectRule = {
  meta: { ...meta, id: "test-project-throws", scope: "project" },
  check() {
    throw new Error("index exploded");
  },
};

let tree: Tree;
beforeEach(() => {
  tree = validTree();
  tree.write(VALID_MILESTONE, validMilestoneText().replace("ms: 2", 'ms: "2"'));
});
afterEach(() => tree.remove());

const diagnosticsOf = (result: Awaited<ReturnType<typeof lint>>, file: string) =>
  result.files.find((f) => f.file === file)?.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

describe("a file rule that throws", () => {
  it("becomes one diagnostic on that file; the other rules and files still run; the run is marked incomplete", async () => {
    const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, rules: [throwsOnActive, alwaysReports] });
    expect(result.internalErrors).toBe(1);
    expect(diagnosticsOf(result, VALID_MILESTONE)).toEqual([
      "1:1 test-reports seen",
      '1:1 test-throws Rule "test-throws" crashed on this file (cannot read properties of undefined). The other rules still ran; report this to the rule\'s author.',
      '4:5 front-matter-schema `ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.',
    ]);
    expect(diagnosticsOf(result, ARCHIVED)).toEqual(["1:1 test-reports seen"]);
    expect(diagnosticsOf(result, PLAN)).toEqual(["1:1 test-reports seen"]);
  });

  it("is counted once per file it crashes on", async () => {
    const everywhere: FileRule = { meta: { ...meta, id: "test-throws-everywhere" }, check: () => { throw "not even an Error"; } };
    const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, rules: [everywhere] });
    const crashed = result.files.filter((f) => f.diagnostics.some((d) => d.ruleId === "test-throws-everywhere")).length;
    expect(crashed).toBeGreaterThan(2);
    expect(result.internalErrors).toBe(crashed);
    expect(diagnosticsOf(result, PLAN)).toEqual([
      '1:1 test-throws-everywhere Rule "test-throws-everywhere" crashed on this file (not even an Error). The other rules still ran; report this to the rule\'s author.',
    ]);
  });
});

describe("a project rule that throws", () => {
  it("becomes one diagnostic naming the rule; the file rules' results stay", async () => {
    const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, rules: [projectThrows] });
    expect(result.internalErrors).toBe(1);
    const crash = result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === "test-project-throws");
    expect(crash).toHaveLength(1);
    expect(crash[0]?.message).toBe('Rule "test-project-throws" crashed (index exploded). The other rules still ran; report this to the rule\'s author.');
    expect(diagnosticsOf(result, VALID_MILESTONE)).toContain(
      '4:5 front-matter-schema `ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.',
    );
  });
});

describe("through the CLI, with the crashing rules loaded as a plugin", () => {
  it("exits 2 and names the rule and the file; everything else is still reported", () => {
    tree.write(
      "crash-plugin.mjs",
      `export const rules = [
  { meta: { id: "plugin-throws", description: "t", severity: "error", appliesTo: ["milestone"], docsUrl: "https://example.test" },
    check(context) { if (context.file.displayPath.endsWith("MS002_ranked-search-api.md")) throw new Error("plugin bug"); } },
  { meta: { id: "plugin-project-throws", description: "t", severity: "error", appliesTo: ["milestone", "execplan"], docsUrl: "https://example.test", scope: "project" },
    check() { throw new Error("project plugin bug"); } },
];
`,
    );
    tree.write("milestone-lint.config.json", JSON.stringify({ plugins: ["./crash-plugin.mjs"] }));
    const r = runCli(["--format", "json", "--now", FIXTURE_TODAY], { cwd: tree.dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { ruleId: string; message: string; line: number }[] }[] };
    const all = out.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.file, ...d })));
    expect(all.filter((d) => d.ruleId === "plugin-throws")).toEqual([
      expect.objectContaining({
        file: VALID_MILESTONE,
        line: 1,
        message: 'Plugin rule "plugin-throws" (from "./crash-plugin.mjs") crashed on this file (plugin bug). The other rules still ran; report this to the plugin\'s author.',
      }),
    ]);
    expect(all.filter((d) => d.ruleId === "plugin-project-throws")).toHaveLength(1);
    expect(all.filter((d) => d.ruleId === "plugin-project-throws")[0]?.message).toBe(
      'Plugin rule "plugin-project-throws" (from "./crash-plugin.mjs") crashed (project plugin bug). The other rules still ran; report this to the plugin\'s author.',
    );
    // the canary problem of the same file is still there
    expect(all).toContainEqual(expect.objectContaining({ file: VALID_MILESTONE, ruleId: "front-matter-schema", line: 4 }));
  });
});
