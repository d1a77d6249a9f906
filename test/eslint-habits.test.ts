/**
 * The habits of ESLint and markdownlint-cli2 users (issue 13), through the built
 * CLI: options as they spell them, one-line answers to mistakes, `--rule`,
 * `--no-config-lookup`, `--debug`, `--env-info`, JSONC configs, 0/1/2 severities,
 * plugin option schemas checked at load, `FORCE_COLOR`.
 */
import { afterAll, describe, expect, it } from "vitest";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { MILESTONE, badStatus, edit, json, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const NOW = ["--now", FIXTURE_TODAY];
const PLAIN = { NO_COLOR: "1" };
/** The milestone's bad status, as stylish prints it (front-matter-schema). */
const STATUS_LINE = `${MILESTONE}:6:9  error  \`status\` is "in-progress", which is not allowed`;

function badTree(files: Record<string, string> = {}): string {
  const dir = tree(files);
  edit(dir, MILESTONE, badStatus);
  return dir;
}

describe("options as ESLint users write them", () => {
  it("an unknown option is one line with the option most likely meant", () => {
    const r = runCli(["--repot-unused-disables"], { cwd: tree() });
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toBe('milestone-lint: Unknown option "--repot-unused-disables". Did you mean "--report-unused-disables"? Run milestone-lint --help for the options.\n');
    const none = runCli(["--frobnicate"], { cwd: tree() });
    expect(none.stderr).toBe('milestone-lint: Unknown option "--frobnicate". Run milestone-lint --help for the options.\n');
  });

  it("--report-unused-disable-directives is --report-unused-disables", () => {
    const dir = tree();
    edit(dir, MILESTONE, (t) => t.replace("## Objective", "<!-- milestone-lint-disable-next-line section-order -->\n## Objective"));
    const expected = runCli([...NOW, "--report-unused-disables"], { cwd: dir, env: PLAIN });
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain("unused-disable-directive");
    expect(runCli([...NOW, "--report-unused-disable-directives"], { cwd: dir, env: PLAIN })).toEqual(expected);
  });

  it("option values: -1 is ESLint's no limit for --max-warnings; mistakes are one line", () => {
    const dir = tree({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": "warn" } }) });
    edit(dir, MILESTONE, badStatus);
    expect(runCli([...NOW, "--max-warnings", "-1"], { cwd: dir }).status).toBe(0);
    expect(runCli([...NOW, "--max-warnings=-1"], { cwd: dir }).status).toBe(0);
    const negative = runCli([...NOW, "--max-warnings", "-2"], { cwd: dir });
    expect(negative).toMatchObject({ status: 2, stderr: 'milestone-lint: --max-warnings must be a whole number (or -1 for no limit), got "-2"\n' });
    expect(runCli(["--format"], { cwd: dir }).stderr).toBe("milestone-lint: --format needs a value\n");
    expect(runCli(["--fix=yes"], { cwd: dir }).stderr).toBe("milestone-lint: --fix takes no value\n");
    expect(runCli(["-f", "jsn"], { cwd: dir }).stderr).toBe('milestone-lint: Unknown format "jsn"; expected one of: stylish, json, sarif, github, junit, html, markdown. Did you mean "json"?\n');
  });
});

describe("--rule and --no-config-lookup", () => {
  it("--rule 'id: severity' wins over the config, in words or ESLint's numbers", () => {
    const dir = badTree();
    expect(runCli([...NOW, "--rule", "front-matter-schema: off"], { cwd: dir, env: PLAIN })).toMatchObject({ status: 0, stdout: "No problems found in 3 files.\n" });
    const warn = runCli([...NOW, "--rule", "front-matter-schema: 1"], { cwd: dir, env: PLAIN });
    expect(warn.status).toBe(0);
    expect(warn.stdout).toContain(`${MILESTONE}:6:9  warning  `);
    const json = runCli([...NOW, "--rule", '{"front-matter-schema": 0}'], { cwd: dir, env: PLAIN });
    expect(json.status).toBe(0);
  });

  it("--rule with options, and its mistakes", () => {
    const dir = badTree({ "milestone-lint.config.json": json({ plugins: [path.join(REPO, "examples/plugins/require-tags.mjs")] }) });
    const r = runCli([...NOW, "--rule", 'require-tags: ["error", {"min": 2}]', "--rule", "front-matter-schema: off"], { cwd: dir, env: PLAIN });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${MILESTONE}:11:7  error  Milestone has 1 tag; add at least 2 to \`tags\``);
    expect(runCli(["--rule", "front-matter-shema: off"], { cwd: dir }).stderr).toBe('milestone-lint: --rule: unknown rule "front-matter-shema". Did you mean "front-matter-schema"?\n');
    expect(runCli(["--rule", "section-order"], { cwd: dir }).stderr).toBe(
      `milestone-lint: --rule "section-order": expected "rule-id: severity" (off, warn, error, or 0, 1, 2) or "rule-id: [severity, {…options}]", e.g. --rule 'section-order: off'\n`,
    );
    expect(runCli(["--rule", "section-order: loud"], { cwd: dir }).status).toBe(2);
  });

  it("--no-config-lookup uses no config file", () => {
    const dir = badTree({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": "off" } }) });
    expect(runCli(NOW, { cwd: dir }).status).toBe(0);
    const r = runCli([...NOW, "--no-config-lookup"], { cwd: dir, env: PLAIN });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(STATUS_LINE);
    expect(runCli(["--no-config-lookup", "-c", "x.json"], { cwd: dir }).stderr).toBe("milestone-lint: --config and --no-config-lookup cannot be used together\n");
  });
});

describe("--debug", () => {
  it("shows the config of each file, timings per phase and per rule, and the stack of a crashing rule", () => {
    const dir = badTree({
      "boom.mjs": `export const rules = [{ meta: { id: "boom", description: "t", severity: "error", appliesTo: ["milestone"], docsUrl: "https://example.test" },
  check() { throw new Error("boom"); } }];\n`,
      "milestone-lint.config.json": json({ plugins: ["./boom.mjs"] }),
    });
    const quiet = runCli(NOW, { cwd: dir, env: PLAIN });
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toContain(`Plugin rule "boom" (from "./boom.mjs") crashed on this file (boom). The other rules still ran; report this to the plugin's author.`);
    const r = runCli([...NOW, "--debug"], { cwd: dir, env: PLAIN });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(quiet.stdout);
    const lines = r.stderr.split("\n");
    expect(lines).toContain(`milestone-lint:debug config: ${MILESTONE}: milestone-lint.config.json`);
    for (const phase of ["find files", "classify and configure", "file rules", "whole-tree index", "whole-tree rules", "disable comments", "report"]) {
      expect(lines.some((l) => new RegExp(`^milestone-lint:debug phase: ${phase}: \\d+\\.\\d ms$`).test(l)), phase).toBe(true);
    }
    for (const rule of ["front-matter-schema", "boom", "milestone-sequence-gaps"]) {
      expect(lines.some((l) => new RegExp(`^milestone-lint:debug rule: ${rule}: \\d+\\.\\d ms$`).test(l)), rule).toBe(true);
    }
    const crash = lines.indexOf(`milestone-lint:debug crash: rule "boom" on ${MILESTONE}:`);
    expect(crash).toBeGreaterThan(0);
    expect(lines[crash + 1]).toBe("Error: boom");
    expect(lines[crash + 2]).toMatch(/^ {4}at Object\.check \(file:\/\/.*\/boom\.mjs:2:\d+\)$/);
  });
});

describe("--env-info", () => {
  it("prints the versions and platform for a bug report", () => {
    const r = runCli(["--env-info"], { cwd: tree({ "milestone-lint.config.json": "{}" }) });
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["Environment Info:", "", "milestone-lint version: v0.1.0"]);
    expect(lines).toContain(`Node version: ${process.version}`);
    expect(lines).toContain(`milestone-lint path: ${path.join(REPO, "dist/cli.cjs")}`);
    expect(lines.some((l) => /^npm version: v\d+\.\d+\.\d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Operating System: \w+ \S+ \w+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Config file for this folder: .*milestone-lint\.config\.json$/.test(l))).toBe(true);
  });
});

describe("config files as markdownlint-cli2 and ESLint users write them", () => {
  const commented = `// the team's settings
{
  /* warnings only while we migrate */
  "rules": { "front-matter-schema": "warn" } // for now
}
`;

  it("JSON with comments: milestone-lint.config.jsonc, .milestonelintrc.jsonc, and comments in .json", () => {
    for (const name of ["milestone-lint.config.jsonc", ".milestonelintrc.jsonc", "milestone-lint.config.json", ".milestonelintrc.json"]) {
      const r = runCli(NOW, { cwd: badTree({ [name]: commented }), env: PLAIN });
      expect(r.stderr, name).toBe("");
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toContain(`${MILESTONE}:6:9  warning  `);
    }
  });

  it("a JSON error after comments is reported where it is in the file", () => {
    const r = runCli(NOW, { cwd: badTree({ "milestone-lint.config.jsonc": '// settings\n{\n  /* a */ "rules": {,}\n}\n' }) });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: milestone-lint.config.jsonc: invalid JSON at line 3, column 21: expected a \"quoted\" key but found `,`\n");
  });

  it("ESLint's 0, 1, 2 severities", () => {
    const dir = badTree({ "milestone-lint.config.json": json({ rules: { "front-matter-schema": 1, "section-order": [0], "id-valid": [2, {}] } }) });
    const r = runCli(NOW, { cwd: dir, env: PLAIN });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${MILESTONE}:6:9  warning  `);
    expect(runCli(["--print-config", MILESTONE], { cwd: dir }).stdout).toContain('"front-matter-schema": "warn"');
  });

  it("an empty config file gets a clear message", () => {
    for (const [text, what] of [["", "empty"], ["  \n", "empty"], ["// nothing yet\n", "empty (comments only)"]]) {
      const r = runCli(NOW, { cwd: tree({ "milestone-lint.config.json": text as string }) });
      expect(r).toMatchObject({ status: 2, stdout: "" });
      expect(r.stderr).toBe(
        `milestone-lint: milestone-lint.config.json: the file is ${what}; write a configuration object, e.g. { "extends": ["recommended"] }, or delete the file\n`,
      );
    }
  });

  it("a plugin's optionsSchema is checked when the plugin loads, whether or not options are set", () => {
    const plugin = (meta: string) =>
      `export const rules = [{ meta: { id: "odd", description: "t", severity: "error", appliesTo: ["milestone"], docsUrl: "https://example.test", ${meta} }, check() {} }];\n`;
    const cases: [string, string][] = [
      ['optionsSchema: { type: "object", properties: { min: { type: "integr" } } }', 'rule 1 "odd" has an invalid `meta.optionsSchema` (schema is invalid: data/properties/min/type must be equal to one of the allowed values, data/properties/min/type must be array, data/properties/min/type must match a schema in anyOf)'],
      ['optionsSchema: { type: "object", properties: { min: { type: "integer" } } }, defaultOptions: { min: "one" }', 'rule 1 "odd" has `meta.defaultOptions` that its optionsSchema rejects (/min must be integer)'],
      ["optionsSchema: 3", 'rule 1 "odd" has `meta.optionsSchema` 3; expected a JSON Schema object'],
    ];
    for (const [meta, reason] of cases) {
      const dir = tree({ "odd.mjs": plugin(meta), "milestone-lint.config.json": json({ plugins: ["./odd.mjs"] }) });
      const r = runCli(NOW, { cwd: dir });
      expect(r).toMatchObject({ status: 2, stdout: "" });
      expect(r.stderr).toBe(`milestone-lint: milestone-lint.config.json: plugin "./odd.mjs" ${reason}\n`);
    }
  });
});

describe("FORCE_COLOR", () => {
  it("is honoured as --color, and FORCE_COLOR=0 as --no-color; the flags win", () => {
    const dir = badTree();
    const escape = "\u001b[";
    expect(runCli(NOW, { cwd: dir }).stdout).not.toContain(escape);
    expect(runCli(NOW, { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).toContain(escape);
    expect(runCli(NOW, { cwd: dir, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).toContain(escape);
    expect(runCli(NOW, { cwd: dir, env: { FORCE_COLOR: "0" } }).stdout).not.toContain(escape);
    expect(runCli([...NOW, "--color"], { cwd: dir, env: { FORCE_COLOR: "0" } }).stdout).toContain(escape);
    expect(runCli([...NOW, "--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } }).stdout).not.toContain(escape);
  });
});
