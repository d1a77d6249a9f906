/**
 * The stage folders of src/ and what each may import (src/README.md): a lower stage
 * never imports a higher one, and no module imports itself through others.
 * Type-only imports count: they are what cycles and misplaced contracts grow from.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/fixtures.js";

/** Each stage and the stages it may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  source: ["shared"],
  tree: ["shared", "source"],
  fix: ["shared", "source"],
  config: ["shared", "source"],
  rules: ["shared", "source", "tree", "config"],
  run: ["shared", "source", "tree", "fix", "config", "rules"],
  report: ["shared", "source", "tree"],
  detect: ["shared", "source", "tree", "config", "run"],
  api: ["shared", "source", "tree", "fix", "config", "rules", "run", "report", "detect"],
  cli: ["shared", "source", "tree", "fix", "config", "rules", "run", "report", "detect", "api"],
  lsp: ["shared", "source", "tree", "fix", "config", "rules", "run", "report", "detect", "api"],
};

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

function stageOf(file: string): string {
  if (file.startsWith("rules/")) return "rules";
  if (file === "src/index.ts") return "api";
  const stage = file.split("/")[1];
  if (file.split("/").length !== 3 || stage === undefined || !(stage in ALLOWED)) {
    throw new Error(`${file} is not in a stage folder of src/ (src/README.md lists them)`);
  }
  return stage;
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** The project modules a file imports, as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(REPO, file), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] as string)).replace(/\.js$/, ".ts");
    if (target.endsWith(".ts")) out.push(target);
  }
  return out;
}

const files = [...tsFiles("src"), ...tsFiles("rules")];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe("architecture", () => {
  it("finds the imports it checks (a scanner that sees none would pass everything)", () => {
    expect(graph.get("src/run/engine.ts")).toContain("src/run/discover.ts");
    expect(graph.get("src/index.ts")).toContain("rules/index.ts");
    expect(graph.get("rules/id-valid.ts")?.some((t) => t.startsWith("src/shared/"))).toBe(true);
  });

  it("puts every module in a stage folder that has a README saying what it owns and may import", () => {
    for (const stage of Object.keys(ALLOWED)) {
      if (stage === "api" || stage === "rules") continue;
      expect(existsSync(path.join(REPO, "src", stage, "README.md")), `src/${stage}/README.md`).toBe(true);
    }
    for (const file of files) expect(() => stageOf(file)).not.toThrow();
  });

  it("never imports from a higher stage", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = stageOf(file);
      for (const target of targets) {
        const to = stageOf(target);
        if (to !== from && !ALLOWED[from]?.includes(to)) wrong.push(`${file} (${from}) imports ${target} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("reads the disk only through src/shared/read-fs.ts, which notes each read for the cache's verdicts (src/run/verdict.ts)", () => {
    // each with why it may use node:fs itself: nothing it reads decides a run's result
    const own: Record<string, string> = {
      "src/shared/read-fs.ts": "the reads themselves",
      "src/run/cache.ts": "the cache file: its own writes are not the run's input",
      "src/run/verdict.ts": "checks the paths a verdict names, outside any run",
      "src/run/workers.ts": "finds the worker's bundle",
      "src/fix/write-atomic.ts": "writes",
      "src/cli/cli.ts": "writes the report",
      "src/cli/init.ts": "writes the config",
      "src/cli/launcher.ts": "reads the bundle and its code cache",
      "src/lsp/open-files-linter.ts": "the language server, which keeps no cache",
    };
    const direct = files.filter((file) => /from\s*["']node:fs(?:\/promises)?["']/.test(readFileSync(path.join(REPO, file), "utf8")));
    expect(direct.length).toBeGreaterThan(1);
    expect(direct.filter((file) => !(file in own))).toEqual([]);
  });

  it("has no import cycles", () => {
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      const s = state.get(file);
      if (s === "done") return;
      if (s === "open") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
