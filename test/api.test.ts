/**
 * The programmatic API as users get it: the built entry (dist/index.js, what
 * `import { lint } from "milestone-lint"` loads) returns what the CLI prints.
 */
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ConfigFile, Diagnostic, LintOptions, LintResult } from "../src/index.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";
import { MILESTONE, badStatus, edit, json, removeTrees, tree } from "./helpers/tree.js";

afterAll(removeTrees);

const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { exports: Record<string, { import?: { types: string; default: string } }> };
const entry = path.join(REPO, pkg.exports["."]?.import?.default ?? "");
const api = (await import(pathToFileURL(entry).href)) as typeof import("../src/index.js");

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
