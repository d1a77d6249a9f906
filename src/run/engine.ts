/**
 * A run from paths to results: find files, classify them, run the file rules on
 * each (phase one), then the whole-tree rules on the index (phase two). The engine
 * knows no rule by name: it runs whatever rules it is given.
 */
import path from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { ResultCache } from "./cache.js";
import type { RunConfig } from "../config/config-loader.js";
import { discover } from "./discover.js";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob, JobResult } from "./lint-job.js";
import { runPhaseOne } from "./phase-one.js";
import { classify } from "../tree/place.js";
import { classifyPlan } from "../tree/plan-place.js";
import { buildIndex, runProjectRules } from "./project.js";
import { registryRootOf } from "../tree/registry.js";
import { suppress, unusedDirectives, type Directive } from "./suppressions.js";
import { builtinOnly, type Concurrency } from "./workers.js";
import type {
  Diagnostic,
  FilePlace,
  FileResult,
  FileRule,
  IndexEntry,
  LintResult,
  ProjectRule,
  ResolvedConfig,
  Rule,
} from "../shared/types.js";

export interface EngineOptions {
  /** Files, folders or globs; default `.agent`. */
  patterns: readonly string[];
  cwd: string;
  /** The rules and config of every file, unless `configFor` says otherwise. */
  rules: readonly Rule[];
  config: ResolvedConfig;
  /** The rules and config of one file (the nearest config file); the same object for files that share one. */
  configFor?: (absPath: string) => Promise<RunConfig>;
  /** Today as `YYYY-MM-DD`; default the local date. */
  today: string;
  /** Apply safe fixes: the fixed text is in each FileResult's `output`. */
  fix: boolean;
  /** With `fix`: write the fixed files back (default true; false for `--fix-dry-run`). */
  write?: boolean;
  /** Report disable directives that suppressed nothing. */
  reportUnusedDisables?: boolean;
  isIgnored?: (absPath: string) => boolean | Promise<boolean>;
  /** A layout forced on the command line (`--layout`); wins over every config's `layout`. */
  layout?: ResolvedConfig["layout"];
  /** Absolute path of the `--cache` file; no caching without it. */
  cacheFile?: string;
  /** Worker threads for phase one; default `auto`. */
  concurrency?: Concurrency;
}

export function localDate(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function activeRules(rules: readonly Rule[], config: ResolvedConfig) {
  const file: ActiveRule<FileRule>[] = [];
  const project: ActiveRule<ProjectRule>[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.severity;
    if (severity === "off") continue;
    const options = { ...rule.meta.defaultOptions, ...setting?.options };
    if (rule.meta.scope === "project") project.push({ rule: rule as ProjectRule, severity, options });
    else file.push({ rule: rule as FileRule, severity, options });
  }
  return { file, project };
}

function isTreeEntry(entry: IndexEntry<FilePlace>): entry is IndexEntry {
  return entry.place.kind !== "plan";
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function summarize(
  byFile: Map<string, Diagnostic[]>,
  internalErrors: number,
  fixed: ReadonlyMap<string, { source: string; output: string }> = new Map(),
): LintResult {
  const files: FileResult[] = [];
  for (const [file, list] of byFile) {
    const diagnostics = [...list].sort(compareDiagnostics);
    files.push({
      file,
      diagnostics,
      errorCount: diagnostics.filter((d) => d.severity === "error").length,
      warningCount: diagnostics.filter((d) => d.severity === "warn").length,
      fixableCount: diagnostics.filter((d) => d.fix).length,
      ...fixed.get(file),
    });
  }
  const sum = (f: (r: FileResult) => number) => files.reduce((n, r) => n + f(r), 0);
  return {
    files,
    errorCount: sum((r) => r.errorCount),
    warningCount: sum((r) => r.warningCount),
    fixableCount: sum((r) => r.fixableCount),
    internalErrors,
  };
}

/** Whether a file lies in what the user named: a path given, or a folder given that holds it (globs cover nothing extra). */
function coverage(patterns: readonly string[], cwd: string): (abs: string) => boolean {
  const named = patterns.filter((p) => !isDynamicPattern(p)).map((p) => path.resolve(cwd, p));
  return (abs) => named.some((n) => abs === n || abs.startsWith(n.endsWith(path.sep) ? n : n + path.sep));
}

export async function runEngine(options: EngineOptions): Promise<LintResult> {
  const { cwd, today } = options;
  const displayPath = (abs: string) => path.relative(cwd, abs).split(path.sep).join("/") || ".";
  const fallback: RunConfig = { config: options.config, rules: options.rules };
  const active = new Map<RunConfig, ReturnType<typeof activeRules>>();
  const activeFor = (run: RunConfig) => {
    let a = active.get(run);
    if (!a) active.set(run, (a = activeRules(run.rules, run.config)));
    return a;
  };
  const files = await discover(options.patterns, { cwd, ...(options.isIgnored ? { isIgnored: options.isIgnored } : {}) });
  const byFile = new Map<string, Diagnostic[]>();
  const directivesOf = new Map<string, Directive[]>();
  const fixed = new Map<string, { source: string; output: string }>();
  const runOf = new Map<string, RunConfig>();
  const entries: IndexEntry[] = [];
  const roots = new Set<string>();
  let internalErrors = 0;

  // phase one runs once per rule set: files under the same config share their rules, workers and cache key
  const jobs: FileJob[] = [];
  const runOfJob: RunConfig[] = [];
  const groups = new Map<RunConfig, number[]>();
  for (const file of files) {
    const run = options.configFor ? await options.configFor(file) : fallback;
    // the config's plans first: a file it names a plan is one, wherever it sits
    const plans = run.config.plans;
    const place = (plans && classifyPlan(file, plans)) ?? classify(file);
    if (!place) {
      // a registry.json named on the command line brings its tree into the run
      const registryRoot = registryRootOf(file);
      if (registryRoot) roots.add(registryRoot);
      continue;
    }
    if (place.kind !== "plan") roots.add(place.root);
    const group = groups.get(run);
    if (group) group.push(jobs.length);
    else groups.set(run, [jobs.length]);
    jobs.push({ path: file, displayPath: displayPath(file), place });
    runOfJob.push(run);
  }
  const cache = options.cacheFile === undefined ? undefined : await ResultCache.open(options.cacheFile);
  const results: JobResult[] = new Array(jobs.length);
  for (const [run, indexes] of groups) {
    const rules = activeFor(run).file;
    // plugin rules are code that the cache key does not cover: their results are not cached
    const key = cache && builtinOnly(rules) ? await ResultCache.key({ today, config: run.config, rules }) : undefined;
    const linted = await runPhaseOne(
      indexes.map((i) => jobs[i] as FileJob),
      rules,
      {
        today,
        fix: options.fix,
        write: options.write ?? true,
        concurrency: options.concurrency ?? "auto",
        ...(cache && key !== undefined ? { cache: { store: cache, key } } : {}),
      },
    );
    linted.forEach((result, k) => (results[indexes[k] as number] = result));
  }
  jobs.forEach((job, i) => {
    const result = results[i] as JobResult;
    byFile.set(job.displayPath, result.diagnostics);
    internalErrors += result.internalErrors;
    if (result.fixed) fixed.set(job.displayPath, result.fixed);
    if (result.directives.length > 0) directivesOf.set(job.displayPath, result.directives);
    // an unreadable file has no entry and, as for the project rules, no config; the index holds the agentrules trees
    if (result.entry && isTreeEntry(result.entry)) {
      runOf.set(job.path, runOfJob[i] as RunConfig);
      entries.push(result.entry);
    }
  });

  // files that share a config share a run of the project rules; each run reports on its own files only
  const runs = [...new Set(runOf.values())];
  // a registry.json named alone still needs a config to judge it by
  const [someRoot] = roots;
  if (runs.length === 0 && someRoot !== undefined) runs.push(options.configFor ? await options.configFor(someRoot) : fallback);
  if (roots.size > 0 && runs.some((run) => activeFor(run).project.length > 0)) {
    const index = await buildIndex(entries, [...roots].sort(), {
      displayPath,
      covers: coverage(options.patterns, cwd),
      ...(options.isIgnored ? { isIgnored: options.isIgnored } : {}),
      ...(cache ? { cache } : {}),
    });
    // a linted registry.json is listed like every linted file, with or without problems
    for (const registry of index.registries) if (registry.linted && !byFile.has(registry.displayPath)) byFile.set(registry.displayPath, []);
    const first = runs.find((run) => activeFor(run).project.length > 0);
    for (const run of runs) {
      const rules = activeFor(run).project;
      if (rules.length === 0) continue;
      const own =
        runs.length === 1
          ? index
          : {
              ...index,
              entries: index.entries.map((e) => ({ ...e, linted: e.linted && runOf.get(e.path) === run })),
              // the registries are judged once, by the first run that has project rules
              registries: index.registries.map((r) => ({ ...r, linted: r.linted && run === first })),
            };
      const project = runProjectRules(own, rules, today, options.layout ?? run.config.layout);
      internalErrors += project.internalErrors;
      for (const d of project.diagnostics) {
        const list = byFile.get(d.file);
        if (list) list.push(d);
        else byFile.set(d.file, [d]);
      }
    }
  }

  await cache?.save();

  for (const [file, directives] of directivesOf) {
    const { kept, used } = suppress(byFile.get(file) ?? [], directives);
    if (options.reportUnusedDisables) {
      const known = new Set(runs.flatMap((run) => run.rules.map((r) => r.meta.id)));
      kept.push(...unusedDirectives(directives, used, file, [...known]));
    }
    byFile.set(file, kept);
  }
  return summarize(byFile, internalErrors, fixed);
}
