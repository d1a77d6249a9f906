/**
 * `--cache-strategy` (issue 14): with `metadata`, the default, a file whose stamp
 * is stored is not even opened, and its results and whole-tree index entry are
 * reused; with `content`, every file is read and hashed. Whichever the strategy, and
 * whatever the cache holds, the diagnostics are those of a run without a cache. That
 * a file is not opened is seen on the one reader every file goes through
 * (src/source/read-source.ts), wrapped here in spies.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { generateTree } from "../bench/generate.mjs";
import { lint, UsageError, type CacheStrategy, type LintOptions, type LintResult } from "../src/index.js";
import * as reader from "../src/source/read-source.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { ARCHIVED, EXECPLAN, MILESTONE, badStatus, edit, removeTrees, tree } from "./helpers/tree.js";

vi.mock("../src/source/read-source.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/source/read-source.js")>();
  return { ...real, readSource: vi.fn(real.readSource), readSourceStart: vi.fn(real.readSourceStart) };
});

const generated: string[] = [];
afterAll(() => {
  removeTrees();
  for (const dir of generated) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => vi.clearAllMocks());

const CACHE = ".milestonelintcache";
const TREE_FILES = [EXECPLAN, MILESTONE, ARCHIVED];

const run = (cwd: string, options: LintOptions = {}): Promise<LintResult> => lint({ cwd, now: FIXTURE_TODAY, cache: true, ...options });
const uncached = (cwd: string, options: LintOptions = {}): Promise<LintResult> => lint({ cwd, now: FIXTURE_TODAY, ...options });

/** The plans and milestones that were opened since the mocks were last cleared, relative to `dir` (the detection also looks for an AGENTS.md, which is no file of the tree). */
function opened(dir: string): string[] {
  const calls = [...vi.mocked(reader.readSource).mock.calls, ...vi.mocked(reader.readSourceStart).mock.calls];
  const files = calls.map((c) => path.relative(dir, c[0]).split(path.sep).join("/"));
  return [...new Set(files.filter((f) => f.startsWith(".agent/")))].sort();
}

interface Stored {
  stamp: string;
  settled?: boolean;
  diagnostics: { message: string }[];
}
const readCache = (dir: string) => JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")) as { files: Record<string, Stored> };

/**
 * A stamp vouches for a file's text once its change time is past (the file system's
 * clock may not tick between two writes): the tree is left a moment before it is
 * cached, and the test checks that the cache says so, rather than passing without
 * ever testing the stamps.
 */
async function settledCache(dir: string, options: LintOptions = {}): Promise<LintResult> {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const first = await run(dir, options);
  const stored = Object.values(readCache(dir).files);
  expect(stored.length).toBe(TREE_FILES.length);
  expect(stored.every((s) => s.settled === true)).toBe(true);
  return first;
}

describe("--cache-strategy metadata (the default)", () => {
  it("opens no file of the tree on a warm run, and reports what a run without a cache reports", async () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    const expected = await uncached(dir);
    expect(expected.errorCount).toBe(1);
    expect(await settledCache(dir)).toEqual(expected);
    expect(opened(dir)).toEqual(TREE_FILES.slice().sort());
    vi.clearAllMocks();
    expect(await run(dir)).toEqual(expected);
    expect(opened(dir)).toEqual([]);
    // the pre-commit case: one file judged against the tree, the staged file and the rest known by their stamp
    const one = await uncached(dir, { patterns: [MILESTONE] });
    expect(one.files.map((f) => f.file)).toEqual([MILESTONE]);
    vi.clearAllMocks();
    expect(await run(dir, { patterns: [MILESTONE] })).toEqual(one);
    expect(opened(dir)).toEqual([]);
  });

  it("without a config file, keeps what the detection found of each file too: a warm run as the CLI makes it opens no file", async () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    // the CLI's run without a config file: the tree is looked at first, to choose the profile
    const asCli = { detectDefaults: true } as const;
    const expected = await uncached(dir, asCli);
    expect(expected.errorCount).toBe(1);
    expect(await settledCache(dir, asCli)).toEqual(expected);
    const findings = Object.values((JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")) as { findings: Record<string, { settled?: boolean }> }).findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.settled === true)).toBe(true);
    vi.clearAllMocks();
    expect(await run(dir, asCli)).toEqual(expected);
    expect(opened(dir)).toEqual([]);
    // content hashing reads them all, the detection included
    expect(await run(dir, { ...asCli, cacheStrategy: "content" })).toEqual(expected);
    expect(opened(dir)).toEqual(TREE_FILES.slice().sort());
    // a finding is used for the very file only: planted with a made-up stamp, or of a form the detection has not, it is not
    const data = JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")) as { findings: Record<string, { stamp: string; value: string; settled?: boolean }> };
    const planted = (change: (f: { stamp: string; value: string }) => void) => {
      for (const f of Object.values(data.findings)) change(f);
      writeFileSync(path.join(dir, CACHE), JSON.stringify(data));
    };
    planted((f) => Object.assign(f, { value: "cli", stamp: "1:2:3:4:5" }));
    expect(await run(dir, asCli)).toEqual(expected);
    planted((f) => Object.assign(f, { value: "agentrules" }));
    expect(await run(dir, asCli)).toEqual(expected);
  });

  it("reuses a stored result by its stamp alone: an entry planted for the very file shows", async () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    await settledCache(dir);
    const data = readCache(dir);
    const stored = data.files[path.join(dir, MILESTONE)] as Stored;
    stored.diagnostics = stored.diagnostics.map((d) => ({ ...d, message: "planted" }));
    writeFileSync(path.join(dir, CACHE), JSON.stringify(data));
    vi.clearAllMocks();
    const r = await run(dir);
    expect(r.files.flatMap((f) => f.diagnostics.map((d) => d.message))).toEqual(["planted"]);
    expect(opened(dir)).toEqual([]);
    // content hashing reads the file, and the planted entry still matches its text and stamp
    expect((await run(dir, { cacheStrategy: "content" })).files.flatMap((f) => f.diagnostics.map((d) => d.message))).toEqual(["planted"]);
    expect(opened(dir)).toEqual(TREE_FILES.slice().sort());
  });

  it("a cache copied to another checkout, or an entry with a made-up stamp, vouches for nothing", async () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    const expected = await uncached(dir);
    await settledCache(dir);
    const checkout = `${dir}-checkout`;
    cpSync(dir, checkout, { recursive: true });
    const data = readCache(checkout);
    const moved: typeof data = { files: {} };
    for (const [file, stored] of Object.entries(data.files)) moved.files[file.replace(dir, checkout)] = { ...stored, diagnostics: [] };
    writeFileSync(path.join(checkout, CACHE), JSON.stringify({ ...data, files: moved.files }));
    const there = await run(checkout);
    expect(there.errorCount).toBe(1);
    expect(there.files.flatMap((f) => f.diagnostics.map((d) => d.message))).toEqual(expected.files.flatMap((f) => f.diagnostics.map((d) => d.message)));

    const made = readCache(dir);
    made.files[path.join(dir, MILESTONE)] = { ...(made.files[path.join(dir, MILESTONE)] as Stored), diagnostics: [], stamp: "1:2:3:4:5" };
    writeFileSync(path.join(dir, CACHE), JSON.stringify(made));
    expect(await run(dir)).toEqual(expected);
  });

  it("a truncated cache file is ignored and replaced", async () => {
    const dir = tree();
    edit(dir, MILESTONE, badStatus);
    const expected = await uncached(dir);
    await settledCache(dir);
    const text = readFileSync(path.join(dir, CACHE), "utf8");
    for (const cut of [text.length - 1, Math.floor(text.length / 2), 30]) {
      writeFileSync(path.join(dir, CACHE), text.slice(0, cut));
      expect(await run(dir)).toEqual(expected);
      expect(() => JSON.parse(readFileSync(path.join(dir, CACHE), "utf8"))).not.toThrow();
    }
  });
});

describe("a file edited keeping its size and modification time", () => {
  it.each(["metadata", "content"] as CacheStrategy[])("is read again with --cache-strategy %s: its change time (and so its stamp) is not the same", async (cacheStrategy) => {
    const dir = tree();
    const file = path.join(dir, MILESTONE);
    // a modification time of whole seconds, which utimes can set back exactly
    const mtime = 1_790_000_000;
    utimesSync(file, mtime, mtime);
    await settledCache(dir, { cacheStrategy });
    const before = statSync(file, { bigint: true });
    // `in_progress` → `in-progress`: as many bytes, and an error
    edit(dir, MILESTONE, badStatus);
    utimesSync(file, mtime, mtime);
    const after = statSync(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    vi.clearAllMocks();
    const r = await run(dir, { cacheStrategy });
    expect(opened(dir)).toContain(MILESTONE);
    expect(r.errorCount).toBe(1);
    expect(r).toEqual(await uncached(dir));
  });
});

describe("switching strategy between runs", () => {
  it("never changes the diagnostics", async () => {
    const dir = tree();
    const expected = await uncached(dir);
    await settledCache(dir);
    for (const cacheStrategy of ["content", "metadata", "content", "metadata"] as CacheStrategy[]) expect(await run(dir, { cacheStrategy })).toEqual(expected);
    edit(dir, MILESTONE, badStatus);
    const broken = await uncached(dir);
    expect(broken.errorCount).toBe(1);
    for (const cacheStrategy of ["metadata", "content", "metadata"] as CacheStrategy[]) expect(await run(dir, { cacheStrategy })).toEqual(broken);
  });
});

describe("an unknown strategy", () => {
  it("is a usage error: exit 2 and one line, with or without --cache", () => {
    const dir = tree();
    for (const flags of [["--cache"], []]) {
      const r = runCli(["--now", FIXTURE_TODAY, ...flags, "--cache-strategy", "metdata"], { cwd: dir });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe('milestone-lint: Unknown cache strategy "metdata"; expected one of: metadata, content. Did you mean "metadata"?\n');
    }
  });

  it("is rejected by the API", async () => {
    const dir = tree();
    await expect(run(dir, { cacheStrategy: "size" as CacheStrategy })).rejects.toThrow(UsageError);
  });
});

describe("two runs at once on the same cache file", () => {
  const cli = path.join(REPO, "dist/cli.cjs");
  const lintAsync = async (cwd: string, flags: string[]) => {
    try {
      return (await promisify(execFile)(process.execPath, [cli, "--now", FIXTURE_TODAY, "--format", "json", ...flags, ".agent"], { cwd, maxBuffer: 1 << 26 })).stdout;
    } catch (error) {
      // exit 1: problems found, the report on stdout
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (failed.code !== 1) throw new Error(`exit ${failed.code}: ${failed.stderr}`);
      return failed.stdout as string;
    }
  };

  it("never change the diagnostics, and leave a cache the next run reads", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-two-runs-"));
    generated.push(dir);
    const files: string[] = generateTree(dir, 40, 11);
    const changed = files[files.length >> 1] as string;
    const expected = (await lintAsync(dir, ["--concurrency", "off"])) as string;
    expect((JSON.parse(expected) as { files: { diagnostics: unknown[] }[] }).files.some((f) => f.diagnostics.length > 0)).toBe(true);
    const flags = (strategy: string) => ["--cache", "--cache-location", "shared-cache.json", "--cache-strategy", strategy];
    for (const round of [0, 1, 2]) {
      // a cold cache, a warm one, and one after a file changed
      if (round === 2) writeFileSync(changed, readFileSync(changed, "utf8").replace(/^status: .*$/m, "status: in-progress"));
      const want = round === 2 ? await lintAsync(dir, ["--concurrency", "off"]) : expected;
      const both = await Promise.all([lintAsync(dir, flags("metadata")), lintAsync(dir, flags(round === 1 ? "content" : "metadata"))]);
      expect(both).toEqual([want, want]);
      expect(() => JSON.parse(readFileSync(path.join(dir, "shared-cache.json"), "utf8"))).not.toThrow();
      expect(await lintAsync(dir, flags("metadata"))).toBe(want);
    }
  });
});
