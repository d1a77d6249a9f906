/**
 * `--fix-dry-run` with `--format` (issue 13, item 4): the diff is what it prints
 * alone; with a format it prints, in that format, the problems left after fixing,
 * and JSON carries each fixed file's `output`, as ESLint's does. Nothing is written.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, badStatus, edit, read, removeTrees, tree } from "./helpers/tree.js";
import { docsUrl } from "../src/shared/docs-url.js";

afterAll(removeTrees);

const NOW = ["--now", FIXTURE_TODAY];

/** One fixable problem (`ms: "2"`, line 4) and one that is not (the status, line 6). */
function twoProblems(): { dir: string; before: string } {
  const dir = tree();
  edit(dir, MILESTONE, (t) => badStatus(t).replace("ms: 2", 'ms: "2"'));
  return { dir, before: read(dir, MILESTONE) };
}

interface JsonOut {
  errorCount: number;
  files: { file: string; output?: string; diagnostics: { line: number; ruleId: string; docsUrl?: string }[] }[];
}

describe("--fix-dry-run", () => {
  it("alone prints the diff", () => {
    const { dir, before } = twoProblems();
    const r = runCli([...NOW, "--fix-dry-run"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`--- a/${MILESTONE}\n+++ b/${MILESTONE}\n`);
    expect(r.stdout).toContain('-ms: "2"\n+ms: 2\n');
    expect(read(dir, MILESTONE)).toBe(before);
  });

  it("with --format json prints the problems left and each fixed file's output", () => {
    const { dir, before } = twoProblems();
    const r = runCli([...NOW, "--fix-dry-run", "--format", "json"], { cwd: dir });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as JsonOut;
    const file = out.files.find((f) => f.file === MILESTONE);
    expect(file?.output).toBe(before.replace('ms: "2"', "ms: 2"));
    expect(file?.diagnostics.map((d) => [d.line, d.ruleId, d.docsUrl])).toEqual([[6, "front-matter-schema", docsUrl("front-matter-schema")]]);
    expect(out.files.filter((f) => f.output !== undefined)).toHaveLength(1);
    expect(read(dir, MILESTONE)).toBe(before);
  });

  it("with --format sarif --output-file writes SARIF of the problems left, not a diff", () => {
    const { dir, before } = twoProblems();
    const r = runCli([...NOW, "--fix-dry-run", "-f", "sarif", "-o", "x.sarif"], { cwd: dir });
    expect(r).toMatchObject({ status: 1, stdout: "", stderr: "" });
    const log = JSON.parse(readFileSync(path.join(dir, "x.sarif"), "utf8")) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]?.results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.region.startLine])).toEqual([["front-matter-schema", 6]]);
    expect(read(dir, MILESTONE)).toBe(before);
  });

  it("with --format stylish lists the problems left", () => {
    const { dir } = twoProblems();
    const r = runCli([...NOW, "--fix-dry-run", "-f", "stylish"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${MILESTONE}:6:9  error  `);
    expect(r.stdout).not.toContain(`${MILESTONE}:4:5`);
    expect(r.stdout).toContain("1 problem (1 error, 0 warnings)");
  });
});
