/** Configuration: discovery and precedence, presets, severities and options, schemas, ignores, plugins, errors. */
import { afterAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { configForFile, lint, rulesFor, type LintOptions } from "../src/index.js";
import { resolveConfig } from "../src/config/config.js";
import { builtinRules } from "../rules/index.js";
import { CLI_SECTIONS, SECTION_OPTIONS_SCHEMA } from "../src/source/sections.js";
import type { FileRule, LintResult, ProjectRule } from "../src/shared/types.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { ARCHIVED, EXECPLAN, MILESTONE, badStatus, edit, json, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const PLUGIN = path.join(REPO, "examples/plugins/require-tags.mjs");
const STATUS_MESSAGE =
  '`status` is "in-progress", which is not allowed; expected one of: planned, in_progress, completed, blocked, archived. Did you mean "in_progress"?';

/** `file:line:column severity rule-id` of every diagnostic. */
function brief(result: LintResult): string[] {
  return result.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`));
}

const run = (cwd: string, options: LintOptions = {}) => lint({ cwd, now: FIXTURE_TODAY, ...options });

/** A tree whose milestone has a bad status and whose ExecPlan has a bad status too. */
function broken(files: Record<string, string> = {}): string {
  const dir = tree(files);
  edit(dir, MILESTONE, badStatus);
  edit(dir, EXECPLAN, (t) => t.replace("status: active", "status: bogus"));
  return dir;
}

describe("the search for a config file stops at the repository root", () => {
  // a config file in a folder above the repository is someone else's, and a .mjs one is code that would run
  const above = { "milestone-lint.config.mjs": 'import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("./ran", import.meta.url), "");\nexport default { rules: { "front-matter-schema": "off" } };\n' };

  it("inside a repository, a config above its root is neither found nor run, and --print-config says where the search stopped", async () => {
    const dir = broken(above);
    const repo = path.join(dir, "repo");
    mkdirSync(path.join(repo, ".git"), { recursive: true });
    cpSync(path.join(dir, ".agent"), path.join(repo, ".agent"), { recursive: true });
    expect(brief(await run(repo))).toEqual([`${EXECPLAN}:4:9 error front-matter-schema`, `${MILESTONE}:6:9 error front-matter-schema`]);
    const printed = await configForFile(MILESTONE, { cwd: repo });
    expect(printed).toMatchObject({ configFile: null, configSearchStoppedAt: repo });
    const cli = runCli(["--print-config", MILESTONE], { cwd: repo });
    expect(JSON.parse(cli.stdout)).toMatchObject({ configFile: null, configSearchStoppedAt: repo });
    expect(existsSync(path.join(dir, "ran"))).toBe(false);
  });

  it("a config at the repository root itself is found; outside a repository, the search goes on to the file system's root", async () => {
    const inRepo = broken({ ...above, ".git/HEAD": "ref: refs/heads/main\n" });
    expect(brief(await run(inRepo))).toEqual([]);
    const outside = broken(above);
    expect(brief(await run(outside))).toEqual([]);
    expect(await configForFile(MILESTONE, { cwd: outside })).toMatchObject({ configFile: path.join(outside, "milestone-lint.config.mjs"), configSearchStoppedAt: path.parse(outside).root });
    expect(await configForFile(MILESTONE, { cwd: outside, config: {} })).toMatchObject({ configFile: null, configSearchStoppedAt: null });
  });
});

describe("discovery and precedence", () => {
  it("without a config every rule runs at its default severity", async () => {
    const r = await run(broken());
    expect(brief(r)).toEqual([`${EXECPLAN}:4:9 error front-matter-schema`, `${MILESTONE}:6:9 error front-matter-schema`]);
    expect(r.files[1]?.diagnostics[0]?.message).toBe(STATUS_MESSAGE);
  });

  it.each([
    ["milestone-lint.config.json", json({ rules: { "front-matter-schema": "warn" } })],
    [".milestonelintrc.json", json({ rules: { "front-matter-schema": "warn" } })],
    ["package.json", json({ name: "x", "milestone-lint": { rules: { "front-matter-schema": "warn" } } })],
    ["milestone-lint.config.mjs", 'export default { rules: { "front-matter-schema": "warn" } };\n'],
    ["milestone-lint.config.js", 'export default { rules: { "front-matter-schema": "warn" } };\n'],
  ])("reads %s", async (name, text) => {
    const dir = broken({ [name]: text, ...(name.endsWith(".js") ? { "package.json": json({ type: "module" }) } : {}) });
    expect(brief(await run(dir))).toEqual([`${EXECPLAN}:4:9 warn front-matter-schema`, `${MILESTONE}:6:9 warn front-matter-schema`]);
  });

  it("in one folder, milestone-lint.config.json wins over .milestonelintrc.json and package.json", async () => {
    const dir = broken({
      "milestone-lint.config.json": json({ rules: { "front-matter-schema": "warn" } }),
      ".milestonelintrc.json": json({ rules: { "front-matter-schema": "off" } }),
      "package.json": json({ "milestone-lint": { rules: { "front-matter-schema": "off" } } }),
    });
    expect(brief(await run(dir))).toHaveLength(2);
    expect((await configForFile(MILESTONE, { cwd: dir })).configFile).toBe(path.join(dir, "milestone-lint.config.json"));
  });

  it("skips a package.json without the milestone-lint key and keeps walking up", async () => {
    const dir = broken({
      "milestone-lint.config.json": json({ rules: { "front-matter-schema": "warn" } }),
      ".agent/package.json": json({ name: "not-a-config" }),
    });
    expect(brief(await run(dir))).toEqual([`${EXECPLAN}:4:9 warn front-matter-schema`, `${MILESTONE}:6:9 warn front-matter-schema`]);
  });

  it("the nearest config wins, for file rules and per file", async () => {
    const dir = broken({
      "milestone-lint.config.json": json({ rules: { "front-matter-schema": "off" } }),
      ".agent/exec_plans/search-index/milestones/.milestonelintrc.json": json({ rules: { "front-matter-schema": "warn" } }),
    });
    expect(brief(await run(dir))).toEqual([`${MILESTONE}:6:9 warn front-matter-schema`]);
  });

  it("whole-tree rules run under each file's own config", async () => {
    const seen: ProjectRule = {
      meta: { id: "seen", description: "test double", severity: "error", appliesTo: ["milestone"], docsUrl: "x", scope: "project" },
      check(context) {
        for (const entry of context.index.entries) context.report({ entry, message: "seen", key: "id" });
      },
    };
    const dir = tree({
      "milestone-lint.config.json": json({ rules: { seen: "warn" } }),
      ".agent/exec_plans/search-index/milestones/archive/.milestonelintrc.json": json({ rules: { seen: "off" } }),
    });
    expect(brief(await run(dir, { rules: [seen] }))).toEqual([`${MILESTONE}:2:5 warn seen`]);
  });

  it("--config overrides discovery for every file", async () => {
    const dir = broken({
      "milestone-lint.config.json": json({ rules: { "front-matter-schema": "off" } }),
      "other/strict.json": json({ rules: { "front-matter-schema": "warn" } }),
    });
    expect(brief(await run(dir, { config: "other/strict.json" }))).toHaveLength(2);
    const cli = runCli(["--config", "other/strict.json", "--now", FIXTURE_TODAY], { cwd: dir });
    expect(cli.stdout).toContain("⚠ 2 problems (0 errors, 2 warnings) in 2 files");
    expect(cli.status).toBe(0);
  });

  it("takes an inline config from the API", async () => {
    const dir = broken();
    expect(brief(await run(dir, { config: { rules: { "front-matter-schema": "warn" } } }))).toHaveLength(2);
  });
});

describe("severities and options", () => {
  it("\"off\" silences a rule and [severity, options] passes options", async () => {
    const dir = broken({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": ["off"] } }) });
    expect(brief(await run(dir))).toEqual([]);
  });

  it("options replace the defaults: an inline schema for milestones", async () => {
    const schema = { type: "object", required: ["id", "team"], properties: { id: { type: "string" }, team: { type: "string" } } };
    const dir = tree({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": ["warn", { schemas: { milestone: schema } }] } }) });
    const r = await run(dir);
    expect(brief(r)).toEqual([`${MILESTONE}:17:1 warn front-matter-schema`, `${ARCHIVED}:16:1 warn front-matter-schema`]);
    expect(r.files.find((f) => f.file === MILESTONE)?.diagnostics[0]?.message).toBe("Required key `team` is missing; add `team:`.");
  });
});

describe("front matter schemas", () => {
  it("`schema` extends the bundled schema: added properties and a new required list", async () => {
    const team = { description: "the owning team, e.g. `search`", type: "string", enum: ["search", "billing"] };
    const dir = tree({
      "milestone-lint.config.json": json({ schema: { milestone: { required: ["id", "team"], properties: { team } } } }),
    });
    edit(dir, MILESTONE, (t) => t.replace("tags: [api]", "team: payments"));
    const r = await run(dir);
    expect(r.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.message}`))).toEqual([
      `${MILESTONE}:11:7 \`team\` is "payments", which is not allowed; expected one of: search, billing.`,
      `${ARCHIVED}:16:1 Required key \`team\` is missing; add \`team:\` (the owning team, e.g. \`search\`).`,
    ]);
  });

  it("`schema` with mode replace uses the given schema alone, read from a file", async () => {
    const dir = broken({
      "schemas/loose.json": json({ type: "object", required: ["id"], properties: { id: { type: "string" } } }),
      // front-matter-unknown-key would flag every key the loose schema leaves out
      "milestone-lint.config.json": json({ schema: { mode: "replace", milestone: "./schemas/loose.json" }, rules: { "front-matter-unknown-key": "off" } }),
    });
    expect(brief(await run(dir))).toEqual([`${EXECPLAN}:4:9 error front-matter-schema`]);
  });
});

describe("presets", () => {
  it("recommended is every rule at its default", async () => {
    const dir = broken({ "milestone-lint.config.json": json({ extends: "recommended" }) });
    expect(brief(await run(dir))).toEqual(brief(await run(broken())));
  });

  it("agentrules takes the milestone statuses of the template the CLI scaffolds and the upstream ExecPlan domains", async () => {
    const dir = tree({ "milestone-lint.config.json": json({ extends: ["agentrules"] }) });
    edit(dir, ARCHIVED, (t) => t.replace(/^status: .*$/m, "status: archived"));
    edit(dir, EXECPLAN, (t) => t.replace(/^domain: .*$/m, "domain: fullstack"));
    const schema = (r: LintResult) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === "front-matter-schema").map((d) => `${f.file}:${d.line}:${d.column} ${d.message}`));
    expect(schema(await run(dir))).toEqual([]);
  });

  it("agentrules accepts a milestone with its section headings but no markers", async () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) => t.replace(/^<!-- SECTION: .* -->\n/gm, ""));
    const without = await run(dir);
    expect(without.errorCount).toBeGreaterThan(0);
    expect(new Set(without.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)))).toEqual(new Set(["section-marker-required"]));
    write(dir, "milestone-lint.config.json", json({ extends: "agentrules" }));
    // the plan of this tree is not one the CLI wrote: plan-sections has its say about it, and only about it
    expect(brief(await run(dir)).filter((d) => !d.startsWith(`${EXECPLAN}:`))).toEqual([]);
  });

  it("agentrules turns the section rules to the CLI's sections without markers, and skips the ones not loaded", () => {
    const sectionOrder: FileRule = {
      meta: {
        id: "section-order", description: "test double", severity: "error", appliesTo: ["milestone"], docsUrl: "x",
        optionsSchema: SECTION_OPTIONS_SCHEMA,
        defaultOptions: { markers: true },
      },
      check() {},
    };
    const source = { name: "c.json", dir: "/" };
    const others = builtinRules.filter((r) => !r.meta.id.startsWith("section-"));
    const resolved = resolveConfig({ extends: "agentrules" }, source, [...others, sectionOrder]);
    expect(resolved.rules["section-order"]).toEqual({ severity: "warn", options: { markers: false, sections: CLI_SECTIONS } });
    expect(resolved.rules["section-heading"]).toBeUndefined();
    // the config's own setting comes after the preset; a severity alone keeps the preset's options
    const own = resolveConfig({ extends: "agentrules", rules: { "section-order": "error" } }, source, [...others, sectionOrder]);
    expect(own.rules["section-order"]).toEqual({ severity: "error", options: { markers: false, sections: CLI_SECTIONS } });
  });
});

describe("ignores", () => {
  it("leaves out files matching the config's ignores, relative to the config file", async () => {
    const dir = broken({ "milestone-lint.config.json": json({ ignores: ["**/milestones/active/"] }) });
    expect(brief(await run(dir))).toEqual([`${EXECPLAN}:4:9 error front-matter-schema`]);
  });

  it("respects .gitignore files, unless gitignore is false", async () => {
    const dir = broken({ ".agent/exec_plans/.gitignore": "search-index/milestones/active/*.md\n" });
    const r = await run(dir);
    expect(r.files.map((f) => f.file)).toEqual([EXECPLAN, ARCHIVED].sort());
    write(dir, "milestone-lint.config.json", json({ gitignore: false }));
    expect(brief(await run(dir))).toHaveLength(2);
  });

  it("applies to a folder whose name starts with two dots (`..drafts/` is inside the tree, not above it)", async () => {
    const dir = tree({ ".agent/exec_plans/.gitignore": "..drafts/\n" });
    cpSync(path.join(dir, ".agent/exec_plans/search-index"), path.join(dir, ".agent/exec_plans/..drafts"), { recursive: true });
    const r = await run(dir);
    expect(r.files.map((f) => f.file)).toEqual([EXECPLAN, MILESTONE, ARCHIVED].sort());
    expect(r.errorCount).toBe(0);
    expect((await configForFile(".agent/exec_plans/..drafts/EP-20260210-003_search-index.md", { cwd: dir })).ignored).toBe(true);
  });

  it("a deeper .gitignore can re-include what a shallower one ignores", async () => {
    const dir = broken({
      ".gitignore": "*.md\n",
      ".agent/exec_plans/search-index/milestones/.gitignore": "!*.md\n",
    });
    expect((await run(dir)).files.map((f) => f.file)).toEqual([MILESTONE, ARCHIVED]);
  });

  it("--print-config says whether a file is ignored", async () => {
    const dir = tree({ "milestone-lint.config.json": json({ ignores: ["**/archive/"], layout: "template" }) });
    expect((await configForFile(ARCHIVED, { cwd: dir })).ignored).toBe(true);
    expect((await configForFile(ARCHIVED, { cwd: dir })).layout).toBe("template");
    expect((await configForFile(MILESTONE, { cwd: dir })).ignored).toBe(false);
  });
});

describe("plugins", () => {
  const withPlugin = (rules: object = {}) => {
    const dir = tree({ "milestone-lint.config.json": json({ plugins: [PLUGIN], rules }) });
    edit(dir, MILESTONE, (t) => t.replace("tags: [api]", "tags: []"));
    return dir;
  };

  it("runs a plugin's rule like a built-in one, with its options", async () => {
    const r = await run(withPlugin());
    expect(r.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`))).toEqual([
      `${MILESTONE}:11:7 error require-tags Milestone has 0 tags; add at least 1 to \`tags\` (e.g. \`tags: [api]\`).`,
    ]);
    // the archived milestone has two tags
    const three = await run(withPlugin({ "require-tags": ["warn", { min: 3 }] }));
    expect(brief(three)).toEqual([`${MILESTONE}:11:7 warn require-tags`, `${ARCHIVED}:11:7 warn require-tags`]);
  });

  it("--list-rules and --print-config include plugin rules", async () => {
    const dir = withPlugin({ "require-tags": "warn" });
    expect((await rulesFor({ cwd: dir })).map((r) => r.meta.id)).toEqual([...builtinRules.map((r) => r.meta.id), "require-tags"]);
    const cli = runCli(["--list-rules"], { cwd: dir });
    expect(cli.stdout).toMatch(/^require-tags +error +Milestones have at least `min` tags \(default 1\)  https:\/\/example\.test\/milestone-lint-plugin#require-tags$/m);
    const printed = JSON.parse(runCli(["--print-config", MILESTONE], { cwd: dir }).stdout);
    expect(printed.rules["require-tags"]).toEqual(["warn", { min: 1 }]);
    expect(printed.configFile).toBe(path.join(dir, "milestone-lint.config.json"));
  });
});

describe("--print-config", () => {
  it("prints every rule's resolved severity and options", async () => {
    const dir = tree({ "milestone-lint.config.json": json({ extends: "recommended", rules: { "front-matter-closed": "warn" } }) });
    const r = runCli(["--print-config", MILESTONE], { cwd: dir });
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ extends: ["recommended"], plugins: [], ignores: [], layout: "auto", gitignore: true, ignored: false });
    expect(Object.keys(printed.rules)).toEqual(builtinRules.map((r) => r.meta.id));
    expect(printed.rules).toMatchObject({
      "front-matter-required": "error",
      "front-matter-closed": "warn",
      "front-matter-schema": "error",
      "front-matter-unknown-key": "warn",
    });
  });
});

describe("a broken config is exit 2 with the file and the reason on one line", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["bad JSON", { "milestone-lint.config.json": '{\n  "rules": {\n    "front-matter-schema": "warn",\n  }\n}\n' },
      'milestone-lint.config.json: invalid JSON at line 4, column 3: expected a "quoted" key but found `}` (JSON allows no trailing comma before `}`)'],
    ["an unknown rule", { "milestone-lint.config.json": json({ rules: { "front-matter-shema": "off" } }) },
      'milestone-lint.config.json: unknown rule "front-matter-shema". Did you mean "front-matter-schema"?'],
    ["a bad severity", { ".milestonelintrc.json": json({ rules: { "front-matter-schema": "warning" } }) },
      '.milestonelintrc.json: rule "front-matter-schema" must be "off", "warn", "error" (or 0, 1, 2) or ["error", { …options }], not "warning"'],
    ["an unknown option", { "milestone-lint.config.json": json({ rules: { "front-matter-schema": ["error", { schema: {} }] } }) },
      'milestone-lint.config.json: rule "front-matter-schema" has no option "schema"; its options are: schemas. Did you mean "schemas"?'],
    ["an option of the wrong type", { "milestone-lint.config.json": json({ rules: { "front-matter-schema": ["error", { schemas: [] }] } }) },
      'milestone-lint.config.json: rule "front-matter-schema": option `schemas` must be object'],
    ["options for a rule that takes none", { "milestone-lint.config.json": json({ rules: { "front-matter-closed": ["error", { x: 1 }] } }) },
      'milestone-lint.config.json: rule "front-matter-closed" takes no options'],
    ["an unknown preset", { "milestone-lint.config.json": json({ extends: "recomended" }) },
      'milestone-lint.config.json: unknown preset "recomended" in `extends`; expected one of: recommended, agentrules, execplan. Did you mean "recommended"?'],
    ["an unknown setting", { "milestone-lint.config.json": json({ ignore: ["x"] }) },
      'milestone-lint.config.json: unknown setting "ignore"; expected one of: $schema, extends, rules, schema, ignores, layout, gitignore, plugins, plans. Did you mean "ignores"?'],
    ["a setting of the wrong type", { "package.json": json({ "milestone-lint": { gitignore: "no" } }) },
      "package.json: `gitignore` must be boolean"],
    ["a setting outside its values", { "milestone-lint.config.json": json({ layout: "upstreem" }) },
      'milestone-lint.config.json: `layout` must be one of: "auto", "template", "upstream". Did you mean "upstream"?'],
    ["a missing schema file", { "milestone-lint.config.json": json({ schema: { milestone: "./nope.json" } }) },
      'milestone-lint.config.json: schema file "./nope.json" cannot be read (it does not exist)'],
    ["an invalid schema", { "milestone-lint.config.json": json({ schema: { mode: "replace", milestone: { type: "objekt" } } }) },
      "milestone-lint.config.json: the milestone schema is not a valid JSON Schema (type must be JSONType or JSONType[]: objekt)"],
    ["an invalid schema in a rule's options", { "milestone-lint.config.json": json({ rules: { "front-matter-schema": ["error", { schemas: { execplan: { required: ["x"] } } }] } }) },
      'milestone-lint.config.json: rule "front-matter-schema": the execplan schema is not a valid JSON Schema (strict mode: missing type "object" for keyword "required" at "#" (strictTypes))'],
    ["a plugin that does not exist", { "milestone-lint.config.json": json({ plugins: ["./nope.mjs"] }) },
      'milestone-lint.config.json: plugin "./nope.mjs" could not be loaded (Cannot find module'],
    ["a plugin that throws", { "milestone-lint.config.json": json({ plugins: ["./p.mjs"] }), "p.mjs": 'throw new Error("boom");\n' },
      'milestone-lint.config.json: plugin "./p.mjs" could not be loaded (boom)'],
    ["a plugin without rules", { "milestone-lint.config.json": json({ plugins: ["./p.mjs"] }), "p.mjs": "export const x = 1;\n" },
      'milestone-lint.config.json: plugin "./p.mjs" does not export `rules`, an array of rules'],
    ["a plugin rule without check", { "milestone-lint.config.json": json({ plugins: ["./p.mjs"] }), "p.mjs": 'export const rules = [{ meta: { id: "x" } }];\n' },
      'milestone-lint.config.json: plugin "./p.mjs" rule 1 has no `check` function'],
    ["a plugin rule that shadows a built-in one", {
      "milestone-lint.config.json": json({ plugins: ["./p.mjs"] }),
      "p.mjs": 'export const rules = [{ meta: { id: "front-matter-closed", description: "", severity: "error", appliesTo: ["milestone"], docsUrl: "" }, check() {} }];\n',
    }, 'milestone-lint.config.json: plugin "./p.mjs" defines rule "front-matter-closed", which already exists'],
    ["a plugin named like a package", { "milestone-lint.config.json": json({ plugins: ["p.mjs"] }) },
      'milestone-lint.config.json: plugin "p.mjs" is not a path; write it relative to the config file, e.g. "./p.mjs"'],
    ["a JS config that throws", { "milestone-lint.config.mjs": 'throw new Error("no");\n' },
      "milestone-lint.config.mjs: cannot be loaded (no)"],
    ["a JS config without a default export", { "milestone-lint.config.mjs": "export const rules = {};\n" },
      "milestone-lint.config.mjs: has no default export; export the configuration object as default"],
  ];

  it.each(cases)("%s", (_label, files, reason) => {
    const r = runCli(["--now", FIXTURE_TODAY], { cwd: tree(files) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(`milestone-lint: ${reason}`), r.stderr).toBe(true);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--config naming a file that does not exist", () => {
    const r = runCli(["--config", "nope.json"], { cwd: tree() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: nope.json: cannot be read (it does not exist)\n");
  });
});
