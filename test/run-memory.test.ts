/**
 * What a LintSession remembers of the tree between runs (src/run/run-memory.ts):
 * files and folders that did not change are not read again, ones that did are, and
 * texts that stand in for files are seen by the whole-tree rules even when the run
 * does not lint them.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { rmSync } from "node:fs";
import path from "node:path";
import { lint, LintSession } from "../src/index.js";
import { RunMemory } from "../src/run/run-memory.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ARCHIVED, DRAFT, MILESTONE, TAKEN, draft, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);
afterEach(() => vi.restoreAllMocks());

/** The MS001 archived milestone retold as MS002, the number of the active one. */
const archivedAsMs002 = (dir: string) => read(dir, ARCHIVED).replace("/MS001", "/MS002").replace("ms: 1", "ms: 2");

describe("the memory of a session", () => {
  it("reads for the index only the files that changed since the last run", async () => {
    const dir = tree();
    const reads: string[] = [];
    const original = RunMemory.prototype.indexEntry;
    vi.spyOn(RunMemory.prototype, "indexEntry").mockImplementation(function (this: RunMemory, file, read) {
      return original.call(this, file, () => (reads.push(path.relative(dir, file)), read()));
    });
    const session = new LintSession({ cwd: dir });
    const run = () => session.lint({ patterns: [MILESTONE], now: FIXTURE_TODAY });
    await run();
    expect(reads.sort()).toEqual([ARCHIVED, ".agent/exec_plans/search-index/EP-20260210-003_search-index.md"].sort());
    reads.length = 0;
    await run();
    expect(reads).toEqual([]);
    write(dir, ARCHIVED, archivedAsMs002(dir));
    write(dir, DRAFT, draft(dir));
    expect((await run()).files[0]?.diagnostics.map((d) => d.ruleId)).toContain("milestone-number-unique");
    expect(reads.sort()).toEqual([ARCHIVED, DRAFT].sort());
  });

  it("lets the whole-tree rules see a text that stands in for a file the run does not lint", async () => {
    const dir = tree();
    const overrides = new Map([[ARCHIVED, archivedAsMs002(dir)]]);
    const options = { cwd: dir, patterns: [MILESTONE], now: FIXTURE_TODAY, overrides };
    const [alone, withMemory] = [await lint(options), await new LintSession({ cwd: dir }).lint(options)];
    expect(alone.files.map((f) => f.file)).toEqual([MILESTONE]);
    expect(alone.files[0]?.diagnostics.map((d) => d.ruleId)).toContain("milestone-number-unique");
    expect(withMemory).toEqual(alone);
    // and a text for a file that is not on disk at all
    rmSync(path.join(dir, ARCHIVED));
    const unsaved = await lint({ ...options, overrides: new Map([[TAKEN, draft(dir, 2)]]) });
    expect(unsaved.files[0]?.diagnostics.map((d) => d.ruleId)).toContain("milestone-number-unique");
  });
});
