/**
 * `--fix` writes only what it may: through a temporary file and a rename, with
 * the mode kept, never through a symlink, never over a file that changed since
 * it was read; otherwise the file is left as it was, with a diagnostic saying why.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chmodSync, chownSync, lchownSync, lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lint } from "../src/index.js";
import { FixNotWritten, writeFixed } from "../src/fix/write-atomic.js";
import type { FileRule } from "../src/shared/types.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ACTIVE, VALID_MILESTONE, validMilestoneText, validTree, type Tree } from "./helpers/hostile-tree.js";

const valid = validMilestoneText();
/** Blank lines before the front matter: front-matter-first-byte fixes it by removing them. */
const fixable = `\n\n${valid}`;
const isRoot = process.getuid?.() === 0;
const OTHER = `${ACTIVE}/EP-20260210-003_MS003_ranked-search-api.md`;

function chownRecursive(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(abs, uid);
    else lchownSync(abs, uid, uid);
  }
}

let tree: Tree;
beforeEach(() => {
  tree = validTree();
});
afterEach(() => {
  chmodSync(tree.abs(ACTIVE), 0o755);
  tree.remove();
});

/** The test files are copies of one milestone, named freely (links, long names): these rules would only add noise. */
const config = { rules: { "filename-matches-id": "off" as const, "milestone-number-unique": "off" as const, "milestone-id-unique": "off" as const } };
const fix = () => lint({ cwd: tree.dir, now: FIXTURE_TODAY, fix: true, config });
const messagesOf = (result: Awaited<ReturnType<typeof lint>>, file: string) =>
  result.files.find((f) => f.file === file)?.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
const BLANK_LINES =
  "1:1 front-matter-first-byte Front matter must start at the first byte of the file, but blank lines come before the opening `---`; remove them.";

describe("--fix", () => {
  it("writes the fixed text, keeps the mode and leaves no temporary file", () => {
    tree.write(VALID_MILESTONE, fixable);
    chmodSync(tree.abs(VALID_MILESTONE), 0o640);
    const r = runCli(["--fix", "--now", FIXTURE_TODAY], { cwd: tree.dir });
    expect(r.stdout).toMatch(/^No problems found/);
    expect(r.status).toBe(0);
    expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(valid);
    expect(statSync(tree.abs(VALID_MILESTONE)).mode & 0o7777).toBe(0o640);
    expect(readdirSync(tree.abs(ACTIVE)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("changes only the fixed bytes: CRLF line endings and everything after the fix stay", async () => {
    const crlf = valid.replace(/\n/g, "\r\n");
    tree.write(VALID_MILESTONE, `\uFEFF\r\n\r\n${crlf}`);
    const result = await fix();
    expect(messagesOf(result, VALID_MILESTONE)).toEqual([]);
    expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(crlf);
  });

  it("reports a symlink out of the tree and leaves its target alone", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-outside-"));
    try {
      const target = path.join(outside, "EP-20260210-003_MS009_elsewhere.md");
      writeFileSync(target, fixable);
      const link = `${ACTIVE}/EP-20260210-003_MS009_elsewhere.md`;
      symlinkSync(target, tree.abs(link));
      const result = await fix();
      expect(messagesOf(result, link)).toEqual([
        `1:1 unreadable-file File is a symlink to "${target}", outside the exec_plans folder; it is not linted or fixed. Move the file into the tree instead of linking to it.`,
      ]);
      expect(readFileSync(target, "utf8")).toBe(fixable);
      expect(lstatSync(tree.abs(link)).isSymbolicLink()).toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("reports a file reached through a symlinked folder that leads out of the tree, and leaves it alone", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-outside-"));
    try {
      const target = path.join(outside, "EP-20260210-003_MS009_elsewhere.md");
      writeFileSync(target, fixable);
      symlinkSync(outside, tree.abs(".agent/exec_plans/search-index/milestones/linked"));
      const named = ".agent/exec_plans/search-index/milestones/linked/EP-20260210-003_MS009_elsewhere.md";
      const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, fix: true, config, patterns: [named] });
      expect(messagesOf(result, named)).toEqual([
        `1:1 unreadable-file File is reached through a symlinked folder (it is really "${realpathSync(target)}"), outside the exec_plans folder; it is not linted or fixed. Move the file into the tree instead of linking to it.`,
      ]);
      expect(readFileSync(target, "utf8")).toBe(fixable);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("lints and fixes as usual when the whole .agent folder is a symlink", async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-shared-"));
    try {
      tree.write(VALID_MILESTONE, fixable);
      renameSync(tree.abs(".agent"), path.join(elsewhere, ".agent"));
      symlinkSync(path.join(elsewhere, ".agent"), tree.abs(".agent"));
      const result = await fix();
      expect(result.files.length).toBeGreaterThan(2);
      expect(result.files.flatMap((f) => f.diagnostics)).toEqual([]);
      expect(readFileSync(path.join(elsewhere, VALID_MILESTONE), "utf8")).toBe(valid);
    } finally {
      rmSync(tree.abs(".agent"));
      renameSync(path.join(elsewhere, ".agent"), tree.abs(".agent"));
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("does not write through a symlink inside the tree; the file it points to is fixed as itself", async () => {
    const target = tree.write(`${ACTIVE}/EP-20260210-003_MS006_target.md`, fixable);
    const link = `${ACTIVE}/EP-20260210-003_MS005_link.md`; // sorts first: linted while the target still needs fixing
    symlinkSync("EP-20260210-003_MS006_target.md", tree.abs(link));
    const result = await fix();
    expect(messagesOf(result, link)).toEqual([
      BLANK_LINES,
      "1:1 unreadable-file Fixes were not written because it is a symlink, and --fix never writes through a link (fix the file it points to); the file was left as it was.",
    ]);
    expect(lstatSync(tree.abs(link)).isSymbolicLink()).toBe(true);
    expect(messagesOf(result, target)).toEqual([]);
    expect(readFileSync(tree.abs(target), "utf8")).toBe(valid);
  });

  it("leaves a file alone when it changed on disk while it was being linted", async () => {
    tree.write(VALID_MILESTONE, fixable);
    const edited = "someone else's edit\n";
    let done = false;
    // Stands in for another process (an editor, an agent) saving the file mid-run.
    const concurrentEdit: FileRule = {
      meta: { id: "test-concurrent-edit", description: "edits the file", severity: "warn", appliesTo: ["milestone"], docsUrl: "https://example.test" },
      check(context) {
        if (done || context.file.displayPath !== VALID_MILESTONE) return;
        done = true;
        writeFileSync(context.file.path, edited);
      },
    };
    const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, fix: true, config, rules: [concurrentEdit] });
    expect(messagesOf(result, VALID_MILESTONE)).toEqual([
      BLANK_LINES,
      "1:1 unreadable-file Fixes were not written because it changed on disk while it was being linted; the file was left as it was.",
    ]);
    expect(result.internalErrors).toBe(0);
    expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(edited);
  });

  it("leaves a file alone in a read-only folder (as root, where the folder stays writable, fixes it)", async () => {
    tree.write(VALID_MILESTONE, fixable);
    chmodSync(tree.abs(ACTIVE), 0o555);
    const result = await fix();
    if (isRoot) {
      expect(messagesOf(result, VALID_MILESTONE)).toEqual([]);
      expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(valid);
    } else {
      expect(messagesOf(result, VALID_MILESTONE)).toEqual([
        BLANK_LINES,
        "1:1 unreadable-file Fixes were not written because its folder is not writable (permission denied); the file was left as it was.",
      ]);
      expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(fixable);
    }
  });
});

describe("--fix writes only where it should (issue 12)", () => {
  it("leaves a read-only file (0444) as it was, and says so", async () => {
    tree.write(VALID_MILESTONE, fixable);
    chmodSync(tree.abs(VALID_MILESTONE), 0o444);
    const result = await fix();
    expect(messagesOf(result, VALID_MILESTONE)).toEqual([
      BLANK_LINES,
      "1:1 unreadable-file Fixes were not written because it is read-only (mode 0444); make it writable to have it fixed; the file was left as it was.",
    ]);
    expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(fixable);
    expect(statSync(tree.abs(VALID_MILESTONE)).mode & 0o7777).toBe(0o444);
  });

  it("writes nothing out of the tree when a folder is swapped for a symlink between the read and the write", async () => {
    tree.write(VALID_MILESTONE, fixable);
    const outside = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-outside-"));
    try {
      writeFileSync(path.join(outside, path.basename(VALID_MILESTONE)), fixable);
      // a rule that, while the file is linted, puts a link to a folder outside the tree in place of its folder
      let swapped = false;
      const swaps: FileRule = {
        meta: { id: "test-swaps-folder", description: "", severity: "warn", appliesTo: ["milestone"], docsUrl: "" },
        check(context) {
          if (context.file.displayPath !== VALID_MILESTONE || swapped) return;
          swapped = true;
          renameSync(tree.abs(ACTIVE), `${tree.abs(ACTIVE)}-moved`);
          symlinkSync(outside, tree.abs(ACTIVE));
        },
      };
      const result = await lint({ cwd: tree.dir, now: FIXTURE_TODAY, fix: true, config, rules: [swaps] });
      expect(messagesOf(result, VALID_MILESTONE)).toEqual([
        BLANK_LINES,
        `1:1 unreadable-file Fixes were not written because its folder now leads out of the exec_plans folder (to "${realpathSync(outside)}"), and --fix writes only inside the tree; the file was left as it was.`,
      ]);
      expect(readFileSync(path.join(outside, path.basename(VALID_MILESTONE)), "utf8")).toBe(fixable);
      expect(readdirSync(outside)).toEqual([path.basename(VALID_MILESTONE)]);
    } finally {
      rmSync(tree.abs(ACTIVE));
      renameSync(`${tree.abs(ACTIVE)}-moved`, tree.abs(ACTIVE));
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("a folder its user cannot write: the file is reported as not written, and every other file still linted", () => {
    tree.write(VALID_MILESTONE, fixable);
    tree.write(OTHER, valid.replace("ms: 2", 'ms: "2"').replace("MS002", "MS003"));
    // as root, permissions do not stop writes: the run is made as nobody, who owns the files
    if (isRoot) chownRecursive(tree.dir, 65534);
    chmodSync(tree.abs(ACTIVE), 0o555);
    const r = runCli(["--fix", "--now", FIXTURE_TODAY, "--format", "json"], { cwd: tree.dir, unprivileged: true });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { ruleId: string; message: string }[] }[] };
    const of = (file: string) => out.files.find((f) => f.file === file)?.diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    expect(of(VALID_MILESTONE)).toContain("unreadable-file Fixes were not written because its folder is not writable (permission denied); the file was left as it was.");
    expect(of(OTHER)).toContain('front-matter-schema `ms` must be a YAML integer (no quotes), but it is the string "2". Write `ms: 2`.');
    expect(readFileSync(tree.abs(VALID_MILESTONE), "utf8")).toBe(fixable);
  });
});

describe("writing fixes", () => {
  it("refuses a path that is not a regular file, and one that is gone", async () => {
    const root = tree.abs(".agent/exec_plans");
    await expect(writeFixed(tree.abs(ACTIVE), "", "x", root)).rejects.toThrow(new FixNotWritten("it is no longer a regular file"));
    await expect(writeFixed(tree.abs(`${ACTIVE}/gone.md`), "", "x", root)).rejects.toThrow(FixNotWritten);
  });

  it("fixes a file whose name is as long as the file system allows (the temporary name stays short)", async () => {
    const prefix = "EP-20260210-003_MS008_";
    const file = tree.write(`${ACTIVE}/${prefix}${"a".repeat(255 - prefix.length - 3)}.md`, fixable);
    expect(path.basename(file)).toHaveLength(255);
    const result = await fix();
    expect(messagesOf(result, file)).toEqual([]);
    expect(readFileSync(tree.abs(file), "utf8")).toBe(valid);
  });
});
