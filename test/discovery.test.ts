/**
 * What the arguments name (issue 13, items 2, 8 and 9; the Paths of issue 12), end
 * to end through the built CLI: a run that lints nothing fails and says which
 * argument matched nothing, `!pattern` is applied, a path that exists is a path,
 * `.MD`, pipes and unreadable folders found by walking are reported, and the
 * whole-tree rules know every file of the tree, ignored or unreadable.
 */
import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, cpSync, mkdirSync, renameSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ARCHIVED, EXECPLAN, MILESTONE, badStatus, edit, json, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const NOW = ["--now", FIXTURE_TODAY];
/** The archived milestone with a status the schema rejects. */
const badArchived = (text: string) => text.replace("status: completed", "status: complete");
const NO_COLOR = { NO_COLOR: "1" };
const WHERE = "only Markdown files under an exec_plans folder, or that the config's `plans` names, are; see docs/format.md";

interface JsonOut {
  files: { file: string; diagnostics: { line: number; column: number; ruleId: string; severity: string; message: string }[] }[];
}
const filesOf = (stdout: string) => (JSON.parse(stdout) as JsonOut).files.map((f) => f.file);
const diagnosticsOf = (stdout: string, file: string) => (JSON.parse(stdout) as JsonOut).files.find((f) => f.file === file)?.diagnostics;

describe("a run that lints nothing", () => {
  it("fails when a glob matches nothing, naming it", () => {
    const r = runCli([...NOW, "docs/**/*.md"], { cwd: tree() });
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toBe('milestone-lint: No files were linted: no files match "docs/**/*.md".\n');
  });

  it("fails on a Markdown file outside any plan tree", () => {
    const dir = tree({ "docs/notes.md": "# Notes\n" });
    const r = runCli([...NOW, "docs/notes.md"], { cwd: dir });
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toBe(`milestone-lint: No files were linted: "docs/notes.md" is not a plan or milestone file (${WHERE}); not linted.\n`);
    const folder = runCli([...NOW, "docs"], { cwd: dir });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe(`milestone-lint: No files were linted: "docs" holds no plan or milestone file (${WHERE}).\n`);
  });

  it("fails when `ignores` covers everything", () => {
    const dir = tree({ "milestone-lint.config.json": json({ ignores: ["**/*.md"] }) });
    const r = runCli(NOW, { cwd: dir });
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toBe('milestone-lint: No files were linted: every file ".agent" names is ignored (by `ignores` in milestone-lint.config.json).\n');
  });

  it("warns about an argument that matched nothing when others were linted", () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    const r = runCli([...NOW, ".agent", "plans/**/*.md"], { cwd: dir, env: NO_COLOR });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('milestone-lint: warning: no files match "plans/**/*.md".\n');
    expect(r.stdout).toContain(`${MILESTONE}:6:9  error  `);
  });

  it("warns, as ESLint does, about a file named on the command line that is ignored, and does not fail", () => {
    const dir = tree({ "milestone-lint.config.json": json({ ignores: ["**/archive/"] }) });
    edit(dir, ARCHIVED, badArchived);
    const r = runCli([...NOW, ARCHIVED], { cwd: dir, env: NO_COLOR });
    expect(r.stderr).toBe(`milestone-lint: warning: "${ARCHIVED}" is ignored (by \`ignores\` in milestone-lint.config.json); not linted.\n`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("No problems found in 0 files.\n");
  });

  it("does not fail a hook that passes only notes kept in the plan tree", () => {
    const note = ".agent/exec_plans/search-index/NOTES.md";
    const r = runCli([...NOW, note], { cwd: tree({ [note]: "# Notes\n" }) });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`milestone-lint: warning: "${note}" is not a plan or milestone file (${WHERE}); not linted.\n`);
  });
});

describe("!pattern arguments", () => {
  it("leave out the files they match, from the default folder or the paths given", () => {
    const dir = tree();
    edit(dir, ARCHIVED, badArchived);
    const all = runCli([...NOW, "-f", "json"], { cwd: dir });
    expect(all.status).toBe(1);
    expect(filesOf(all.stdout)).toEqual([ARCHIVED, MILESTONE, EXECPLAN].sort());
    for (const args of [["!**/archive/**"], [".agent", "!**/archive/**"], ["!.agent/exec_plans/search-index/milestones/archive/**", ".agent"]]) {
      const r = runCli([...NOW, "-f", "json", ...args], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(filesOf(r.stdout)).toEqual([EXECPLAN, MILESTONE]);
    }
  });
});

describe("a path that exists is a path", () => {
  it("even with glob characters in its name", () => {
    const dir = tree();
    const active = path.dirname(MILESTONE);
    for (const name of ["EP-20260210-003_MS003_(draft).md", "EP-20260210-003_MS003_a[1].md"]) {
      const file = `${active}/${name}`;
      write(dir, file, badStatus(read(dir, MILESTONE)).replace("MS002", "MS003"));
      const r = runCli([...NOW, "-f", "json", file], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(filesOf(r.stdout)).toEqual([file]);
      expect(diagnosticsOf(r.stdout, file)).toContainEqual(expect.objectContaining({ line: 6, column: 9, ruleId: "front-matter-schema" }));
      execFileSync("rm", [path.join(dir, file)]);
    }
  });

  it("a folder named `*` is that folder, not every file", () => {
    const dir = tree();
    mkdirSync(path.join(dir, "*"));
    cpSync(path.join(dir, ".agent"), path.join(dir, "*", ".agent"), { recursive: true });
    edit(dir, `*/${MILESTONE}`, badStatus);
    const r = runCli([...NOW, "-f", "json", "*"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(filesOf(r.stdout)).toEqual([`*/${ARCHIVED}`, `*/${MILESTONE}`, `*/${EXECPLAN}`].sort());
  });
});

describe("what walking a folder finds", () => {
  it("`.MD` files, in any case", () => {
    const dir = tree();
    const upper = MILESTONE.replace(/\.md$/, ".MD");
    renameSync(path.join(dir, MILESTONE), path.join(dir, upper));
    edit(dir, upper, badStatus);
    const r = runCli([...NOW, "-f", "json"], { cwd: dir });
    expect(filesOf(r.stdout)).toContain(upper);
    expect(diagnosticsOf(r.stdout, upper)).toContainEqual(expect.objectContaining({ line: 6, column: 9, ruleId: "front-matter-schema" }));
  });

  it("a named pipe called *.md is reported, not skipped", () => {
    const dir = tree();
    const pipe = `${path.dirname(MILESTONE)}/EP-20260210-003_MS003_pipe.md`;
    execFileSync("mkfifo", [path.join(dir, pipe)]);
    const r = runCli([...NOW, "-f", "json"], { cwd: dir });
    expect(r.status).toBe(1);
    expect(diagnosticsOf(r.stdout, pipe)).toEqual([
      { line: 1, column: 1, endLine: 1, endColumn: 1, ruleId: "unreadable-file", severity: "error", message: "File is a named pipe, not a regular file; it is not read." },
    ]);
  });

  it("a folder of the plan tree that cannot be read is reported on the folder", () => {
    const dir = tree();
    chmodSync(dir, 0o755);
    const archive = ".agent/exec_plans/search-index/milestones/archive";
    chmodSync(path.join(dir, archive), 0o000);
    try {
      const r = runCli([...NOW, "-f", "json"], { cwd: dir, unprivileged: true });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(1);
      expect(diagnosticsOf(r.stdout, archive)).toEqual([
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          ruleId: "unreadable-file",
          severity: "error",
          message: "Folder cannot be read (permission denied); the plans and milestones in it are neither linted nor known to the whole-tree rules.",
        },
      ]);
    } finally {
      chmodSync(path.join(dir, archive), 0o755);
    }
  });

  it("a folder elsewhere that cannot be read gets a warning", () => {
    const dir = tree({ "docs/private/x.md": "# x\n" });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, "docs/private"), 0o000);
    try {
      const r = runCli([...NOW, "."], { cwd: dir, unprivileged: true, env: NO_COLOR });
      expect(r.stderr).toBe('milestone-lint: warning: folder "docs/private" cannot be read (permission denied); it was not searched.\n');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("No problems found in 3 files.\n");
    } finally {
      chmodSync(path.join(dir, "docs/private"), 0o755);
    }
  });
});

describe("the whole-tree index knows every file", () => {
  it("files the config ignores are not linted but still exist for the other rules", () => {
    const dir = path.join(tree(), "valid");
    cpSync(path.join(FIXTURES, "valid"), dir, { recursive: true });
    write(dir, ".agent/exec_plans/milestone-lint.config.json", json({ ignores: ["search-index/"] }));
    const r = runCli(NOW, { cwd: dir, env: NO_COLOR });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("No problems found in 13 files.\n");
    expect(r.status).toBe(0);
  });

  it("an unreadable milestone still counts in its plan's numbering", () => {
    const dir = tree();
    chmodSync(dir, 0o755);
    const third = `${path.dirname(MILESTONE)}/EP-20260210-003_MS003_third.md`;
    write(dir, third, read(dir, MILESTONE).replace(/MS002/g, "MS003").replace("ms: 2", "ms: 3").replace(/Ranked search API/g, "Third"));
    chmodSync(path.join(dir, MILESTONE), 0o000);
    try {
      const r = runCli([...NOW, "-f", "json"], { cwd: dir, unprivileged: true });
      expect(r.status).toBe(1);
      expect(diagnosticsOf(r.stdout, third)).toEqual([]);
      expect(diagnosticsOf(r.stdout, MILESTONE)).toEqual([expect.objectContaining({ line: 1, column: 1, ruleId: "unreadable-file", message: "File cannot be read: permission denied." })]);
      // linted alone (a pre-commit hook), the unreadable file is read for the index only
      const alone = runCli([...NOW, "-f", "json", third], { cwd: dir, unprivileged: true });
      expect(alone.status).toBe(0);
      expect(diagnosticsOf(alone.stdout, third)).toEqual([]);
    } finally {
      chmodSync(path.join(dir, MILESTONE), 0o644);
    }
  });
});
