/**
 * Random sequences of changes to a real tree (files edited, added, removed, renamed,
 * saved unchanged; folders added), each followed by a `--cache` run, which keeps a
 * verdict, and a second one, which replays it: both must give what a run without a
 * cache gives (src/run/verdict.ts). Run by `npm run fuzz`: each step waits for the
 * stamps to settle, so at most 60 sequences (FUZZ_RUNS lowers it).
 */
import { afterAll, expect, it } from "vitest";
import fc from "fast-check";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lint, type LintResult } from "../src/index.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 60), 60);
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 120));
/** The whole tree, or one milestone judged against it (a hook's run, which reads the rest only for the whole-tree rules). */
const STAGED = ".agent/exec_plans/active/webhook-intake/milestones/active/MS002_retries.md";
let staged = false;
const lintIn = (cwd: string, cache: boolean): Promise<LintResult> =>
  lint({ cwd, now: FIXTURE_TODAY, detectDefaults: true, cache, concurrency: "off", ...(staged ? { patterns: [STAGED] } : {}) });

function markdownIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

type Change = (dir: string, pick: number) => void;
const at = <T>(list: readonly T[], pick: number): T | undefined => list[Math.floor(pick * list.length)];
const anyFile = (dir: string, pick: number) => at(markdownIn(path.join(dir, ".agent")), pick);

const CHANGES: Record<string, Change> = {
  "a status changed": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) writeFileSync(file, readFileSync(file, "utf8").replace(/^status: .*$/m, pick < 0.5 ? "status: completed" : "status: someday"));
  },
  "a line added to a body": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) writeFileSync(file, `${readFileSync(file, "utf8")}\n- [ ] one more step\n`);
  },
  "a file saved unchanged": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) utimesSync(file, new Date(), new Date());
  },
  "a file copied beside itself": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) cpSync(file, file.replace(/\.md$/, "-copy.md"));
  },
  "a file removed": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) unlinkSync(file);
  },
  "a file renamed": (dir, pick) => {
    const file = anyFile(dir, pick);
    if (file) renameSync(file, path.join(path.dirname(file), `renamed-${Math.floor(pick * 1000)}.md`));
  },
  "a plan folder added": (dir, pick) => {
    const plan = path.join(dir, ".agent/exec_plans/active", `added-${Math.floor(pick * 1000)}`);
    mkdirSync(plan, { recursive: true });
    writeFileSync(path.join(plan, "EP-20260601-009_added.md"), "---\nid: EP-20260601-009\n---\n# Added\n");
  },
  "the registry emptied": (dir) => writeFileSync(path.join(dir, ".agent/exec_plans/registry.json"), "{}\n"),
};

it(
  "a cached run and its replay after any sequence of changes are the run without a cache",
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...Object.keys(CHANGES)), fc.double({ min: 0, max: 0.999, noNaN: true })), { minLength: 1, maxLength: 4 }), async (one, steps) => {
        staged = one;
        const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-verdict-fuzz-"));
        made.push(dir);
        cpSync(path.join(FIXTURES, "cli-trees/complete-root"), dir, { recursive: true });
        mkdirSync(path.join(dir, ".git"));
        await settle();
        await lintIn(dir, true);
        for (const [name, pick] of steps) {
          CHANGES[name]?.(dir, pick);
          const expected = await lintIn(dir, false).catch((error: Error) => error.message);
          // right after the change (no verdict kept: the stamps are too fresh), then settled (one kept), then replayed
          expect(await lintIn(dir, true).catch((error: Error) => error.message)).toEqual(expected);
          await settle();
          expect(await lintIn(dir, true).catch((error: Error) => error.message)).toEqual(expected);
          if (typeof expected === "string") continue; // a run that fails keeps nothing
          // a verdict kept, and given back: the replay writes nothing
          const cache = path.join(dir, ".milestonelintcache");
          expect((JSON.parse(readFileSync(cache, "utf8")) as { verdicts: unknown[] }).verdicts).toHaveLength(1);
          const before = statSync(cache);
          expect(await lintIn(dir, true)).toEqual(expected);
          expect(statSync(cache)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
        }
      }),
      { numRuns: RUNS },
    );
  },
  600_000,
);
