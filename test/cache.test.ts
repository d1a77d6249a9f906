/**
 * `--cache`: a re-run takes per-file results from the cache file; a changed file,
 * config, tool version or day invalidates them; a corrupt cache file is ignored.
 * Reuse is observed by editing a stored message: it shows up only if the stored
 * result is used.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { lint, type LintOptions, type LintResult } from "../src/index.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const CASE = path.join(FIXTURES, "rules/front-matter-schema/enum-type-missing");
const MILESTONE = ".agent/exec_plans/search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md";
const PLANTED = "planted in the cache file";

let dir: string;
let cacheFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-cache-"));
  cpSync(CASE, dir, { recursive: true });
  cacheFile = path.join(dir, ".milestonelintcache");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (options: LintOptions = {}, api = lint): Promise<LintResult> =>
  api({ cwd: dir, now: FIXTURE_TODAY, cache: true, ...options });
const messages = (r: LintResult) => r.files.flatMap((f) => f.diagnostics.map((d) => d.message));

/** Rewrites every stored message, so that a result read from the cache can be told apart. */
function plant(): void {
  const data = JSON.parse(readFileSync(cacheFile, "utf8")) as { files: Record<string, { diagnostics: { message: string }[] }> };
  const stored = Object.values(data.files);
  expect(stored.length).toBeGreaterThan(0);
  for (const file of stored) for (const d of file.diagnostics) d.message = PLANTED;
  writeFileSync(cacheFile, JSON.stringify(data));
}

describe("--cache", () => {
  it("writes .milestonelintcache in the working directory and reuses it on a re-run", async () => {
    const cold = await run();
    expect(existsSync(cacheFile)).toBe(true);
    expect(messages(cold)).toHaveLength(4);
    expect(await run()).toEqual(cold);
    plant();
    expect(messages(await run())).toEqual([PLANTED, PLANTED, PLANTED, PLANTED]);
  });

  it("re-lints a file whose content changed", async () => {
    const cold = await run({ patterns: [".agent"] });
    plant();
    appendFileSync(path.join(dir, MILESTONE), "\nOne more line.\n");
    const warm = await run({ patterns: [".agent"] });
    expect(messages(warm)).toEqual(messages(cold));
  });

  it("forgets files that no longer exist when it is next written", async () => {
    await run();
    const stored = () => Object.keys((JSON.parse(readFileSync(cacheFile, "utf8")) as { files: object }).files);
    const archived = stored().find((f) => f.includes(`${path.sep}archive${path.sep}`));
    expect(archived).toBeDefined();
    rmSync(archived as string);
    appendFileSync(path.join(dir, MILESTONE), "\nOne more line.\n");
    await run();
    expect(stored()).not.toContain(archived);
    expect(stored()).toContain(path.join(dir, MILESTONE));
  });

  it("on a run of one file, reuses the front matter of the rest of the tree while its text is unchanged", async () => {
    const archived = path.join(dir, ".agent/exec_plans/search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md");
    const one = { patterns: [MILESTONE] };
    const cold = await run(one);
    expect(cold.files.map((f) => f.file)).toEqual([MILESTONE]);
    // the archived milestone was read for the whole-tree rules only; plant MS002's id as its own
    // a key is kept as [...its spans, more spans or null, its value]
    const data = JSON.parse(readFileSync(cacheFile, "utf8")) as { files: Record<string, { entry: { keys: { id: unknown[] } } }> };
    const stored = data.files[archived];
    expect(stored?.entry.keys.id[9]).toBe("EP-20260210-003/MS001");
    (stored as NonNullable<typeof stored>).entry.keys.id[9] = "EP-20260210-003/MS002";
    writeFileSync(cacheFile, JSON.stringify(data));
    const ids = (r: LintResult) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === "milestone-number-unique").map((d) => d.message));
    expect(ids(await run(one))).toEqual([expect.stringContaining("EP-20260210-003_MS001_tsvector-column.md")]);
    // once its text changes, it is read again
    appendFileSync(archived, "\nOne more line.\n");
    expect(ids(await run(one))).toEqual([]);
    expect(messages(await run(one))).toEqual(messages(cold));
  });

  it("is dropped when the config changes", async () => {
    await run();
    plant();
    const r = await run({ config: { rules: { "front-matter-schema": "warn" } } });
    expect(messages(r)).not.toContain(PLANTED);
    expect(r.warningCount).toBe(4);
  });

  it("is dropped when the tool version changes", async () => {
    await run();
    plant();
    vi.resetModules();
    vi.doMock("../src/shared/version.js", () => ({ VERSION: "99.0.0" }));
    try {
      const other = (await import("../src/index.js")).lint;
      expect(messages(await run({}, other))).not.toContain(PLANTED);
    } finally {
      vi.doUnmock("../src/shared/version.js");
      vi.resetModules();
    }
  });

  it("is dropped on another day (rules compare dates with today)", async () => {
    await run();
    plant();
    expect(messages(await run({ now: "2026-11-26" }))).not.toContain(PLANTED);
  });

  it("ignores a corrupt cache file and replaces it", async () => {
    const expected = await run({ cache: false });
    for (const junk of ["{ not json", "null", '{"format":1,"key":"x","files":7}', ""]) {
      writeFileSync(cacheFile, junk);
      expect(await run()).toEqual(expected);
      expect(() => JSON.parse(readFileSync(cacheFile, "utf8"))).not.toThrow();
    }
  });

  it("ignores a stored entry of the wrong shape", async () => {
    const expected = await run();
    const data = JSON.parse(readFileSync(cacheFile, "utf8")) as { files: Record<string, unknown> };
    for (const key of Object.keys(data.files)) data.files[key] = { hash: "x", diagnostics: "no" };
    writeFileSync(cacheFile, JSON.stringify(data));
    expect(await run()).toEqual(expected);
  });

  it("with --fix, still fixes a file whose stored result has fixes", async () => {
    const file = path.join(dir, MILESTONE);
    const valid = readFileSync(path.join(FIXTURES, "valid", MILESTONE), "utf8");
    writeFileSync(file, `\n${valid}`);
    const before = await run();
    expect(before.files.find((f) => f.file === MILESTONE)?.diagnostics.map((d) => [d.ruleId, Boolean(d.fix)])).toEqual([["front-matter-first-byte", true]]);
    const fixed = await run({ fix: true });
    expect(readFileSync(file, "utf8")).toBe(valid);
    expect(fixed.errorCount).toBe(0);
    // the same results, less the text before and after the fixes that only the --fix run carries
    expect(await run()).toEqual({ ...fixed, files: fixed.files.map(({ source: _source, output: _output, ...rest }) => rest) });
  });

  it("--cache-location names the file, or a folder to hold .milestonelintcache", async () => {
    await run({ cacheLocation: "my-cache.json" });
    expect(existsSync(path.join(dir, "my-cache.json"))).toBe(true);
    await run({ cacheLocation: "new-dir/" });
    expect(existsSync(path.join(dir, "new-dir", ".milestonelintcache"))).toBe(true);
    mkdirSync(path.join(dir, "existing-dir"));
    await run({ cacheLocation: "existing-dir" });
    expect(existsSync(path.join(dir, "existing-dir", ".milestonelintcache"))).toBe(true);
    expect(existsSync(cacheFile)).toBe(false);
  });
});
