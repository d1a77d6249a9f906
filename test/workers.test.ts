/**
 * Worker threads and the cache must not change a single diagnostic or their
 * order: the built CLI on a generated tree, with and without them.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTree } from "../bench/generate.mjs";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "milestone-lint-workers-"));
  generateTree(dir, 60, 7);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lint = (...flags: string[]) => runCli(["--now", FIXTURE_TODAY, "--format", "json", ...flags, ".agent"], { cwd: dir });

describe("phase one on worker threads and from the cache", () => {
  it("reports exactly what the single-threaded run reports, in the same order", () => {
    const single = lint("--concurrency", "off");
    expect(single.stderr).toBe("");
    const reference = JSON.parse(single.stdout) as { files: { diagnostics: unknown[] }[] };
    // the generated tree has broken files, so an empty report cannot pass for equality
    expect(reference.files.filter((f) => f.diagnostics.length > 0).length).toBeGreaterThan(2);

    const threaded = lint("--concurrency", "2");
    expect(threaded.stderr).toBe("");
    expect(threaded.stdout).toBe(single.stdout);
    expect(threaded.status).toBe(single.status);

    const cacheFile = path.join(dir, "cache.json");
    const strategies = [[], ["--cache-strategy", "content"], ["--cache-strategy", "metadata"]];
    for (const flags of [["--concurrency", "2"], ["--concurrency", "2"], ["--concurrency", "off"], ...strategies.flatMap((s) => [[...s, "--concurrency", "off"], [...s, "--concurrency", "2"]])]) {
      const cached = lint("--cache", "--cache-location", cacheFile, ...flags);
      expect(cached.stdout).toBe(single.stdout);
      expect(cached.status).toBe(single.status);
    }
    // the warm runs above knew the files by their stamp: --debug says how many
    const traced = lint("--cache", "--cache-location", cacheFile, "--debug");
    expect(traced.stdout).toBe(single.stdout);
    expect(traced.stderr).toMatch(/cache: cache\.json, --cache-strategy metadata: [1-9]\d* files known unchanged by their stamp alone, 0 by their content/);
  });

  it("gives each config's files their own rules (plugins included), and keeps suppressions, with workers and cache alike", () => {
    const mixed = mkdtempSync(path.join(tmpdir(), "milestone-lint-workers-mixed-"));
    try {
      const files: string[] = generateTree(mixed, 60, 7);
      const plans = path.join(mixed, ".agent/exec_plans");
      // one plan folder under a config of its own, which turns an error into a warning
      const ownConfig = path.relative(plans, files[0] as string).split(path.sep)[0] as string;
      writeFileSync(path.join(plans, ownConfig, "milestone-lint.config.json"), JSON.stringify({ rules: { "status-matches-folder": "warn" } }));
      // and one under a config with a plugin rule, which cannot go to a worker nor into the cache
      const pluginPlan = path.relative(plans, files.find((f) => !path.relative(plans, f).startsWith(`${ownConfig}${path.sep}`)) as string).split(path.sep)[0] as string;
      const plugin = fileURLToPath(new URL("../examples/plugins/require-tags.mjs", import.meta.url));
      writeFileSync(path.join(plans, pluginPlan, "milestone-lint.config.json"), JSON.stringify({ plugins: [plugin], rules: { "require-tags": ["error", { min: 3 }] } }));
      const run = (...flags: string[]) => runCli(["--now", FIXTURE_TODAY, "--format", "json", ...flags, ".agent"], { cwd: mixed });
      type Report = { files: { file: string; diagnostics: { severity: string; ruleId: string }[] }[] };
      const shown = (abs: string) => path.relative(mixed, abs).split(path.sep).join("/");
      // a suppression comment in a file of another plan that has problems
      const before = JSON.parse(run("--concurrency", "off").stdout) as Report;
      const other = files.find(
        (f) =>
          ![ownConfig, pluginPlan].some((plan) => path.relative(plans, f).startsWith(`${plan}${path.sep}`)) &&
          (before.files.find((r) => r.file === shown(f))?.diagnostics.length ?? 0) > 0,
      ) as string;
      appendFileSync(other, "\n<!-- milestone-lint-disable-file -->\n");
      const single = run("--concurrency", "off");
      expect(single.stderr).toBe("");
      const reference = JSON.parse(single.stdout) as Report;
      expect(reference.files.find((f) => f.file === shown(other))?.diagnostics).toEqual([]);
      const severities = reference.files.filter((f) => f.file.includes(`/${ownConfig}/`)).flatMap((f) => f.diagnostics.map((d) => d.severity));
      expect(severities).toContain("warn");
      const pluginReports = reference.files.filter((f) => f.file.includes(`/${pluginPlan}/milestones/`)).flatMap((f) => f.diagnostics);
      expect(pluginReports.filter((d) => d.ruleId === "require-tags").length).toBeGreaterThan(0);
      for (const flags of [["--concurrency", "2"], ["--cache", "--concurrency", "2"], ["--cache", "--concurrency", "2"], ["--cache", "--concurrency", "off"]]) {
        const r = run(...flags);
        expect(r.stdout).toBe(single.stdout);
        expect(r.status).toBe(single.status);
      }
    } finally {
      rmSync(mixed, { recursive: true, force: true });
    }
  });

  it("rejects a --concurrency that is not a count, auto or off", () => {
    const r = lint("--concurrency", "many");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('milestone-lint: --concurrency must be a number of threads, "auto" or "off", got "many"\n');
  });
});
