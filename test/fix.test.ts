/**
 * `--fix` and `--fix-dry-run` round trips through the whole run: each case folder
 * fixtures/fix/<rule-id>/<case>/ holds input.md and the exact bytes expected after
 * fixing (expected.md). The input is linted as the search-index plan's active milestone.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { lint } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { MILESTONE, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const ROOT = path.join(FIXTURES, "fix");
const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((rule) =>
    readdirSync(path.join(ROOT, rule.name), { withFileTypes: true })
      // other tests keep loose `<case>.expected.md` files here
      .filter((c) => c.isDirectory() && existsSync(path.join(ROOT, rule.name, c.name, "input.md")))
      .map((c) => [`${rule.name} / ${c.name}`, path.join(ROOT, rule.name, c.name)] as const),
  );

const bytes = (file: string) => readFileSync(file, "latin1");
const fix = (cwd: string, fixDryRun = false) => lint({ cwd, now: FIXTURE_TODAY, fix: !fixDryRun, fixDryRun });

describe.each(cases)("%s", (_label, dir) => {
  const input = bytes(path.join(dir, "input.md"));
  const expected = bytes(path.join(dir, "expected.md"));

  it("--fix writes exactly the expected bytes, and fixing again changes nothing", async () => {
    const cwd = tree();
    write(cwd, MILESTONE, Buffer.from(input, "latin1").toString("utf8"));
    const first = await fix(cwd);
    expect(bytes(path.join(cwd, MILESTONE))).toBe(expected);
    expect(first.files.find((f) => f.file === MILESTONE)?.diagnostics).toEqual([]);
    const second = await fix(cwd);
    expect(second.files.every((f) => f.output === undefined)).toBe(true);
    expect(bytes(path.join(cwd, MILESTONE))).toBe(expected);
  });

  it("changes only the reported fixes' ranges: the rest of the file is kept byte for byte", async () => {
    const cwd = tree();
    const text = Buffer.from(input, "latin1").toString("utf8");
    write(cwd, MILESTONE, text);
    const fixes = (await lint({ cwd, now: FIXTURE_TODAY })).files.flatMap((f) => f.diagnostics.flatMap((d) => (d.fix ? [d.fix] : [])));
    expect(fixes.length).toBeGreaterThan(0);
    let patched = text;
    for (const { range, text: replacement } of [...fixes].sort((a, b) => b.range[0] - a.range[0])) {
      patched = patched.slice(0, range[0]) + replacement + patched.slice(range[1]);
    }
    expect(Buffer.from(patched, "utf8").toString("latin1")).toBe(expected);
  });

  it("--fix-dry-run reports the same output and writes nothing", async () => {
    const cwd = tree();
    const text = Buffer.from(input, "latin1").toString("utf8");
    write(cwd, MILESTONE, text);
    const r = await fix(cwd, true);
    const file = r.files.find((f) => f.file === MILESTONE);
    expect(file?.source).toBe(text);
    expect(Buffer.from(file?.output ?? "", "utf8").toString("latin1")).toBe(expected);
    expect(read(cwd, MILESTONE)).toBe(text);
  });
});

describe("--fix-dry-run on the command line", () => {
  const input = readFileSync(path.join(ROOT, "front-matter-first-byte/blank-lines/input.md"), "utf8");

  it("prints a unified diff that git apply accepts, and writes nothing", () => {
    const cwd = tree({ [MILESTONE]: input });
    const r = runCli(["--fix-dry-run", "--now", FIXTURE_TODAY], { cwd });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `--- a/${MILESTONE}`,
        `+++ b/${MILESTONE}`,
        "@@ -1,6 +1,4 @@",
        "-",
        "-",
        " ---",
        " id: EP-20260210-003/MS002",
        " execplan_id: EP-20260210-003",
        " ms: 2",
        "",
      ].join("\n"),
    );
    expect(read(cwd, MILESTONE)).toBe(input);
    execFileSync("git", ["apply", "-"], { cwd, input: r.stdout });
    expect(read(cwd, MILESTONE)).toBe(input.replace(/^\n+/, ""));
  });

  it("prints nothing when there is nothing to fix", () => {
    const r = runCli(["--fix-dry-run", "--now", FIXTURE_TODAY], { cwd: tree() });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("cannot be combined with --fix", () => {
    const r = runCli(["--fix", "--fix-dry-run"], { cwd: tree() });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("milestone-lint: --fix and --fix-dry-run cannot be used together\n");
  });
});

describe("suppressed problems are not fixed", () => {
  it("leaves a file alone when a directive disables the fixing rule", async () => {
    const text = `\n\n${read(tree(), MILESTONE)}\n<!-- milestone-lint-disable-file front-matter-first-byte -->\n`;
    const cwd = tree({ [MILESTONE]: text });
    const r = await fix(cwd);
    expect(r.errorCount).toBe(0);
    expect(read(cwd, MILESTONE)).toBe(text);
  });
});
