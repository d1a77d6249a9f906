/**
 * The catalogue of bad inputs (issue 5), end to end through the built CLI: each
 * bad file gets a diagnostic at a sensible place, the other files are still
 * linted, and the run exits 1; exit 2 only when the tool itself cannot work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, statSync, openSync, ftruncateSync, closeSync, writeSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ACTIVE, VALID_MILESTONE, validMilestoneText, validTree, type Tree } from "./helpers/hostile-tree.js";

interface JsonDiagnostic {
  fix?: unknown;
  docsUrl?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
}
interface JsonOutput {
  errorCount: number;
  files: { file: string; diagnostics: JsonDiagnostic[] }[];
}

function lintJson(tree: Tree, args: string[] = []) {
  const r = runCli(["--format", "json", "--now", FIXTURE_TODAY, ...args], { cwd: tree.dir });
  const out = r.stdout === "" ? undefined : (JSON.parse(r.stdout) as JsonOutput);
  // positions and messages are what these tests are about; fix ranges are offsets and differ with line endings, docs links are the rules'
  const of = (file: string) => out?.files.find((f) => f.file === file)?.diagnostics.map(({ fix: _fix, docsUrl: _docs, ...d }) => d);
  return { ...r, out, of };
}

/** The valid milestone with `ms` quoted: one known diagnostic, proof that a file was linted. */
const CANARY_TEXT = validMilestoneText().replace("ms: 2", 'ms: "2"');
const CANARY_DIAGNOSTIC = {
  line: 4,
  column: 5,
  endLine: 4,
  endColumn: 8,
  ruleId: "front-matter-schema",
  severity: "error",
  message: '`ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.',
};

const ms = (n: number, name: string) => `${ACTIVE}/EP-20260210-003_MS0${n}_${name}.md`;
const valid = validMilestoneText();

describe("a tree full of bad files", () => {
  let tree: Tree;
  let run: ReturnType<typeof lintJson>;
  const files = {
    empty: ms(10, "empty"),
    onlyDashes: ms(11, "only-dashes"),
    unclosed: ms(12, "unclosed"),
    nul: ms(13, "nul"),
    latin1: ms(14, "latin1"),
    utf16: ms(15, "utf16"),
    tabs: ms(16, "tabs"),
    bomb: ms(17, "alias-bomb"),
    deep: ms(18, "deep"),
    duplicate: ms(19, "duplicate"),
    complexKey: ms(20, "complex-key"),
    loop: ms(21, "loop"),
    dangling: ms(22, "dangling"),
    folder: ms(23, "folder"),
    pipe: ms(24, "named-pipe"),
    spaced: ".agent/exec_plans/plän mit leerzeichen/milestones/active/EP-20260210-009_MS002_ranked-search-api.md",
  };

  beforeAll(() => {
    tree = validTree();
    tree.write(VALID_MILESTONE, CANARY_TEXT);
    // a second plan (its own ID) in a folder whose name has spaces and non-ASCII letters
    const otherPlan = (text: string) => text.replace(/EP-20260210-003/g, "EP-20260210-009");
    const plan = readFileSync(tree.abs(".agent/exec_plans/search-index/EP-20260210-003_search-index.md"), "utf8");
    tree.write(".agent/exec_plans/plän mit leerzeichen/EP-20260210-009_search-index.md", otherPlan(plan));
    const archived = "milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md";
    const ms1 = readFileSync(tree.abs(`.agent/exec_plans/search-index/${archived}`), "utf8");
    tree.write(otherPlan(`.agent/exec_plans/plän mit leerzeichen/${archived}`), otherPlan(ms1));
    tree.write(files.spaced, otherPlan(CANARY_TEXT));
    tree.write(files.empty, "");
    tree.write(files.onlyDashes, "---");
    tree.write(files.unclosed, "---\nid: EP-20260210-003/MS012\n\n# Unclosed\n");
    tree.write(files.nul, "---\nid: EP\0\n---\n");
    tree.write(files.latin1, Buffer.from("---\ntitle: caf\xe9\n---\n", "latin1"));
    tree.write(files.utf16, Buffer.from("\ufeff---\nid: EP-20260210-003/MS015\n---\n", "utf16le"));
    tree.write(files.tabs, valid.replace('  issue: "', '\tissue: "'));
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) {
      const prev = "abcdefgh"[i];
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    tree.write(files.bomb, `---\n${laughs.join("\n")}\n---\n`);
    tree.write(files.deep, `---\nid: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n---\n`);
    tree.write(files.duplicate, valid.replace("status: in_progress\n", "status: in_progress\nstatus: done\n"));
    tree.write(files.complexKey, valid.replace("risk: low\n", "risk: low\n? [a, b]\n: 1\n"));
    symlinkSync("EP-20260210-003_MS021_loop.md", tree.abs(files.loop));
    symlinkSync("no-such-file.md", tree.abs(files.dangling));
    mkdirSync(tree.abs(files.folder));
    execFileSync("mkfifo", [tree.abs(`${ACTIVE}/a-pipe`)]);
    symlinkSync("a-pipe", tree.abs(files.pipe));
    run = lintJson(tree);
  });
  afterAll(() => tree.remove());

  it("exits 1 with nothing on stderr (no warnings, no stack traces)", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("still lints the good files among them", () => {
    expect(run.of(VALID_MILESTONE)).toEqual([CANARY_DIAGNOSTIC]);
    expect(run.of(".agent/exec_plans/search-index/EP-20260210-003_search-index.md")).toEqual([]);
  });

  /** The one diagnostic `file` gets from `ruleId` (other rules may report on a broken file too). */
  const only = (file: string, ruleId = "unreadable-file") => {
    // a file that cannot be read gets nothing else: no rule runs on it
    if (ruleId === "unreadable-file") expect(run.of(file), file).toHaveLength(1);
    const list = run.of(file)?.filter((d) => d.ruleId === ruleId);
    expect(list, file).toHaveLength(1);
    return list![0]!;
  };

  it("an empty file has no front matter", () => {
    expect(only(files.empty, "front-matter-required")).toMatchObject({ line: 1, column: 1, ruleId: "front-matter-required" });
  });

  it("a file that is only `---` has front matter never closed", () => {
    expect(only(files.onlyDashes, "front-matter-closed")).toMatchObject({ line: 1, column: 1, endColumn: 4, ruleId: "front-matter-closed" });
    expect(only(files.unclosed, "front-matter-closed")).toMatchObject({ line: 1, column: 1, ruleId: "front-matter-closed" });
  });

  it("NUL bytes, invalid UTF-8 and UTF-16 are reported where they are, not parsed", () => {
    expect(only(files.nul)).toMatchObject({ line: 2, column: 7, ruleId: "unreadable-file", message: expect.stringContaining("NUL byte") });
    expect(only(files.latin1)).toMatchObject({
      line: 2,
      column: 11,
      ruleId: "unreadable-file",
      message: "File is not valid UTF-8 (byte 0xe9 at offset 14); save it as UTF-8.",
    });
    expect(only(files.utf16)).toMatchObject({ line: 1, column: 1, ruleId: "unreadable-file", message: expect.stringContaining("UTF-16") });
  });

  it("a tab used as YAML indentation is a syntax error on its line", () => {
    // line 13 is `links:`, line 14 the tab-indented `issue:`
    expect(run.of(files.tabs)).toContainEqual(expect.objectContaining({ line: 14, column: 1, ruleId: "front-matter-yaml-syntax" }));
  });

  it("an alias bomb and 20 000 levels of nesting are reported, not expanded", () => {
    expect(only(files.bomb, "front-matter-yaml-syntax")).toMatchObject({ line: 2, column: 1, ruleId: "front-matter-yaml-syntax", message: expect.stringContaining("billion laughs") });
    expect(only(files.deep, "front-matter-yaml-syntax")).toMatchObject({ line: 2, column: 1, ruleId: "front-matter-yaml-syntax", message: expect.stringContaining("nested too deeply") });
  });

  it("a duplicate key is reported at the second one", () => {
    expect(only(files.duplicate, "front-matter-yaml-syntax")).toMatchObject({
      line: 7,
      column: 1,
      endColumn: 7,
      ruleId: "front-matter-yaml-syntax",
      message: "Front matter is not valid YAML: key `status` appears more than once; keep one `status:` line",
    });
  });

  it("a key that is a list is reported at the key", () => {
    expect(only(files.complexKey, "front-matter-yaml-syntax")).toMatchObject({
      line: 13,
      column: 3,
      ruleId: "front-matter-yaml-syntax",
      message: "Front matter is not valid YAML: a key must be a plain name, but this key is a list",
    });
  });

  it("a symlink loop and a dangling symlink are reported on the link", () => {
    expect(only(files.loop)).toMatchObject({ line: 1, column: 1, ruleId: "unreadable-file", message: expect.stringContaining("symlink loop") });
    expect(only(files.dangling)).toMatchObject({
      line: 1,
      column: 1,
      ruleId: "unreadable-file",
      message: 'File is a dangling symlink: its target "no-such-file.md" does not exist; remove the link or restore the file.',
    });
  });

  it("a link to a named pipe is reported, not waited on", () => {
    expect(only(files.pipe)).toMatchObject({
      line: 1,
      column: 1,
      ruleId: "unreadable-file",
      message: "File is a named pipe, not a regular file; it is not read.",
    });
  });

  it("--cache (cold and warm) and worker threads report the same, and wait on no pipe", () => {
    const cacheLocation = `${tree.dir}/cache.json`;
    for (const args of [["--cache", "--cache-location", cacheLocation], ["--cache", "--cache-location", cacheLocation], ["--concurrency", "2"]]) {
      const again = lintJson(tree, args);
      expect(again.stdout).toBe(run.stdout);
      expect(again.status).toBe(run.status);
    }
  });

  it("a folder named like a milestone is a folder: walked, not reported", () => {
    expect(run.out?.files.some((f) => f.file.startsWith(files.folder))).toBe(false);
  });

  it("paths with spaces and non-ASCII characters are linted and shown as they are", () => {
    expect(run.of(files.spaced)).toEqual([CANARY_DIAGNOSTIC]);
    const direct = lintJson(tree, [files.spaced]);
    expect(direct.status).toBe(1);
    expect(direct.out?.files.map((f) => f.file)).toEqual([files.spaced]);
  });
});

describe("line endings", () => {
  it("CRLF and lone CR files get the same lines and columns as LF", () => {
    const tree = validTree();
    try {
      // four schema problems on lines 4, 6, 7 and 12
      const text = CANARY_TEXT.replace("status:", "statsu:").replace("domain: backend", "domain: Backend").replace("risk: low", "risk: medium");
      tree.write(VALID_MILESTONE, text);
      const lf = lintJson(tree).of(VALID_MILESTONE);
      expect(lf?.map((d) => [d.line, d.column])).toEqual([[4, 5], [6, 1], [7, 9], [12, 7]]);
      tree.write(VALID_MILESTONE, text.replace(/\n/g, "\r\n"));
      expect(lintJson(tree).of(VALID_MILESTONE)).toEqual(lf);
      tree.write(VALID_MILESTONE, text.replace(/\n/g, "\r"));
      expect(lintJson(tree).of(VALID_MILESTONE)).toEqual(lf);
    } finally {
      tree.remove();
    }
  });
});

describe("huge files", () => {
  it("a 50 MB Markdown file and a 10 MB front matter are refused by size before they are read", () => {
    const tree = validTree();
    try {
      const big = tree.abs(ms(30, "fifty-megabytes"));
      const fd = openSync(big, "w");
      writeSync(fd, "---\nid: EP-20260210-003/MS030\n---\n");
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
      tree.write(ms(31, "ten-megabyte-front-matter"), `---\n${"tags: [x]\n".repeat(1024 * 1024)}---\n`);
      const r = lintJson(tree);
      expect(r.status).toBe(1);
      expect(r.of(ms(30, "fifty-megabytes"))).toEqual([
        expect.objectContaining({ line: 1, column: 1, ruleId: "unreadable-file", message: "File is 50.0 MiB; files over 512 KiB are not linted (a milestone is a few KiB)." }),
      ]);
      expect(r.of(ms(31, "ten-megabyte-front-matter"))?.[0]?.message).toBe("File is 10.0 MiB; files over 512 KiB are not linted (a milestone is a few KiB).");
      expect(r.of(VALID_MILESTONE)).toEqual([]);
    } finally {
      tree.remove();
    }
  });
});

describe("a file that cannot be read", () => {
  it("is reported (or, as root, where permissions do not stop reads, linted like any file)", () => {
    const tree = validTree();
    try {
      tree.write(VALID_MILESTONE, CANARY_TEXT);
      chmodSync(tree.abs(VALID_MILESTONE), 0o000);
      const r = lintJson(tree);
      expect(r.status).toBe(1);
      const isRoot = process.getuid?.() === 0;
      expect(r.of(VALID_MILESTONE)).toEqual(
        isRoot
          ? [CANARY_DIAGNOSTIC]
          : [expect.objectContaining({ line: 1, column: 1, ruleId: "unreadable-file", message: "File cannot be read: permission denied." })],
      );
      expect(statSync(tree.abs(VALID_MILESTONE)).mode & 0o777).toBe(0);
    } finally {
      chmodSync(tree.abs(VALID_MILESTONE), 0o644);
      tree.remove();
    }
  });
});

describe("a path that does not exist", () => {
  it("exits 2 with one line, whatever characters it has", () => {
    const tree = validTree();
    try {
      const r = runCli(["nö such dir/x.md"], { cwd: tree.dir });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("milestone-lint: No such file or directory: nö such dir/x.md\n");
    } finally {
      tree.remove();
    }
  });
});
