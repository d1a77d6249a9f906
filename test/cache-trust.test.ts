/**
 * The cache is data, never trusted (issue 12): an entry of the wrong shape is not
 * used, a cache copied or committed from another checkout vouches for nothing, a
 * file at the cache's place that is not ours is neither read nor overwritten, the
 * cache is written with the user's umask, and one file JSON cannot hold does not
 * stop the rest being cached.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cpSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { lint, type LintResult } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { ARCHIVED, MILESTONE, badStatus, edit, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

interface Stored {
  key: string;
  hash: string;
  stamp: string;
  diagnostics: Record<string, unknown>[];
  directives: unknown[];
  entry: { keys: Record<string, unknown>; linted: boolean; body?: unknown };
}
interface CacheFile {
  milestoneLintCache: number;
  files: Record<string, Stored>;
}

const CACHE = ".milestonelintcache";
const run = (cwd: string, cache = true): Promise<LintResult> => lint({ cwd, now: FIXTURE_TODAY, cache });
const readCache = (dir: string) => JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")) as CacheFile;
const writeCache = (dir: string, data: CacheFile) => writeFileSync(path.join(dir, CACHE), JSON.stringify(data));

/** A tree with one real error, its result without a cache, and a cache written by a first run. */
async function cached() {
  const dir = tree();
  edit(dir, MILESTONE, badStatus);
  const expected = await run(dir, false);
  expect(expected.errorCount).toBe(1);
  expect(await run(dir)).toEqual(expected);
  return { dir, expected, entry: () => readCache(dir).files[path.join(dir, MILESTONE)] as Stored };
}

describe("an entry of the wrong shape is not used: the run is as without a cache", () => {
  const breakages: [string, (e: Stored) => void][] = [
    ["diagnostics not a list", (e) => void (e.diagnostics = "none" as never)],
    ["a diagnostic without its message", (e) => void delete e.diagnostics[0]?.message],
    ["a line that is a string", (e) => void ((e.diagnostics[0] as Record<string, unknown>).line = "6")],
    ["a line of 0", (e) => void ((e.diagnostics[0] as Record<string, unknown>).line = 0)],
    ["an unknown severity", (e) => void ((e.diagnostics[0] as Record<string, unknown>).severity = "fatal")],
    ["a fix without its range", (e) => void ((e.diagnostics[0] as Record<string, unknown>).fix = { text: "x" })],
    ["a directive without its place", (e) => void (e.directives = [{ kind: "disable-file", ruleIds: [] }])],
    ["a directive of an unknown kind", (e) => void (e.directives = [{ kind: "ignore", ruleIds: [], line: 1, column: 1, endLine: 1, endColumn: 1 }])],
    ["keys that are not a map", (e) => void (e.entry.keys = [] as never)],
    ["a key without its spans", (e) => void (e.entry.keys.id = ["EP-20260210-003/MS002"])],
    ["a key with a span of column 0", (e) => void ((e.entry.keys.id as unknown[])[1] = 0)],
    ["a key whose list items' spans are cut short", (e) => void (e.entry.keys.id = [2, 1, 2, 3, 2, 5, 2, 26, [2, 5, 2], "EP-20260210-003/MS002"])],
    ["a key of the earlier layout, spans named", (e) => void (e.entry.keys.id = { value: "EP-20260210-003/MS002", keySpan: { line: 2, column: 1, endLine: 2, endColumn: 3 }, valueSpan: { line: 2, column: 5, endLine: 2, endColumn: 26 } })],
    ["a body summary of the wrong shape", (e) => void (e.entry.body = { tasks: 3 })],
    ["a plan's summary with more steps ticked than it has", (e) => void (e.entry.body = { tasks: { done: 0, total: 0 }, plan: { progress: { done: 3, total: 1 } } })],
    ["a plan's summary with an outcome of its own", (e) => void (e.entry.body = { tasks: { done: 0, total: 0 }, plan: { outcomes: "maybe" } })],
    ["no stamp", (e) => void delete (e as Partial<Stored>).stamp],
  ];

  it.each(breakages)("%s", async (_name, breakIt) => {
    const { dir, expected, entry } = await cached();
    const data = readCache(dir);
    const stored = entry();
    // emptied first: were the broken entry used, the error would be gone
    stored.diagnostics = stored.diagnostics.map((d) => ({ ...d, message: "planted" }));
    breakIt(stored);
    data.files[path.join(dir, MILESTONE)] = stored;
    writeCache(dir, data);
    expect(await run(dir)).toEqual(expected);
    const stylish = runCli(["--now", FIXTURE_TODAY, "--cache"], { cwd: dir });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).not.toMatch(/undefined|planted/);
  });
});

describe("a cache copied or committed from another checkout vouches for nothing", () => {
  it("an entry planted without diagnostics does not hide a real error in a fresh checkout of the tree", async () => {
    const { dir, expected } = await cached();
    // what a committed cache does in CI: the same files in a new place, the entries moved there by hand
    const checkout = `${dir}-checkout`;
    cpSync(dir, checkout, { recursive: true });
    const data = readCache(checkout);
    const moved: CacheFile = { ...data, files: {} };
    for (const [file, stored] of Object.entries(data.files)) moved.files[file.replace(dir, checkout)] = { ...stored, diagnostics: [] };
    writeCache(checkout, moved);
    const r = await run(checkout);
    expect(r.errorCount).toBe(1);
    expect(r.files.map((f) => f.diagnostics.map((d) => d.message))).toEqual(expected.files.map((f) => f.diagnostics.map((d) => d.message)));
  });

  it("an entry with a made-up stamp is not used, in the tree it was made for either", async () => {
    const { dir, expected, entry } = await cached();
    const data = readCache(dir);
    data.files[path.join(dir, MILESTONE)] = { ...entry(), diagnostics: [], stamp: "1:2:3:4:5" };
    writeCache(dir, data);
    expect(await run(dir)).toEqual(expected);
  });

  it("a file rewritten with the same text is read again: it is another version of the file", async () => {
    const { dir, expected, entry } = await cached();
    const before = entry().stamp;
    const data = readCache(dir);
    data.files[path.join(dir, MILESTONE)] = { ...entry(), diagnostics: [] };
    writeCache(dir, data);
    const file = path.join(dir, MILESTONE);
    writeFileSync(file, readFileSync(file));
    expect(await run(dir)).toEqual(expected);
    expect(entry().stamp).not.toBe(before);
  });
});

describe("--cache-location at a file that is not a cache of ours", () => {
  it("is refused, and the file left as it was", () => {
    const dir = tree({ "README.md": "# Our project\n" });
    const r = runCli(["--now", FIXTURE_TODAY, "--cache", "--cache-location", "README.md"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `milestone-lint: The cache file ${path.join(dir, "README.md")} is not a milestone-lint cache; milestone-lint neither reads nor overwrites it. Remove it, or give --cache-location another file.\n`,
    );
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("# Our project\n");
  });

  it("an empty file, or a cache of ours under any name, is used and replaced", async () => {
    const dir = tree({ "empty.json": "" });
    await lint({ cwd: dir, now: FIXTURE_TODAY, cache: true, cacheLocation: "empty.json" });
    const written = readFileSync(path.join(dir, "empty.json"), "utf8");
    expect(written.startsWith('{"milestoneLintCache":')).toBe(true);
    await lint({ cwd: dir, now: FIXTURE_TODAY, cache: true, cacheLocation: "empty.json" });
    expect(readFileSync(path.join(dir, "empty.json"), "utf8")).toBe(written);
  });
});

describe("the cache file on disk", () => {
  it("is written with the user's umask, whatever mode the file it replaces had", () => {
    const dir = tree();
    const cli = path.join(REPO, "dist/cli.cjs");
    for (const [umask, mode] of [["077", 0o600], ["022", 0o644]] as const) {
      execFileSync("sh", ["-c", `umask ${umask} && "${process.execPath}" "${cli}" --now ${FIXTURE_TODAY} --cache`], { cwd: dir });
      expect(statSync(path.join(dir, CACHE)).mode & 0o777).toBe(mode);
      // a run that changes nothing does not rewrite it; a changed file does
      edit(dir, MILESTONE, (t) => `${t}\n`);
    }
  });

  it("a front matter whose alias refers to itself is left out of the cache, and every other file is cached", async () => {
    const dir = tree();
    edit(dir, ARCHIVED, (t) => t.replace("risk: med\n", "risk: med\nloop: &loop [*loop]\n"));
    const expected = await run(dir, false);
    expect(await run(dir)).toEqual(expected);
    const files = Object.keys(readCache(dir).files).map((f) => path.relative(dir, f));
    expect(files).toContain(MILESTONE);
    expect(files).not.toContain(ARCHIVED);
    expect(await run(dir)).toEqual(expected);
  });
});
