/**
 * The CI formats end to end through the built CLI: `--format sarif` (validated
 * against the official SARIF 2.1.0 schema), `--format github` (workflow command
 * escaping), `--format junit` (parsed back with a strict XML 1.0 parser) and
 * `--output-file`.
 *
 * Each case runs on a copy of a fixture tree in a temporary folder with its own
 * `.git`, so that "the repository root" is known whatever the checkout looks like.
 * The trees with special values and fixes are `fixtures/valid` with one change
 * each, made here so that they stay in step with it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { SaxesParser } from "saxes";
import type { Log, Result } from "sarif";
import { builtinRules } from "../src/index.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { summarize } from "../src/run/engine.js";
import { UNREADABLE_FILE } from "../src/shared/errors.js";
import { github } from "../src/report/github.js";
import { junit } from "../src/report/junit.js";
import { sarif } from "../src/report/sarif.js";
import type { FormatterContext } from "../src/report/types.js";
import type { Diagnostic, RuleMeta } from "../src/shared/types.js";
import { VERSION } from "../src/shared/version.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";

const SCHEMA_CASE = path.join(FIXTURES, "rules/front-matter-schema/enum-type-missing");
const VALID = path.join(FIXTURES, "valid");

const PLAN = ".agent/exec_plans/search-index";
const MS002 = `${PLAN}/milestones/active/EP-20260210-003_MS002_ranked-search-api.md`;
const MS001 = `${PLAN}/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md`;

// CommonJS packages: under NodeNext their class and plugin are the `default` of module.exports
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a fixture tree as the root of a (pretend) git work tree. */
function repoCopy(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-formats-"));
  temps.push(dir);
  cpSync(path.join(fixture, ".agent"), path.join(dir, ".agent"), { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

/** Rewrites one file of a copied tree; fails loudly when the text to change is not there. */
function edit(root: string, file: string, change: (text: string) => string): void {
  const abs = path.join(root, file);
  const before = readFileSync(abs, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  writeFileSync(abs, after);
}

function replaceLine(text: string, from: string, to: string): string {
  if (!text.includes(`\n${from}\n`)) throw new Error(`no line ${from}`);
  return text.replace(`\n${from}\n`, `\n${to}\n`);
}

/**
 * `fixtures/valid` with values that put `%`, `,` `:` and XML markup into
 * front-matter-schema's messages (which quote the value found, with line breaks and
 * control characters escaped), and a plugin whose message holds a raw CR LF and a
 * control character, as a plugin's may.
 */
function specialValuesTree(): string {
  const root = repoCopy(VALID);
  writeFileSync(
    path.join(root, "raw-message.mjs"),
    `export const rules = [{ meta: { id: "raw-message", description: "t", severity: "error", appliesTo: ["milestone"], docsUrl: "https://example.test" },
  check(context) { if (context.file.displayPath.endsWith("MS002_ranked-search-api.md")) context.report({ message: "A plugin message with \\"high\\r\\nlow\\" and \\u0001 in it.", at: 0 }); } }];\n`,
  );
  writeFileSync(path.join(root, "milestone-lint.config.json"), JSON.stringify({ plugins: ["./raw-message.mjs"] }));
  edit(root, MS002, (t) => {
    t = replaceLine(t, "status: in_progress", 'status: "done\\x01"');
    t = replaceLine(t, "domain: backend", 'domain: "back%0Aend, ops: 100%"');
    t = replaceLine(t, 'owner: "@ines"', 'owner: "<ines> & co"');
    return replaceLine(t, "risk: low", 'risk: "high\\r\\nlow"');
  });
  return root;
}

/** `fixtures/valid` with a BOM before MS002's front matter and two blank lines before MS001's. */
function fixesTree(): string {
  const root = repoCopy(VALID);
  edit(root, MS002, (t) => `\uFEFF${t}`);
  edit(root, MS001, (t) => `\n\n${t}`);
  return root;
}

const lint = (cwd: string, ...args: string[]) => runCli(["--now", FIXTURE_TODAY, ...args], { cwd, env: { NO_COLOR: "1" } });

/** The messages `--format json` gives, by file, to compare the other formats with. */
function jsonMessages(cwd: string, ...args: string[]): Map<string, string[]> {
  const out = JSON.parse(lint(cwd, "--format", "json", ...args).stdout) as { files: { file: string; diagnostics: { message: string }[] }[] };
  return new Map(out.files.map((f) => [f.file, f.diagnostics.map((d) => d.message)]));
}

const ajv = new Ajv04({ allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(path.join(REPO, "test/vendor/sarif-2.1.0/sarif-schema-2.1.0.json"), "utf8")));

/** Parses SARIF output and checks it against the official schema. */
function sarifOf(text: string): Log {
  const log = JSON.parse(text) as Log;
  expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
  return log;
}

describe("--format sarif", () => {

  it("is valid SARIF 2.1.0 with rule metadata, levels, messages and repository-relative regions", () => {
    const root = repoCopy(SCHEMA_CASE);
    const r = lint(root, "--format", "sarif");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const log = sarifOf(r.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    expect(driver.name).toBe("milestone-lint");
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(pathToFileURL(root + path.sep).href);

    // every built-in rule is described as GitHub code scanning requires
    for (const rule of builtinRules) {
      const d = driver.rules?.find((x) => x.id === rule.meta.id);
      expect(d, rule.meta.id).toBeDefined();
      expect(d?.shortDescription?.text).toBe(rule.meta.description);
      expect(d?.fullDescription?.text).toBeTruthy();
      expect(d?.help?.text).toContain(docsUrl(rule.meta.id));
      expect(d?.helpUri).toBe(docsUrl(rule.meta.id));
      expect(d?.defaultConfiguration?.level).toBe({ error: "error", warn: "warning", off: "none" }[rule.meta.severity]);
      expect(d?.defaultConfiguration?.enabled).toBe(rule.meta.severity === "off" ? false : undefined);
    }

    for (const result of run.results ?? []) expect(driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    // the case is front-matter-schema's; other rules may have things to say about it too
    const results = (run.results ?? []).filter((x) => x.ruleId === "front-matter-schema");
    expect(results).toHaveLength(4);
    expect(results[0]).toEqual({
      ruleId: "front-matter-schema",
      ruleIndex: results[0]?.ruleIndex,
      level: "error",
      message: { text: "`ms` must be a YAML integer (no quotes), but it is the string \"2\". Write `ms: 2`." },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: MS002, uriBaseId: "%SRCROOT%" },
            region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 8 },
          },
        },
      ],
      fixes: [
        {
          artifactChanges: [
            {
              artifactLocation: { uri: MS002, uriBaseId: "%SRCROOT%" },
              replacements: [
                { deletedRegion: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 8 }, insertedContent: { text: "2" } },
              ],
            },
          ],
        },
      ],
    } satisfies Result);
    expect(results.map((x) => x.locations?.[0]?.physicalLocation?.region?.startLine)).toEqual([4, 6, 7, 12]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it("addresses files from the repository root when run in a subfolder", () => {
    const root = repoCopy(SCHEMA_CASE);
    const log = sarifOf(lint(path.join(root, ".agent"), "--format", "sarif", "exec_plans").stdout);
    const uris = (log.runs[0]?.results ?? []).map((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
    expect(uris).toEqual([MS002, MS002, MS002, MS002]);
  });

  it("percent-encodes paths in URIs", () => {
    const root = repoCopy(SCHEMA_CASE);
    renameSync(path.join(root, PLAN), path.join(root, ".agent/exec_plans/search index#1"));
    const log = sarifOf(lint(root, "--format", "sarif").stdout);
    expect(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(
      ".agent/exec_plans/search%20index%231/milestones/active/EP-20260210-003_MS002_ranked-search-api.md",
    );
  });

  it("has an empty result list on a clean tree", () => {
    const r = lint(repoCopy(VALID), "--format", "sarif");
    expect(r.status).toBe(0);
    expect(sarifOf(r.stdout).runs[0]?.results).toEqual([]);
  });

  it("expresses fixes as replacements; a BOM, which SARIF does not count, in bytes", () => {
    const root = fixesTree();
    const log = sarifOf(lint(root, "--format", "sarif").stdout);
    const results = log.runs[0]?.results ?? [];
    const of = (uri: string) =>
      results.find((x) => x.ruleId === "front-matter-first-byte" && x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === uri);

    // the BOM itself: columns after it count from 1, so the result is an insertion point at 1:1
    const bom = of(MS002);
    expect(bom?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    const bomFix = bom?.fixes?.[0]?.artifactChanges[0];
    expect(bomFix?.artifactLocation).toEqual({ uri: MS002, uriBaseId: "%SRCROOT%" });
    expect(bomFix?.replacements).toEqual([{ deletedRegion: { byteOffset: 0, byteLength: 3 } }]);
    const bytes = readFileSync(path.join(root, MS002));
    expect(bytes.subarray(3).toString("utf8")).toBe(readFileSync(path.join(VALID, MS002), "utf8"));

    // two blank lines: deleted from 1:1 up to (not including) 3:1
    const blank = of(MS001);
    expect(blank?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 1, startColumn: 1, endLine: 3, endColumn: 1 });
    expect(blank?.fixes?.[0]?.artifactChanges[0]?.replacements).toEqual([
      { deletedRegion: { startLine: 1, startColumn: 1, endLine: 3, endColumn: 1 } },
    ]);
  });
});

describe("--format github", () => {
  it("prints one workflow command a problem, paths from the repository root", () => {
    const root = repoCopy(SCHEMA_CASE);
    const r = lint(path.join(root, ".agent"), "--format", "github", "exec_plans");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe(
      `::error file=${MS002},line=4,col=5,endLine=4,endColumn=8,title=front-matter-schema::\`ms\` must be a YAML integer (no quotes), but it is the string "2". Write \`ms: 2\`.`,
    );
    expect(r.stdout.split("\n").filter((l) => l.includes(",title=front-matter-schema::"))).toHaveLength(4);
  });

  it("escapes %, CR and LF in messages, and also ',' and ':' in properties", () => {
    const root = specialValuesTree();
    renameSync(path.join(root, PLAN), path.join(root, ".agent/exec_plans/50%,a:b"));
    const file = ".agent/exec_plans/50%25%2Ca%3Ab/milestones/active/EP-20260210-003_MS002_ranked-search-api.md";
    const r = lint(root, "--format", "github");
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe("");
    // a raw line break would end the command early: every line must be a whole command
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,(col=\d+,)?endLine=\d+,(endColumn=\d+,)?title=[^,:]+::/);
    expect(lines).toContain(
      `::error file=${file},line=7,col=9,endLine=7,endColumn=32,title=front-matter-schema::\`domain\` is "back%250Aend, ops: 100%25", which is not allowed; expected one of: backend, frontend, console, infra, cross-cutting.`,
    );
    expect(lines).toContain(
      `::error file=${file},line=12,col=7,endLine=12,endColumn=20,title=front-matter-schema::\`risk\` is "high\\r\\nlow", which is not allowed; expected one of: low, med, high. Did you mean "high"?`,
    );
    // a raw line break in a plugin's message is written as an escape, as every control character is in a report
    expect(lines.some((l) => l.startsWith(`::error file=${file},line=1,col=1,endLine=1,endColumn=1,title=raw-message::A plugin message with "high\\r\\nlow" and `))).toBe(true);
  });

  it("leaves out columns on annotations over several lines, which the runner does not accept", () => {
    const r = lint(fixesTree(), "--format", "github");
    expect(r.stdout).toContain(`::error file=${MS001},line=1,endLine=3,title=front-matter-first-byte::Front matter must start`);
  });

  it("prints nothing on a clean tree", () => {
    const r = lint(repoCopy(VALID), "--format", "github");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
  });
});

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Parses with saxes, a conforming XML 1.0 parser: it rejects characters XML does not allow. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (error) => {
    throw error;
  });
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: "", children: [] };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("closetag", () => {
    root = stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

describe("--format junit", () => {
  it("is well-formed XML: a testsuite per file, a failing testcase per problem, a passing one per clean file", () => {
    const root = repoCopy(SCHEMA_CASE);
    const r = lint(root, "--format", "junit");
    expect(r.status).toBe(1);
    const xml = parseXml(r.stdout);
    expect(xml.name).toBe("testsuites");
    // the case's plan and archived MS001 are clean (they keep the whole-tree rules quiet)
    expect(xml.children.map((s) => s.attributes.name)).toEqual([`${PLAN}/EP-20260210-003_search-index.md`, MS002, MS001]);
    const suite = xml.children.find((s) => s.attributes.name === MS002);
    const all = suite?.children ?? [];
    // the counts agree with the elements: one passing testcase for each clean file
    expect(xml.attributes).toMatchObject({ tests: String(all.length + 2), failures: String(all.length) });
    expect(suite?.attributes).toMatchObject({ tests: String(all.length), failures: String(all.length) });
    const cases = all.filter((c) => c.attributes.name?.startsWith("front-matter-schema "));
    expect(cases.map((c) => c.attributes.name)).toEqual([
      "front-matter-schema (4:5)",
      "front-matter-schema (6:1)",
      "front-matter-schema (7:9)",
      "front-matter-schema (12:7)",
    ]);
    const failure = cases[0]?.children[0];
    expect(failure?.name).toBe("failure");
    expect(failure?.attributes).toEqual({
      type: "error",
      message: "`ms` must be a YAML integer (no quotes), but it is the string \"2\". Write `ms: 2`.",
    });
    expect(failure?.text).toBe(`${MS002}:4:5  error  \`ms\` must be a YAML integer (no quotes), but it is the string "2". Write \`ms: 2\`.  front-matter-schema`);

    const clean = parseXml(lint(repoCopy(VALID), "--format", "junit").stdout);
    expect(clean.children.length).toBeGreaterThan(1);
    expect(clean.attributes).toMatchObject({ tests: String(clean.children.length), failures: "0" });
    for (const suite of clean.children) expect(suite.children.map((c) => [c.attributes.name, c.children.length])).toEqual([["milestone-lint", 0]]);
  });

  it("escapes markup so that messages parse back as shown; control characters are written as escapes, as in every report", () => {
    const root = specialValuesTree();
    const expected = jsonMessages(root).get(MS002) ?? [];
    expect(expected.some((m) => m.includes("\u0001"))).toBe(true);
    expect(expected.some((m) => m.includes("\r\n"))).toBe(true);
    expect(expected.some((m) => m.includes("<ines> & co"))).toBe(true);

    const xml = parseXml(lint(root, "--format", "junit").stdout);
    const suite = xml.children.find((s) => s.attributes.name === MS002);
    const messages = (suite?.children ?? []).map((c) => c.children[0]?.attributes.message);
    expect(messages).toEqual(expected.map((m) => m.replace("\u0001", "\\u0001").replace("\r\n", "\\r\\n")));
    const bodies = (suite?.children ?? []).map((c) => c.children[0]?.text ?? "");
    expect(bodies.some((b) => b.includes('"high\\r\\nlow"'))).toBe(true);
  });
});

describe("--output-file", () => {
  it("writes the report to the file, prints nothing and keeps the exit code", () => {
    const root = repoCopy(SCHEMA_CASE);
    const r = lint(root, "--format", "sarif", "--output-file", "reports/milestone-lint.sarif");
    expect(r).toEqual({ status: 1, stdout: "", stderr: "" });
    const log = JSON.parse(readFileSync(path.join(root, "reports/milestone-lint.sarif"), "utf8")) as Log;
    expect(log.runs[0]?.results?.filter((x) => x.ruleId === "front-matter-schema")).toHaveLength(4);
    expect(readdirSync(path.join(root, "reports"))).toEqual(["milestone-lint.sarif"]);
  });

  it("replaces an existing report, and exits 0 on a clean tree", () => {
    const root = repoCopy(VALID);
    const out = path.join(root, "report.txt");
    expect(lint(root, "--output-file", out)).toEqual({ status: 0, stdout: "", stderr: "" });
    const first = readFileSync(out, "utf8");
    expect(first).toMatch(/^No problems found in \d+ files\.\n$/);
    expect(lint(root, "-f", "junit", "-o", out).status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<\?xml /);
  });

  it("writes no colours to a file unless --color is given", () => {
    const root = repoCopy(SCHEMA_CASE);
    lint(root, "--output-file", "plain.txt");
    expect(readFileSync(path.join(root, "plain.txt"), "utf8")).not.toContain("\u001b[");
    lint(root, "--color", "--output-file", "color.txt");
    expect(readFileSync(path.join(root, "color.txt"), "utf8")).toContain("\u001b[");
  });

  it("exits 2 with one line on stderr when the report cannot be written", () => {
    const root = repoCopy(VALID);
    mkdirSync(path.join(root, "taken"));
    const r = lint(root, "--output-file", "taken");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("milestone-lint: Cannot write the report to taken: it is a directory\n");
    expect(readdirSync(path.join(root, "taken"))).toEqual([]);
    expect(existsSync(path.join(root, ".taken.tmp"))).toBe(false);
    expect(readdirSync(root).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("warnings and the engine's own diagnostics (formatters called directly: no built-in rule warns yet)", () => {
  const root = repoCopy(VALID);
  const rules: Record<string, RuleMeta> = {};
  for (const r of builtinRules) rules[r.meta.id] = r.meta;
  const context: FormatterContext = { cwd: root, color: false, rules, version: VERSION };
  const at = { line: 2, column: 3, endLine: 2, endColumn: 9 };
  const warning: Diagnostic = { file: MS002, ...at, ruleId: "front-matter-schema", severity: "warn", message: "A warning, with: a colon" };
  const unreadable: Diagnostic = { file: MS001, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId: UNREADABLE_FILE, severity: "error", message: "File is not valid UTF-8." };
  const result = summarize(new Map([[MS002, [warning]], [MS001, [unreadable]]]), 1);

  it("sarif: level warning, a descriptor for the engine's check, and an unsuccessful run", () => {
    const run = sarifOf(sarif(result, context)).runs[0]!;
    const [w, u] = run.results ?? [];
    expect(w?.level).toBe("warning");
    expect(u?.level).toBe("error");
    const descriptor = run.tool.driver.rules?.[u?.ruleIndex ?? -1];
    expect(descriptor?.id).toBe(UNREADABLE_FILE);
    expect(descriptor?.shortDescription?.text).toMatch(/cannot be read/);
    expect(run.invocations).toEqual([{ executionSuccessful: false }]);
  });

  it("github: ::warning", () => {
    expect(github(result, context).split("\n")[0]).toBe(
      `::warning file=${MS002},line=2,col=3,endLine=2,endColumn=9,title=front-matter-schema::A warning, with: a colon`,
    );
  });

  it("junit: a failure of type warning", () => {
    const suite = parseXml(junit(result, context)).children.find((s) => s.attributes.name === MS002);
    expect(suite?.children[0]?.children[0]?.attributes).toEqual({ type: "warning", message: "A warning, with: a colon" });
  });
});
