/**
 * The config's `plans`: which files it makes plans of the PLANS.md practice (and
 * which it never does), where a finished plan moves, how the skeleton reaches the
 * rules, and the mistakes a config can make.
 */
import path from "node:path";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { checkConfigShape, resolveConfig } from "../src/config/config.js";
import { configForFile, lint, UsageError } from "../src/index.js";
import { classifyPlan, planFolders } from "../src/tree/plan-place.js";
import type { PlanSettings } from "../src/shared/types.js";

const ROOT = path.resolve("/repo");
const settings = (over: Partial<PlanSettings> = {}): PlanSettings => ({
  root: ROOT,
  document: "docs/PLANS.md",
  files: ["docs/**/*.md", "plans/*/plan.md"],
  ignores: ["docs/exec-plans/README.md", "**/templates/"],
  active: ["docs/exec-plans/active/", "plans/"],
  completed: ["docs/exec-plans/completed"],
  ...over,
});
const at = (rel: string) => path.join(ROOT, ...rel.split("/"));

describe("classifyPlan", () => {
  it.each([
    ["docs/exec-plans/active/csv.md", { state: "active" }],
    ["docs/exec-plans/completed/2026-01-csv.md", { state: "completed" }],
    ["docs/notes.md", {}],
    ["plans/csv/plan.md", { state: "active" }],
  ])("makes %s a plan", (rel, extra) => {
    expect(classifyPlan(at(rel), settings())).toMatchObject({ kind: "plan", root: ROOT, fileName: path.basename(rel), ...extra });
  });

  it.each([
    ["the rules document", "docs/PLANS.md"],
    ["an ignored README", "docs/exec-plans/README.md"],
    ["a template", "docs/exec-plans/templates/plan.md"],
    ["a note beside a plan", "plans/csv/notes.md"],
    ["a file outside the patterns", "README.md"],
    ["a file outside the config's folder", "../other/docs/a.md"],
    ["a file that is not Markdown", "docs/exec-plans/active/csv.txt"],
  ])("never makes %s a plan", (_what, rel) => {
    expect(classifyPlan(path.resolve(ROOT, rel), settings())).toBeUndefined();
  });

  it("says where a finished active plan moves: the file, or its own folder", () => {
    expect(classifyPlan(at("docs/exec-plans/active/csv.md"), settings())?.finish).toEqual({
      from: at("docs/exec-plans/active/csv.md"),
      to: at("docs/exec-plans/completed/csv.md"),
    });
    const perFolder = settings({ files: ["p/**/plan.md"], active: ["p/active"], completed: ["p/done/"] });
    expect(classifyPlan(at("p/active/csv/plan.md"), perFolder)?.finish).toEqual({ from: at("p/active/csv"), to: at("p/done/csv") });
  });

  it("gives no move when the folders are patterns, or there are two completed folders", () => {
    expect(classifyPlan(at("docs/a/active/x.md"), settings({ active: ["**/active/"] }))?.finish).toBeUndefined();
    expect(classifyPlan(at("docs/exec-plans/active/x.md"), settings({ completed: ["a/", "b/"] }))?.finish).toBeUndefined();
  });

  it("walks the literal folders of the patterns, the root for a pattern that matches at any depth", () => {
    expect(planFolders(settings())).toEqual([at("docs"), at("plans")]);
    expect(planFolders(settings({ files: ["PLAN-*.md", "!docs/x.md"] }))).toEqual([ROOT]);
  });
});

describe("the plans setting", () => {
  const source = { name: "milestone-lint.config.json", dir: ROOT };

  it("is resolved relative to the config's folder, the skeleton completed and handed to the rules that take it", () => {
    const resolved = resolveConfig({ plans: { files: ["plans/*.md"], skeleton: { sections: [{ heading: "Progress", required: true }, { heading: "Notes" }] } } }, source, builtinRules);
    const skeleton = { level: 2, title: true, timestamps: false, checklist: true, sections: [{ heading: "Progress", required: true }, { heading: "Notes", required: false }] };
    expect(resolved.plans).toEqual({ root: ROOT, files: ["plans/*.md"], ignores: [], active: [], completed: [], skeleton });
    expect(resolved.rules["execplan-section-required"]?.options).toEqual({ skeleton });
    expect(resolved.rules["execplan-template-text"]).toBeUndefined();
  });

  it("lets a rule's own options win over the config's skeleton", () => {
    const own = { sections: [{ heading: "Steps", required: true }] };
    const resolved = resolveConfig(
      { plans: { files: ["plans/*.md"], skeleton: { sections: [{ heading: "Progress" }] } }, rules: { "execplan-section-order": ["warn", { skeleton: own }] } },
      source,
      builtinRules,
    );
    expect(resolved.rules["execplan-section-order"]).toEqual({ severity: "warn", options: { skeleton: own } });
  });

  it.each([
    [{ plans: {} }, "milestone-lint.config.json: `plans` must have required property 'files'"],
    [{ plans: { files: ["a"], skeleton: { sections: [] } } }, "milestone-lint.config.json: `plans.skeleton.sections` must NOT have fewer than 1 items"],
    [{ plans: { files: ["a"], skeleton: { level: 7, sections: [{ heading: "x" }] } } }, "milestone-lint.config.json: `plans.skeleton.level` must be <= 6"],
    [{ plans: { files: ["a"], folders: [] } }, 'milestone-lint.config.json: `plans` unknown property "folders"'],
  ])("rejects %j", (config, message) => {
    expect(() => checkConfigShape(config, source)).toThrow(new UsageError(message));
  });

  it("refuses the execplan preset without plans, and names --init", () => {
    expect(() => resolveConfig({ extends: ["execplan"] }, source, builtinRules)).toThrow(
      new UsageError("milestone-lint.config.json: the \"execplan\" preset lints the plans that `plans.files` names, but this config has no `plans`; run `milestone-lint --init` to write it."),
    );
  });
});

describe("a run", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ml-plans-"));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  write("milestone-lint.config.json", JSON.stringify({ extends: ["execplan"], plans: { files: ["plans/*.md"], ignores: ["plans/README.md"] } }));
  write("plans/csv.md", "# CSV\n\n## Progress\n\n- [ ] Write it.\n");
  write("notes/plan.md", "# Not a plan\n\n## Progress\n");

  it("lints the plans' folders when given no path, and no .agent is needed", async () => {
    const result = await lint({ cwd: dir, now: "2026-11-25" });
    expect(result.files.map((f) => f.file)).toEqual(["plans/csv.md"]);
    expect(result.files[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["execplan-section-required", "execplan-section-required", "execplan-section-required"]);
  });

  it("skips a README among the plans given by name (a hook's commit that touches only it), and fails on a file elsewhere", async () => {
    write("plans/README.md", "# Plans\n");
    await expect(lint({ cwd: dir, patterns: ["plans/README.md"], now: "2026-11-25" })).resolves.toMatchObject({ files: [] });
    await expect(lint({ cwd: dir, patterns: ["notes/plan.md"], now: "2026-11-25" })).rejects.toThrow(
      new UsageError(
        "No files were linted: \"notes/plan.md\" is not a plan or milestone file (only Markdown files under an exec_plans folder, or that the config's `plans` names, are; see docs/format.md); not linted.",
      ),
    );
  });

  it("prints the plans of the config that applies to a file", async () => {
    const printed = await configForFile("plans/csv.md", { cwd: dir });
    expect(printed.extends).toEqual(["execplan"]);
    expect(printed.plans).toEqual({ root: dir, files: ["plans/*.md"], ignores: ["plans/README.md"], active: [], completed: [] });
    expect(printed.rules["execplan-section-order"]).toEqual(["warn", expect.objectContaining({ skeleton: expect.objectContaining({ level: 2 }) })]);
  });
});
