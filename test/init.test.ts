/**
 * `milestone-lint --init` and a run without any config file, end to end: what is
 * written, what is refused, the line a config-less run ends with, and which folders a
 * run lints by default (`.agent`, `.agents`, both).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspect } from "../src/index.js";
import { DETECTORS } from "../src/detect/inspect.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { write } from "./helpers/tree.js";

const CLI_TREE = path.join(FIXTURES, "cli-trees/complete-root");
const AGENTS_TREE = path.join(FIXTURES, "cli-trees/agents-dir");
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(from?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "init-"));
  made.push(dir);
  if (from) cpSync(from, dir, { recursive: true });
  return dir;
}

const CONFIG = "milestone-lint.config.json";

describe("--init", () => {
  it("never overwrites a config: exit 2, one line, the file untouched", () => {
    const dir = scratch(CLI_TREE);
    writeFileSync(path.join(dir, CONFIG), '{ "rules": {} }\n');
    const r = runCli(["--init"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`milestone-lint: ${CONFIG} already exists; --init never overwrites a config (remove it first to start over)\n`);
    expect(r.stdout).toBe("");
    expect(readFileSync(path.join(dir, CONFIG), "utf8")).toBe('{ "rules": {} }\n');
  });

  it("counts a package.json \"milestone-lint\" key as a config", () => {
    const dir = scratch(CLI_TREE);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", "milestone-lint": { extends: "recommended" } }));
    const r = runCli(["--init"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: package.json already holds a "milestone-lint" config; --init never overwrites a config (remove it first to start over)\n');
    expect(existsSync(path.join(dir, CONFIG))).toBe(false);
  });

  it("writes nothing where there is nothing to configure", () => {
    const dir = scratch();
    const r = runCli(["--init"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: --init found nothing to configure: no .agent/exec_plans or .agents/exec_plans, and no folder of plans that follow a PLANS.md, here; run it from the repository root\n");
    expect(existsSync(path.join(dir, CONFIG))).toBe(false);
  });

  it("takes no paths", () => {
    const r = runCli(["--init", ".agent"], { cwd: scratch(CLI_TREE) });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: --init takes no paths: it looks at the folder it runs in\n");
  });
});

describe("the choice of profile", () => {
  /** A milestone of the CLI tree with the template's marker above each of its headings. */
  const withMarkers = (text: string) => text.replace(/^## (Objective|Changelog)$/gm, (h, name: string) => `<!-- SECTION: ${name} -->\n${h}`);
  const MILESTONES = [
    ".agent/exec_plans/active/webhook-intake/milestones/complete/MS001_signature-check.md",
    ".agent/exec_plans/active/webhook-intake/milestones/active/MS002_retries.md",
    ".agent/exec_plans/active/webhook-intake/milestones/active/MS003_dead-letter-queue.md",
  ];
  const LEDGER = [
    ".agent/exec_plans/complete/2026/03/20/EP-20260302-001_ledger-export/milestones/complete/MS001_csv-writer.md",
    ".agent/exec_plans/complete/2026/03/20/EP-20260302-001_ledger-export/milestones/complete/MS002_parquet-writer.md",
  ];
  const mark = (dir: string, rel: string) => write(dir, rel, withMarkers(readFileSync(path.join(dir, rel), "utf8")));

  it("is the agentrules preset while milestones in the CLI's form are at least as many as marked ones", async () => {
    const dir = scratch(CLI_TREE);
    for (const rel of MILESTONES.slice(0, 2)) mark(dir, rel);
    // a milestone broken beyond its headings counts for neither
    write(dir, LEDGER[0] as string, "not a milestone any more\n");
    const found = await inspect(dir);
    expect(found?.config).toEqual({ extends: ["agentrules"] });
    expect(found?.detections[0]?.reason).toBe(".agent/exec_plans holds 3 plans and 5 milestones, 2 with <!-- SECTION --> markers, 2 in the CLI's form (the upstream layout)");
    mark(dir, MILESTONES[2] as string);
    expect((await inspect(dir))?.config).toEqual({ extends: ["recommended"] });
  });

  it("is the recommended preset when all of them carry markers", async () => {
    const dir = scratch(CLI_TREE);
    for (const rel of [...MILESTONES, ...LEDGER]) mark(dir, rel);
    const found = await inspect(dir);
    expect(found?.config).toEqual({ extends: ["recommended"] });
    expect(found?.detections[0]?.differsFromDefaults).toBe(false);
  });

  it("does not count a marker inside fenced code, or one written after a fence that never closes", async () => {
    const dir = scratch(CLI_TREE);
    const example = (fence: string, other: string) => `\n${fence}markdown\n<!-- SECTION: Objective -->\n${other}\n   <!-- section : Scope -->\n${fence}\n`;
    // two milestones in the CLI's form quote markers in fences (one a ~~~ fence that a ``` line does not close), one is marked
    write(dir, MILESTONES[0] as string, readFileSync(path.join(dir, MILESTONES[0] as string), "utf8") + example("```", "~~~"));
    write(dir, MILESTONES[1] as string, readFileSync(path.join(dir, MILESTONES[1] as string), "utf8").replace(/\r?\n/g, "\r\n") + example("~~~", "```"));
    write(dir, MILESTONES[2] as string, `${readFileSync(path.join(dir, MILESTONES[2] as string), "utf8")}\n\`\`\`\nnever closed\n<!-- SECTION: Notes -->\n`);
    mark(dir, LEDGER[0] as string);
    const found = await inspect(dir);
    expect(found?.detections[0]?.reason).toBe(".agent/exec_plans holds 3 plans and 5 milestones, 1 with <!-- SECTION --> markers, 4 in the CLI's form (the upstream layout)");
    // a marker three spaces in, in any case, outside a fence counts
    write(dir, MILESTONES[2] as string, `${readFileSync(path.join(CLI_TREE, MILESTONES[2] as string), "utf8")}\n   <!--section: Notes -->\n`);
    expect((await inspect(dir))?.detections[0]?.reason).toContain("2 with <!-- SECTION --> markers, 3 in the CLI's form");
  });

  it("stops reading, for a run without a config file, once the template's profile is certain, and chooses as a full look does", async () => {
    const dir = scratch(CLI_TREE);
    for (const rel of [...MILESTONES, LEDGER[0] as string]) mark(dir, rel);
    const full = await inspect(dir);
    expect(full?.detections[0]?.reason).toBe(".agent/exec_plans holds 3 plans and 5 milestones, 4 with <!-- SECTION --> markers, 1 in the CLI's form (the upstream layout)");
    const quick = await inspect(dir, DETECTORS, { quick: true });
    expect(quick?.config).toEqual(full?.config);
    expect(quick?.detections[0]?.reason).toBe(".agent/exec_plans holds 3 plans and 5 milestones, more with <!-- SECTION --> markers than in the CLI's form (the upstream layout)");
    // with the CLI's form ahead, every file is read, and the line says what each is
    const cli = scratch(CLI_TREE);
    mark(cli, MILESTONES[0] as string);
    const chosen = await inspect(cli, DETECTORS, { quick: true });
    expect(chosen?.config).toEqual({ extends: ["agentrules"] });
    expect(chosen?.detections[0]?.reason).toBe(".agent/exec_plans holds 3 plans and 5 milestones, 1 with <!-- SECTION --> markers, 4 in the CLI's form (the upstream layout)");
  });

  it("reads a tree without milestones by its plans", async () => {
    const dir = scratch();
    cpSync(path.join(CLI_TREE, ".agent/exec_plans/active/fx-rates"), path.join(dir, ".agent/exec_plans/active/fx-rates"), { recursive: true });
    expect((await inspect(dir))?.config).toEqual({ extends: ["agentrules"] });
    write(dir, ".agent/exec_plans/active/fx-rates/EP-20260512-001_fx-rates.md", readFileSync(path.join(FIXTURES, "valid/.agent/exec_plans/search-index/EP-20260210-003_search-index.md"), "utf8"));
    expect((await inspect(dir))?.config).toEqual({ extends: ["recommended"] });
  });
});

describe("a run without any config file", () => {
  it("ends with its one line on stderr, whatever the format, and none with --config", () => {
    const dir = scratch(CLI_TREE);
    const r = runCli(["--now", FIXTURE_TODAY, "--format", "json"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toMatch(/^milestone-lint: no config file, and .*Run `milestone-lint --init` to keep this choice in milestone-lint\.config\.json\.\n$/);
    writeFileSync(path.join(dir, "other.json"), JSON.stringify({ extends: "agentrules" }));
    expect(runCli(["--now", FIXTURE_TODAY, "--config", "other.json"], { cwd: dir }).stderr).toBe("");
  });

  it("prints the config it uses with --print-config", () => {
    const dir = scratch(CLI_TREE);
    const r = runCli(["--print-config", ".agent/exec_plans/active/fx-rates/EP-20260512-001_fx-rates.md"], { cwd: dir });
    expect(JSON.parse(r.stdout)).toMatchObject({ configFile: null, extends: ["agentrules"], rules: { "plan-sections": ["error", {}], "section-order": ["warn", { markers: false }] } });
  });
});

describe("the folders linted by default", () => {
  it("lints .agents when it is the only one, .agent and .agents when both exist", () => {
    const dir = scratch(AGENTS_TREE);
    const only = runCli(["--now", FIXTURE_TODAY, "--format", "json"], { cwd: dir });
    const files = (r: typeof only) => (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file.split("/")[0]);
    expect(new Set(files(only))).toEqual(new Set([".agents"]));
    cpSync(path.join(CLI_TREE, ".agent"), path.join(dir, ".agent"), { recursive: true });
    expect(new Set(files(runCli(["--now", FIXTURE_TODAY, "--format", "json"], { cwd: dir })))).toEqual(new Set([".agent", ".agents"]));
  });

  it("reads a .agent that links to .agents (a rename's compatibility junction) once, as .agents", async () => {
    const dir = scratch(AGENTS_TREE);
    symlinkSync(".agents", path.join(dir, ".agent"), "dir");
    const r = runCli(["--now", FIXTURE_TODAY, "--format", "json"], { cwd: dir });
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !f.startsWith(".agents/"))).toEqual([]);
    expect(r.status).toBe(0);
    expect((await inspect(dir))?.detections[0]?.reason).toMatch(/^\.agents\/exec_plans holds /);
  });

  it("says so in one line when neither exists", () => {
    const dir = scratch();
    const r = runCli([], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`milestone-lint: No .agent or .agents folder in ${dir}; run from the repository root, or name the files or folders to lint\n`);
  });

  it("at the repository root, says that no config names plan folders instead of sending the user to the root", () => {
    const dir = scratch();
    mkdirSync(path.join(dir, ".git"));
    const r = runCli([], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `milestone-lint: No .agent or .agents folder in ${dir} (the repository root), and no config names folders of plans (\`plans\`); name the files or folders to lint\n`,
    );
  });
});
