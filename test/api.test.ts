/**
 * The programmatic API as users get it: the built entry (dist/index.js, what
 * `import { lint } from "milestone-lint"` loads) returns what the CLI prints.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ConfigFile, Diagnostic, LintOptions, LintResult } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { ARCHIVED, MILESTONE, TAKEN, badStatus, draft, edit, json, read, removeTrees, tree, write } from "./helpers/tree.js";

afterAll(removeTrees);

const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { exports: Record<string, { import?: { types: string; default: string } }> };
const entry = path.join(REPO, pkg.exports["."]?.import?.default ?? "");
const api = (await import(pathToFileURL(entry).href)) as typeof import("../src/index.js");

describe("the profile of a tree without a config file", () => {
  it("is what the CLI picks with detectDefaults, with the CLI's notice, and the defaults without it", async () => {
    const dir = path.join(REPO, "fixtures/cli-trees/complete-root");
    const detected = await api.lint({ cwd: dir, now: FIXTURE_TODAY, detectDefaults: true });
    expect(detected.notice).toMatch(/^milestone-lint: no config file, and \.agent\/exec_plans holds .* linted with the "agentrules" preset/);
    const cli = JSON.parse(runCli(["--format", "json", "--now", FIXTURE_TODAY], { cwd: dir }).stdout) as LintResult;
    expect(detected.errorCount).toBe(cli.errorCount);
    expect(detected.warningCount).toBe(cli.warningCount);
    // the template's profile reports every CLI-style milestone for its missing markers
    const plain = await api.lint({ cwd: dir, now: FIXTURE_TODAY });
    expect(plain.notice).toBeUndefined();
    expect(plain.errorCount).toBeGreaterThan(detected.errorCount);
    // a config given wins: nothing is detected
    expect((await api.lint({ cwd: dir, now: FIXTURE_TODAY, detectDefaults: true, config: {} })).notice).toBeUndefined();
  });
});

describe("the package entry", () => {
  it("is dist/index.js, with its declarations built beside it", () => {
    expect(path.relative(REPO, entry)).toBe(path.join("dist", "index.js"));
    expect(existsSync(path.join(REPO, pkg.exports["."]?.import?.types ?? ""))).toBe(true);
    expect(typeof api.lint).toBe("function");
  });

  it("lint() returns the results the CLI prints", async () => {
    const dir = tree({ "milestone-lint.config.json": json({ rules: { "front-matter-closed": "warn" } }) });
    edit(dir, MILESTONE, badStatus);
    const options: LintOptions = { cwd: dir, now: FIXTURE_TODAY };
    const result: LintResult = await api.lint(options);
    const cli = JSON.parse(runCli(["--format", "json", "--now", FIXTURE_TODAY], { cwd: dir }).stdout);
    expect(result.errorCount).toBe(1);
    expect(cli.errorCount).toBe(result.errorCount);
    const fromApi = result.files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.map(({ file: _f, ...d }: Diagnostic) => d) }));
    // the JSON adds each rule's docsUrl, which the API has in the rule's meta
    const withoutDocs = (diagnostics: { docsUrl?: string }[]) => diagnostics.map(({ docsUrl: _docs, ...d }) => d);
    expect(cli.files.map((f: { file: string; diagnostics: { docsUrl?: string }[] }) => ({ file: f.file, diagnostics: withoutDocs(f.diagnostics) }))).toEqual(fromApi);
  });

  it("takes a config file path or an inline config, and fixes", async () => {
    const dir = tree({ "strict.json": json({ rules: { "front-matter-schema": "warn" } }) });
    edit(dir, MILESTONE, (t) => `\n${badStatus(t)}`);
    const inline: ConfigFile = { rules: { "front-matter-schema": "off" } };
    expect((await api.lint({ cwd: dir, now: FIXTURE_TODAY, config: "strict.json" })).warningCount).toBe(1);
    expect((await api.lint({ cwd: dir, now: FIXTURE_TODAY, config: inline })).errorCount).toBe(1);
    const fixed = await api.lint({ cwd: dir, now: FIXTURE_TODAY, config: inline, fix: true });
    expect(fixed.errorCount).toBe(0);
    expect(fixed.files.find((f) => f.file === MILESTONE)?.output?.startsWith("---\n")).toBe(true);
  });

  it("rejects a broken config with a UsageError", async () => {
    const dir = tree();
    await expect(api.lint({ cwd: dir, config: { rules: { nope: "off" } } })).rejects.toThrow(/^inline config: unknown rule "nope"\.$/);
    await expect(api.lint({ cwd: dir, config: { rules: { nope: "off" } } })).rejects.toBeInstanceOf(api.UsageError);
  });
});

const shape = (r: LintResult) => r.files.map((f) => ({ file: f.file, diagnostics: f.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`) }));

describe("texts instead of files", () => {
  it("lintText() judges a text as the file it names: the result lint() gives for that text on disk", async () => {
    const dir = tree();
    const text = badStatus(read(dir, MILESTONE));
    const fromText = await api.lintText(text, { cwd: dir, filePath: MILESTONE, now: FIXTURE_TODAY });
    const onDisk = tree({ [MILESTONE]: text });
    expect(fromText).toEqual(await api.lint({ cwd: onDisk, patterns: [MILESTONE], now: FIXTURE_TODAY }));
    expect(fromText.errorCount).toBe(1);
    // the plans and milestones for the boards, unless the caller shows none
    expect(fromText.tree?.plans.map((p) => p.id)).toEqual(["EP-20260210-003"]);
    expect((await api.lintText(text, { cwd: dir, filePath: MILESTONE, now: FIXTURE_TODAY, tree: false })).tree).toBeUndefined();
  });

  it("lintText() fixes without writing: the fixed text is the result's output", async () => {
    const dir = tree();
    const before = read(dir, MILESTONE);
    const result = await api.lintText(before.replace("ms: 2", 'ms: "2"'), { cwd: dir, filePath: MILESTONE, now: FIXTURE_TODAY, fix: true });
    expect(result.files[0]?.output).toBe(before);
    expect(result.errorCount).toBe(0);
    expect(read(dir, MILESTONE)).toBe(before);
  });

  it("overrides: several unsaved texts, one of them a new file, seen by the whole-tree rules instead of the disk", async () => {
    const dir = tree();
    // unsaved: the draft takes MS002, and the milestone on disk with MS002 is renumbered MS003 in its buffer
    const taken = draft(dir, 2);
    const renumbered = read(dir, MILESTONE).replace("/MS002", "/MS003").replace("ms: 2", "ms: 3");
    const alone = await api.lintText(taken, { cwd: dir, filePath: TAKEN, now: FIXTURE_TODAY });
    expect(alone.files[0]?.diagnostics.map((d) => d.ruleId)).toEqual(["milestone-number-unique"]);
    const overrides = new Map([[MILESTONE, renumbered], [path.join(dir, TAKEN), taken]]);
    const both = await api.lint({ cwd: dir, patterns: [TAKEN, MILESTONE], now: FIXTURE_TODAY, overrides });
    expect(both.files.map((f) => [f.file, f.diagnostics.map((d) => d.ruleId)])).toEqual([
      [MILESTONE, ["filename-matches-id"]],
      [TAKEN, []],
    ]);
    expect(existsSync(path.join(dir, TAKEN))).toBe(false);
    expect(read(dir, MILESTONE)).not.toBe(renumbered);
  });

  it("a LintSession gives what lint() gives, run after run, while the tree changes on disk", async () => {
    const dir = tree();
    const session = new api.LintSession({ cwd: dir });
    const options = { patterns: [MILESTONE], now: FIXTURE_TODAY, overrides: new Map([[MILESTONE, read(dir, MILESTONE)]]) };
    const same = async () => expect(shape(await session.lint(options))).toEqual(shape(await api.lint({ cwd: dir, ...options })));
    await same();
    // a sibling rewritten to take MS002: seen by the whole-tree rules at the next run
    edit(dir, ARCHIVED, (t) => t.replace("id: EP-20260210-003/MS001", "id: EP-20260210-003/MS002").replace("ms: 1", "ms: 2"));
    await same();
    expect((await session.lint(options)).files[0]?.diagnostics.map((d) => d.ruleId)).toContain("milestone-number-unique");
    // a file added, then the sibling removed, and a symlink that loops (read every time: it cannot be stamped)
    write(dir, TAKEN, draft(dir, 2));
    await same();
    symlinkSync("EP-20260210-003_MS009_loop.md", path.join(dir, path.dirname(MILESTONE), "EP-20260210-003_MS009_loop.md"));
    await same();
    rmSync(path.join(dir, ARCHIVED));
    await same();
    // the buffer edited
    options.overrides.set(MILESTONE, badStatus(read(dir, MILESTONE)));
    await same();
    // a config file written: forget() reads configs again
    writeFileSync(path.join(dir, "milestone-lint.config.json"), json({ rules: { "front-matter-schema": "off" } }));
    session.forget();
    await same();
  });
});
