/**
 * `--stdin --stdin-filename PATH` (and `-` as the only path) through the built CLI:
 * the text is judged as the file at PATH, with the disk's copy replaced by it, by the
 * file rules and the whole-tree rules alike, even when PATH does not exist yet.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import { FORMATTERS } from "../src/report/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ARCHIVED, DRAFT, MILESTONE, TAKEN, badStatus, draft, read, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const NOW = ["--now", FIXTURE_TODAY];

interface JsonOut {
  errorCount: number;
  files: { file: string; diagnostics: { line: number; column: number; ruleId: string; message: string }[] }[];
}

const jsonOf = (stdout: string) => JSON.parse(stdout) as JsonOut;
const places = (out: JsonOut) => out.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.ruleId}`));

describe("--stdin", () => {
  it("lints the text as the file it names, with the disk's copy replaced (also for the whole-tree rules)", () => {
    const dir = tree();
    // on disk the milestone is clean; the text on stdin takes the archived milestone's number
    const text = read(dir, MILESTONE).replace("id: EP-20260210-003/MS002", "id: EP-20260210-003/MS001").replace("ms: 2", "ms: 1");
    const r = runCli(["--format", "json", ...NOW, "--stdin", "--stdin-filename", MILESTONE], { cwd: dir, input: text });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const out = jsonOf(r.stdout);
    expect(out.files.map((f) => f.file)).toEqual([MILESTONE]);
    expect(places(out)).toContain(`${MILESTONE}:2:5 milestone-number-unique`);
    // the same text on disk gives the same report
    const onDisk = tree({ [MILESTONE]: text });
    expect(jsonOf(runCli(["--format", "json", ...NOW, MILESTONE], { cwd: onDisk }).stdout)).toEqual(out);
    expect(read(dir, MILESTONE)).not.toBe(text);
  });

  it("lints a file that does not exist on disk yet, against the tree, and writes nothing", () => {
    const dir = tree();
    const clean = runCli(["--format", "json", ...NOW, "--stdin", "--stdin-filename", DRAFT], { cwd: dir, input: draft(dir) });
    expect(clean.stderr).toBe("");
    expect(jsonOf(clean.stdout).files).toEqual([{ file: DRAFT, errorCount: 0, warningCount: 0, diagnostics: [] }]);
    expect(clean.status).toBe(0);
    // numbered MS002 it collides with the milestone on disk
    const taken = draft(dir, 2);
    const r = runCli(["--format", "json", ...NOW, "--stdin", "--stdin-filename", TAKEN], { cwd: dir, input: taken });
    expect(places(jsonOf(r.stdout))).toEqual([`${TAKEN}:2:5 milestone-number-unique`]);
    expect(existsSync(path.join(dir, DRAFT))).toBe(false);
  });

  it("takes `-` as the only path to mean --stdin, and refuses what cannot mean anything", () => {
    const dir = tree();
    const dash = runCli([...NOW, "-", "--stdin-filename", MILESTONE], { cwd: dir, input: badStatus(read(dir, MILESTONE)) });
    expect(dash.stdout).toContain(`${MILESTONE}:6:9  error  \`status\` is "in-progress"`);
    expect(dash.status).toBe(1);
    const refused = (args: string[], message: string) => {
      const r = runCli(args, { cwd: dir, input: "" });
      expect(r.stderr).toBe(`milestone-lint: ${message}\n`);
      expect(r.status).toBe(2);
    };
    refused(["--stdin"], "--stdin needs --stdin-filename <path>: where the text lives decides its rules, config and tree");
    refused(["--stdin-filename", MILESTONE], "--stdin-filename names the file --stdin lints; add --stdin");
    refused(["--stdin", "--stdin-filename", MILESTONE, ARCHIVED], "--stdin lints standard input only; give no paths");
    refused(["-", ARCHIVED, "--stdin-filename", MILESTONE], "`-` (standard input) must be the only path");
  });

  it("--fix prints the fixed text and writes nothing; the text comes back as it was when nothing is fixed", () => {
    const dir = tree();
    const original = read(dir, MILESTONE);
    const quoted = original.replace("ms: 2", 'ms: "2"');
    const fixed = runCli([...NOW, "--fix", "--stdin", "--stdin-filename", MILESTONE], { cwd: dir, input: quoted });
    expect(fixed.stdout).toBe(original);
    expect(fixed.status).toBe(0);
    expect(read(dir, MILESTONE)).toBe(original);

    const unfixable = badStatus(quoted);
    const report = path.join(dir, "report.json");
    const left = runCli([...NOW, "--fix", "--stdin", "--stdin-filename", MILESTONE, "-f", "json", "-o", report], { cwd: dir, input: unfixable });
    expect(left.stdout).toBe(badStatus(original));
    expect(left.status).toBe(1);
    expect(places(JSON.parse(read(dir, "report.json")) as JsonOut)).toEqual([`${MILESTONE}:6:9 front-matter-schema`]);

    // bytes that are not text come back untouched, never an empty buffer
    const binary = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x0a]);
    const kept = runCli([...NOW, "--fix", "--stdin", "--stdin-filename", MILESTONE], { cwd: dir, input: binary });
    expect(kept.stdout).toBe(binary.toString("utf8"));
    expect(kept.status).toBe(1);
  });

  it("--fix-dry-run prints the diff of the file it names", () => {
    const dir = tree();
    const r = runCli([...NOW, "--fix-dry-run", "--stdin", "--stdin-filename", MILESTONE], { cwd: dir, input: read(dir, MILESTONE).replace("ms: 2", 'ms: "2"') });
    expect(r.stdout).toBe(
      [
        `--- a/${MILESTONE}`,
        `+++ b/${MILESTONE}`,
        "@@ -1,8 +1,8 @@",
        " ---",
        " id: EP-20260210-003/MS002",
        " execplan_id: EP-20260210-003",
        '-ms: "2"',
        "+ms: 2",
        ' title: "Ranked search API"',
        " status: in_progress",
        " domain: backend",
        ' owner: "@ines"',
        "",
      ].join("\n"),
    );
  });

  it("reports text that cannot be linted as the file would be: UTF-16, binary", () => {
    const dir = tree();
    const utf16 = runCli(["--format", "json", ...NOW, "--stdin", "--stdin-filename", DRAFT], { cwd: dir, input: Buffer.from([0xff, 0xfe, 0x2d, 0x00]) });
    expect(places(jsonOf(utf16.stdout))).toEqual([`${DRAFT}:1:1 unreadable-file`]);
    const nul = runCli(["--format", "json", ...NOW, "--stdin", "--stdin-filename", DRAFT], { cwd: dir, input: "---\nid: x\n\u0000\n" });
    expect(places(jsonOf(nul.stdout))).toEqual([`${DRAFT}:3:1 unreadable-file`]);
  });

  it("works with every format, SARIF reading the text from stdin", () => {
    const dir = tree();
    // a byte-order mark and a quoted ms: SARIF places the fix by the text it was given, not the disk's
    const text = `\uFEFF${read(dir, MILESTONE).replace("ms: 2", 'ms: "2"')}`;
    for (const format of Object.keys(FORMATTERS)) {
      const r = runCli(["--format", format, ...NOW, "--stdin", "--stdin-filename", DRAFT], { cwd: dir, input: text });
      expect(r.stderr, format).toBe("");
      expect(r.status, format).toBe(1);
      expect(r.stdout, format).toContain(format === "sarif" ? DRAFT : "front-matter-schema");
    }
    const sarif = JSON.parse(runCli(["--format", "sarif", ...NOW, "--stdin", "--stdin-filename", DRAFT], { cwd: dir, input: text }).stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[]; fixes?: unknown[] }[];
    const bom = results.find((r) => r.ruleId === "front-matter-first-byte");
    expect(bom?.fixes).toEqual([
      { artifactChanges: [{ artifactLocation: expect.anything(), replacements: [{ deletedRegion: { byteOffset: 0, byteLength: 3 } }] }] },
    ]);
  });
});
