/**
 * A `--cache` run in a tree unchanged since the last gives the last run's result back
 * without linting (src/run/verdict.ts, issue 14); whatever change the result could
 * depend on sends it down the usual path. Each change below is made to a tree whose
 * last cached run kept a verdict; the next cached run must then equal a run without a
 * cache — and, for a change that matters, differ from the run before it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lint, type LintOptions, type LintResult } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { contentHash } from "../src/run/content-hash.js";

const CACHE = ".milestonelintcache";
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Long enough for a file's change time to be past when the next run begins (src/run/verdict.ts's margin is 100 ms). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** A copy of a fixture repository, its own git root, its files' change times past; the PLANS.md practice's without its config, as --init finds it. */
async function repository(fixture: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-verdict-"));
  made.push(dir);
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  if (fixture === PRACTICE) unlinkSync(path.join(dir, "milestone-lint.config.json"));
  await settle();
  return dir;
}

// as the CLI lints: the detection of a tree without config included
const lintIn = (cwd: string, options: LintOptions = {}): Promise<LintResult> => lint({ cwd, now: FIXTURE_TODAY, detectDefaults: true, ...options });

interface StoredVerdict {
  key: string;
  sum: string;
  verdict: { result: LintResult };
}
/** Whether a cached run gave the verdict back: such a run writes nothing, while any other keeps its own verdict, replacing the cache file. */
async function replayed(dir: string, options: LintOptions = {}): Promise<{ replayed: boolean; result: LintResult }> {
  const before = statSync(path.join(dir, CACHE));
  const result = await lintIn(dir, { cache: true, ...options });
  const after = statSync(path.join(dir, CACHE));
  return { replayed: before.ino === after.ino && before.mtimeMs === after.mtimeMs, result };
}

const verdictsIn = (dir: string): StoredVerdict[] => (JSON.parse(readFileSync(path.join(dir, CACHE), "utf8")) as { verdicts: StoredVerdict[] }).verdicts;

const AGENTRULES = "cli-trees/complete-root";
const PLAN = ".agent/exec_plans/active/webhook-intake/EP-20260406-001_webhook-intake.md";
const ACTIVE = ".agent/exec_plans/active/webhook-intake/milestones/active";
const MILESTONE = `${ACTIVE}/MS002_retries.md`;
const PRACTICE = "execplan/docs-layout";

const rewrite = (dir: string, rel: string, change: (text: string) => string) => writeFileSync(path.join(dir, rel), change(readFileSync(path.join(dir, rel), "utf8")));

/** [what changes, the fixture, the change, whether the result must differ]. */
const changes: [string, string, (dir: string) => void, boolean][] = [
  ["a milestone's front matter", AGENTRULES, (dir) => rewrite(dir, MILESTONE, (t) => t.replace(/^status: .*$/m, "status: someday")), true],
  ["a milestone rewritten to the same size", AGENTRULES, (dir) => rewrite(dir, MILESTONE, (t) => t.replace(/^status: (.)/m, (_m, c: string) => `status: ${c === "x" ? "y" : "x"}`)), true],
  ["a milestone added with a number taken", AGENTRULES, (dir) => writeFileSync(path.join(dir, ACTIVE, "MS002_retries-again.md"), readFileSync(path.join(dir, MILESTONE))), true],
  ["a milestone removed", AGENTRULES, (dir) => unlinkSync(path.join(dir, MILESTONE)), true],
  ["a plan folder renamed", AGENTRULES, (dir) => renameSync(path.join(dir, ".agent/exec_plans/active/webhook-intake"), path.join(dir, ".agent/exec_plans/active/intake")), true],
  ["a document a plan names removed", AGENTRULES, (dir) => unlinkSync(path.join(dir, "docs/webhooks/intake.md")), true],
  ["the registry edited", AGENTRULES, (dir) => rewrite(dir, ".agent/exec_plans/registry.json", (t) => t.replace("webhook-intake", "webhook-intake-2")), true],
  ["a config file added where the run looks for one", AGENTRULES, (dir) => writeFileSync(path.join(dir, "milestone-lint.config.json"), JSON.stringify({ extends: ["recommended"] })), true],
  ["a .gitignore that leaves a milestone out", AGENTRULES, (dir) => writeFileSync(path.join(dir, ".gitignore"), `${ACTIVE}/MS003_dead-letter-queue.md\n`), true],
  ["a milestone replaced by a link to another", AGENTRULES, (dir) => (unlinkSync(path.join(dir, MILESTONE)), symlinkSync("MS003_dead-letter-queue.md", path.join(dir, MILESTONE))), true],
  ["a plan of the PLANS.md practice edited", PRACTICE, (dir) => rewrite(dir, "docs/exec-plans/active/invoice-csv-export.md", (t) => t.replace("## Progress", "## Progress notes")), true],
  ["the rules document of the practice edited", PRACTICE, (dir) => rewrite(dir, "PLANS.md", (t) => t.replace("## Surprises & Discoveries", "## Surprises")), true],
  ["a note added beside the plans", PRACTICE, (dir) => writeFileSync(path.join(dir, "docs/exec-plans/active/notes.md"), "# Notes\n"), false],
];

describe.each(["metadata", "content"] as const)("a warm --cache run after a change is the run without a cache (--cache-strategy %s)", (cacheStrategy) => {
  it.each(changes)("%s", async (_what, fixture, change, matters) => {
    const dir = await repository(fixture);
    const before = await lintIn(dir, { cache: true, cacheStrategy });
    // the first run kept a verdict: without one, this case would test the per-file cache only
    expect(verdictsIn(dir)).toHaveLength(1);
    expect(await replayed(dir, { cacheStrategy })).toEqual({ replayed: true, result: before });
    change(dir);
    const after = await lintIn(dir);
    if (matters) expect(after).not.toEqual(before);
    expect(await lintIn(dir, { cache: true, cacheStrategy })).toEqual(after);
  });
});

it("a hook's run on its staged file is replayed while nothing changed, and lints the file again once it is edited (its state is checked first)", async () => {
  const dir = await repository(AGENTRULES);
  const staged = { patterns: [MILESTONE] } satisfies LintOptions;
  const before = await lintIn(dir, { cache: true, ...staged });
  expect(verdictsIn(dir)[0]?.verdict).toMatchObject({ lead: [[path.join(dir, MILESTONE), expect.any(String)]] });
  expect(await replayed(dir, staged)).toEqual({ replayed: true, result: before });
  rewrite(dir, MILESTONE, (t) => t.replace(/^status: .*$/m, "status: someday"));
  const after = await lintIn(dir, staged);
  expect(after).not.toEqual(before);
  expect(await replayed(dir, staged)).toEqual({ replayed: false, result: after });
});

it("a hook's run on its staged file after the file's plan, read only for the whole-tree rules, was edited is the run without a cache", async () => {
  const dir = await repository(AGENTRULES);
  const staged = { patterns: [MILESTONE] } satisfies LintOptions;
  const before = await lintIn(dir, { cache: true, ...staged });
  expect(verdictsIn(dir)).toHaveLength(1);
  rewrite(dir, PLAN, (t) => t.replace(/^status: .*$/m, "status: someday"));
  const after = await lintIn(dir, staged);
  expect(after).not.toEqual(before);
  expect(await lintIn(dir, { cache: true, ...staged })).toEqual(after);
});

it("a file written again with the same bytes is replayed with --cache-strategy content (by what it holds), not with metadata (its times changed)", async () => {
  for (const cacheStrategy of ["content", "metadata"] as const) {
    const dir = await repository(AGENTRULES);
    const before = await lintIn(dir, { cache: true, cacheStrategy });
    rewrite(dir, MILESTONE, (t) => t);
    expect(await replayed(dir, { cacheStrategy })).toEqual({ replayed: cacheStrategy === "content", result: before });
  }
});

it("a milestone linted in a worker thread, which notes nothing in the run's trace, and then edited, is linted again", async () => {
  const dir = await repository(AGENTRULES);
  const threads = { concurrency: 2 } satisfies LintOptions;
  const before = await lintIn(dir, { cache: true, ...threads });
  expect(verdictsIn(dir)).toHaveLength(1);
  rewrite(dir, MILESTONE, (t) => t.replace(/^status: .*$/m, "status: someday"));
  const after = await lintIn(dir, threads);
  expect(after).not.toEqual(before);
  expect(await lintIn(dir, { cache: true, ...threads })).toEqual(after);
});

it("a warm --cache run after git wrote in .git, or after a document a plan links to was edited, is replayed: the run only asked whether they exist", async () => {
  const dir = await repository(AGENTRULES);
  const before = await lintIn(dir, { cache: true });
  writeFileSync(path.join(dir, ".git/index"), "DIRC");
  rewrite(dir, "docs/webhooks/intake.md", (t) => `${t}\nOne more line.\n`);
  expect(await lintIn(dir)).toEqual(before);
  expect(await replayed(dir)).toEqual({ replayed: true, result: before });
});

describe("a verdict", () => {
  it("is what the next run in an unchanged tree gives back, as long as its text is the one written", async () => {
    const dir = await repository(AGENTRULES);
    const expected = await lintIn(dir, { cache: true });
    const text = readFileSync(path.join(dir, CACHE), "utf8");
    const [stored] = verdictsIn(dir);
    if (!stored) throw new Error("no verdict kept");
    // a planted warning, with the hash of the text that holds it: replayed, so the run did not lint
    const planted = JSON.stringify({ ...stored.verdict, result: { ...stored.verdict.result, warnings: ["planted"] } });
    const line = (verdict: string, sum: string) => `{"key":${JSON.stringify(stored.key)},"sum":${JSON.stringify(sum)},"verdict":${verdict}}`;
    const original = line(JSON.stringify(stored.verdict), stored.sum);
    expect(text).toContain(`${original}\n`);
    // the lengths the first line gives, of the file and of its verdicts' lines, made true again
    const pad = (n: number) => String(n).padStart(12, "0");
    const withLength = (t: string) =>
      t.replace(/"bytes":"\d{12}","verdictBytes":"\d{12}"/, `"bytes":"${pad(Buffer.byteLength(t))}","verdictBytes":"${pad(Buffer.byteLength(t.slice(t.indexOf("\n") + 1, t.indexOf("\n],") + 1)))}"`);
    writeFileSync(path.join(dir, CACHE), withLength(text.replace(original, line(planted, contentHash(planted)))));
    expect((await lintIn(dir, { cache: true })).warnings).toEqual(["planted"]);
    // the same text under the old hash (edited by hand), or a cache of another length (cut short): not used
    writeFileSync(path.join(dir, CACHE), withLength(text.replace(original, line(planted, stored.sum))));
    expect(await lintIn(dir, { cache: true })).toEqual(expected);
    writeFileSync(path.join(dir, CACHE), text.replace(original, line(planted, contentHash(planted))));
    expect(await lintIn(dir, { cache: true })).toEqual(expected);
  });

  it("is kept for each set of options: another day, other paths, --quiet, no board", async () => {
    const dir = await repository(AGENTRULES);
    await lintIn(dir, { cache: true });
    const other = [{ now: "2027-01-01" }, { patterns: [MILESTONE] }, { quiet: true }, { tree: false }] satisfies LintOptions[];
    for (const options of other) expect(await lintIn(dir, { cache: true, ...options })).toEqual(await lintIn(dir, options));
    // the latest three
    expect(verdictsIn(dir)).toHaveLength(3);
  });

  it("is not kept by a run that read files changed while it ran (or just before: their stamps cannot vouch for them yet)", async () => {
    const dir = await repository(AGENTRULES);
    rewrite(dir, PLAN, (t) => `${t}\n`);
    await lintIn(dir, { cache: true });
    expect(verdictsIn(dir)).toEqual([]);
  });

  it("is not kept by a run given a glob, whose library reads the disk itself", async () => {
    const dir = await repository(AGENTRULES);
    await lintIn(dir, { cache: true, patterns: [".agent/exec_plans/**/*.md"] });
    expect(verdictsIn(dir)).toEqual([]);
  });

  it("is not kept by a run that loads a plugin or a JavaScript config, whose code may read anything", async () => {
    const dir = await repository(AGENTRULES);
    writeFileSync(path.join(dir, "milestone-lint.config.mjs"), `export default { extends: ["agentrules"] };\n`);
    await settle();
    await lintIn(dir, { cache: true });
    expect(verdictsIn(dir)).toEqual([]);
  });

  it("is not kept by two runs at once, which cannot tell their reads apart", async () => {
    const dir = await repository(AGENTRULES);
    const other = await repository(PRACTICE);
    await Promise.all([lintIn(dir, { cache: true }), lintIn(other, { cache: true })]);
    expect(verdictsIn(dir)).toEqual([]);
    expect(verdictsIn(other)).toEqual([]);
  });

  it("is not kept by a run that fixes (even without writing)", async () => {
    const dir = await repository(AGENTRULES);
    await lintIn(dir, { cache: true, fixDryRun: true });
    expect(verdictsIn(dir)).toEqual([]);
  });

  it("gives the CLI the same report and exit code", async () => {
    const dir = await repository(AGENTRULES);
    rewrite(dir, MILESTONE, (t) => t.replace(/^status: .*$/m, "status: someday"));
    await settle();
    const cold = runCli(["--now", FIXTURE_TODAY], { cwd: dir });
    expect(cold.status).toBe(1);
    runCli(["--now", FIXTURE_TODAY, "--cache"], { cwd: dir });
    expect(verdictsIn(dir)).toHaveLength(1);
    const warm = runCli(["--now", FIXTURE_TODAY, "--cache"], { cwd: dir });
    expect({ status: warm.status, stdout: warm.stdout, stderr: warm.stderr }).toEqual({ status: cold.status, stdout: cold.stdout, stderr: cold.stderr });
  });
});

it("a tree with a file whose name holds a line break and what looks like a stored path keeps and checks its verdict like any other", async () => {
  const dir = await repository(AGENTRULES);
  const odd = `${ACTIVE}/notes\n3 x.md`;
  writeFileSync(path.join(dir, odd), "# Notes\n");
  await settle();
  const before = await lintIn(dir, { cache: true });
  expect(verdictsIn(dir)).toHaveLength(1);
  expect(await replayed(dir)).toEqual({ replayed: true, result: before });
  unlinkSync(path.join(dir, odd));
  expect(await lintIn(dir, { cache: true })).toEqual(await lintIn(dir));
});

it("a folder that could not be listed, made readable, is listed: the run noted it though the listing failed", async () => {
  const dir = await repository(AGENTRULES);
  chmodSync(dir, 0o755);
  // where `nobody` (the CLI's user when the tests run as root, who reads anything) may write the cache
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-verdict-cache-"));
  made.push(cacheDir);
  chmodSync(cacheDir, 0o777);
  const cacheFile = path.join(cacheDir, "cache");
  const json = ["--now", FIXTURE_TODAY, "-f", "json"];
  const folder = path.join(dir, ACTIVE);
  chmodSync(folder, 0o000);
  await settle();
  const unreadable = runCli([...json, "--cache", "--cache-location", cacheFile], { cwd: dir, unprivileged: true });
  expect(unreadable.stdout).toContain("Folder cannot be read");
  expect((JSON.parse(readFileSync(cacheFile, "utf8")) as { verdicts: unknown[] }).verdicts).toHaveLength(1);
  chmodSync(folder, 0o755);
  const readable = runCli([...json, "--cache", "--cache-location", cacheFile], { cwd: dir, unprivileged: true });
  expect(readable.stdout).not.toContain("Folder cannot be read");
  expect(readable.stdout).toBe(runCli(json, { cwd: dir, unprivileged: true }).stdout);
});
