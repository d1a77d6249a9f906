/**
 * A run from paths to results: find files, classify them, run the file rules on
 * each (phase one), then the whole-tree rules on the index (phase two). The engine
 * knows no rule by name: it runs whatever rules it is given.
 */
import path from "node:path";
import { ResultCache } from "./cache.js";
import type { RunConfig } from "../config/config-loader.js";
import { discover, walkedFiles, type ArgumentFound, type Discovery, type IgnoredBy } from "./discover.js";
import { Folders } from "../shared/folders.js";
import { notePath } from "../shared/fs-trace.js";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob, JobResult } from "./lint-job.js";
import { runPhaseOne } from "./phase-one.js";
import { classify, findRoot } from "../tree/place.js";
import { classifyPlan, planFolders } from "../tree/plan-place.js";
import { UNREADABLE_FILE, UsageError } from "../shared/errors.js";
import { buildIndex, diskFiles, runProjectRules, unreadEntry } from "./project.js";
import { registryRootOf } from "../tree/registry.js";
import type { RunMemory } from "./run-memory.js";
import type { ReadAhead } from "../shared/types.js";
import { AGENT_DIRS, defaultTargets } from "../tree/agent-dirs.js";
import { treeSummary } from "../tree/tree-summary.js";
import { suppress, unusedDirectives, type Directive } from "./suppressions.js";
import { applyProjectFixes } from "./project-fixes.js";
import { builtinOnly, type Concurrency } from "./workers.js";
import type {
  Diagnostic,
  FilePlace,
  FileResult,
  FileSystemView,
  FileRule,
  IndexEntry,
  LintResult,
  Overrides,
  PlanPlace,
  ProjectRule,
  ResolvedConfig,
  Rule,
  RunTrace,
} from "../shared/types.js";

export interface EngineOptions {
  /** Files, folders or globs; default `.agent`. */
  patterns: readonly string[];
  /** What a run given no path searches (`patterns` is this very array then), and what is searched when every pattern is a `!pattern`; default `.agent`. */
  defaults?: readonly string[];
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
  /** Why a file is left out (config `ignores`, `.gitignore`); such files are not linted, and gitignored ones not indexed either. */
  ignoredBy?: IgnoredBy;
  /** A layout forced on the command line (`--layout`); wins over every config's `layout`. */
  layout?: ResolvedConfig["layout"];
  /** The `--cache` file, opened by the caller, which saves it (with the run's verdict, src/index.ts); no caching without it. */
  cache?: ResultCache;
  /** Worker threads for phase one; default `auto`. */
  concurrency?: Concurrency;
  /**
   * Texts that stand in for files on disk, by absolute path (editor buffers,
   * standard input): linted, indexed and judged by the whole-tree rules instead of
   * the disk's copy, even when there is none. An overridden file is never written:
   * its fixed text is in its result's `output`.
   */
  overrides?: Overrides;
  /** What a long-lived caller keeps between runs (src/run/run-memory.ts); takes the place of `cache`. */
  memory?: RunMemory;
  /** The run's folder listings, when the caller listed some already (the profile detection, the config lookup); default each folder once in this run. */
  folders?: Folders;
  /** Texts the caller read already (the profile detection): the whole-tree index takes them instead of reading the files again. */
  readAhead?: ReadAhead;
  /** Build the result's `tree` (default true); a caller that shows no board (the language server) is spared it. */
  tree?: boolean;
  /** What the whole-tree rules see of the repository beyond the index; default the disk. */
  files?: FileSystemView;
  /** `--debug`: the result carries a trace of the run (timings, configs, crash stacks). */
  debug?: boolean;
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
function coverage(discovery: Discovery): (abs: string) => boolean {
  const named = discovery.args.flatMap((a) => (a.abs !== undefined ? [a.abs] : []));
  return (abs) => named.some((n) => abs === n || abs.startsWith(n.endsWith(path.sep) ? n : n + path.sep));
}

const WHERE = "only Markdown files under an exec_plans folder, or that the config's `plans` names, are; see docs/format.md";

/** Why an argument led to no file being linted, or undefined when it led to some. */
function unmatched(arg: ArgumentFound, linted: ReadonlySet<string>): string | undefined {
  if (arg.found.some((f) => linted.has(f))) return undefined;
  const quoted = `"${arg.arg}"`;
  if (arg.found.length === 0) return arg.kind === "glob" ? `no files match ${quoted}` : `${quoted} holds no Markdown files`;
  if (arg.kind === "file") {
    const first = arg.ignored[0];
    if (first) return `${quoted} is ignored (by ${first.reason.description}); not linted`;
    return `${quoted} is not a plan or milestone file (${WHERE}); not linted`;
  }
  if (arg.ignored.length === arg.found.length) {
    const by = [...new Set(arg.ignored.map((i) => i.reason.description))].join(", ");
    return `every file ${quoted} names is ignored (by ${by})`;
  }
  return `${quoted} ${arg.kind === "glob" ? "matches" : "holds"} no plan or milestone file (${WHERE})`;
}

/**
 * A file named on its own that is ignored, or a note that sits in a plan tree, is
 * skipped without failing the run: that is what a pre-commit hook passes when a
 * commit touches only such files.
 */
const skippedOnPurpose = (arg: ArgumentFound, notes: ReadonlySet<string>): boolean =>
  arg.kind === "file" && (arg.ignored.length > 0 || (arg.abs !== undefined && (findRoot(arg.abs) !== undefined || notes.has(arg.abs))));

export async function runEngine(options: EngineOptions): Promise<LintResult> {
  const { cwd, today } = options;
  // a file under `cwd` (nearly all of them) by slicing: path.relative once per file of a large tree added up
  const base = path.resolve(cwd);
  const under = base.endsWith(path.sep) ? base : base + path.sep;
  const displayPath = (abs: string) => (abs.startsWith(under) ? abs.slice(under.length) : path.relative(base, abs)).split(path.sep).join("/") || ".";
  const fallback: RunConfig = { config: options.config, rules: options.rules };
  const active = new Map<RunConfig, ReturnType<typeof activeRules>>();
  const activeFor = (run: RunConfig) => {
    let a = active.get(run);
    if (!a) active.set(run, (a = activeRules(run.rules, run.config)));
    return a;
  };
  const trace: RunTrace | undefined = options.debug ? { phases: [], rules: {}, configs: [], crashes: [] } : undefined;
  let mark = performance.now();
  const phase = (name: string): void => {
    if (!trace) return;
    const now = performance.now();
    trace.phases.push({ phase: name, ms: now - mark });
    mark = now;
  };
  const { overrides, memory } = options;
  // `!pattern` arguments alone leave files out of what a run without paths lints (a missing `.agent` is reported)
  const targets = defaultTargets(cwd);
  // the discovery and the whole-tree index walk the same folders
  const { list: listFolder } = options.folders ?? new Folders(memory?.listFolder);
  const discovery = await discover(options.patterns, {
    cwd,
    listFolder,
    fallback: options.defaults ?? (targets.length > 0 ? targets : AGENT_DIRS.slice(0, 1)),
    ...(options.ignoredBy ? { ignoredBy: options.ignoredBy } : {}),
    ...(overrides ? { overrides } : {}),
  });
  const files = discovery.files;
  phase("find files");
  const warnings: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  const directivesOf = new Map<string, Directive[]>();
  const fixed = new Map<string, { source: string; output: string }>();
  const runOf = new Map<string, RunConfig>();
  const entries: IndexEntry[] = [];
  const planEntries: IndexEntry<PlanPlace>[] = [];
  const projectFixes = new Set<Diagnostic>();
  const roots = new Set<string>();
  let internalErrors = 0;

  // phase one runs once per rule set: files under the same config share their rules, workers and cache key
  const jobs: FileJob[] = [];
  const runOfJob: RunConfig[] = [];
  const groups = new Map<RunConfig, number[]>();
  const notes = new Set<string>();
  for (const file of files) {
    const run = options.configFor ? await options.configFor(file) : fallback;
    // the config's plans first: a file it names a plan is one, wherever it sits
    const plans = run.config.plans;
    const place = (plans && classifyPlan(file, plans)) ?? classify(file);
    // a README or a note among the plans, which the config leaves out
    if (!place && plans && planFolders(plans).some((dir) => file.startsWith(dir + path.sep))) notes.add(file);
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
    trace?.configs.push({ file: displayPath(file), config: run.origin ?? "the given config" });
  }
  // the worker threads that read them note nothing in the run's trace
  for (const job of jobs) notePath(job.path);
  // phase one reads the files it lints whole: what the detection read of them ahead is of no use
  if (options.readAhead) for (const job of jobs) options.readAhead.delete(job.path);
  phase("classify and configure");
  const linted = new Set([...jobs.map((j) => j.path), ...files.filter((f) => registryRootOf(f) !== undefined)]);
  const reasons = discovery.args.map((arg) => unmatched(arg, linted));
  for (const { dir, reason } of discovery.unreadableDirs) {
    // a folder of a plan tree holds plans or milestones: its files are missing from the run, an error; elsewhere a warning
    if (findRoot(path.join(dir, "x")) === undefined) {
      warnings.push(`folder "${displayPath(dir)}" cannot be read (${reason}); it was not searched`);
      continue;
    }
    byFile.set(displayPath(dir), [
      {
        file: displayPath(dir),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        ruleId: UNREADABLE_FILE,
        severity: "error",
        message: `Folder cannot be read (${reason}); the plans and milestones in it are neither linted nor known to the whole-tree rules.`,
      },
    ]);
  }
  if (linted.size === 0 && byFile.size === 0 && !discovery.args.every((arg) => skippedOnPurpose(arg, notes))) {
    throw new UsageError(`No files were linted: ${[...warnings, ...reasons.filter((r) => r !== undefined)].join("; ")}.`);
  }
  // a run given no path searches the default folders: one of them that holds nothing to lint (`.agents` of skills alone) is no mistake to warn of
  const byDefault = options.defaults !== undefined && options.patterns === options.defaults;
  if (!byDefault) warnings.push(...reasons.flatMap((r) => (r === undefined ? [] : [r])));
  const cache = memory?.results ?? options.cache;
  // files that lie in their tree as regular files, for the cache to know by their stamp (the plans of the PLANS.md practice are read)
  const walked = cache?.byStamp ? walkedFiles([...new Set(jobs.flatMap((job) => (job.place.kind === "plan" ? [] : [job.place.root])))], listFolder) : undefined;
  const results: JobResult[] = new Array(jobs.length);
  for (const [run, indexes] of groups) {
    const rules = activeFor(run).file;
    // plugin rules are code that the cache key does not cover: their results are not cached
    const key = cache && builtinOnly(rules) ? ResultCache.key({ today, config: run.config, rules }) : undefined;
    const linted = await runPhaseOne(
      indexes.map((i) => jobs[i] as FileJob),
      rules,
      {
        today,
        fix: options.fix,
        write: options.write ?? true,
        concurrency: options.concurrency ?? "auto",
        ...(trace ? { debug: true } : {}),
        ...(cache && key !== undefined ? { cache: { store: cache, key, ...(walked ? { walked } : {}) } } : {}),
        ...(overrides ? { overrides } : {}),
      },
    );
    linted.forEach((result, k) => (results[indexes[k] as number] = result));
  }
  jobs.forEach((job, i) => {
    const result = results[i] as JobResult;
    if (trace && result.trace) {
      for (const [id, ms] of Object.entries(result.trace.rules)) trace.rules[id] = (trace.rules[id] ?? 0) + ms;
      for (const crash of result.trace.crashes) trace.crashes.push({ ...crash, file: job.displayPath });
    }
    byFile.set(job.displayPath, result.diagnostics);
    internalErrors += result.internalErrors;
    if (result.fixed) fixed.set(job.displayPath, result.fixed);
    if (result.directives.length > 0) directivesOf.set(job.displayPath, result.directives);
    const { place } = job;
    // a plan of the PLANS.md practice has a list of its own in the index
    if (place.kind === "plan") {
      if (!result.entry) return;
      runOf.set(job.path, runOfJob[i] as RunConfig);
      planEntries.push(result.entry as IndexEntry<PlanPlace>);
      return;
    }
    if (result.entry && isTreeEntry(result.entry)) {
      runOf.set(job.path, runOfJob[i] as RunConfig);
      entries.push(result.entry);
    } else {
      // an unreadable file is still part of the tree (a gap in the numbers would be a false report), known by its path
      entries.push(unreadEntry(job.path, job.displayPath, place, true));
    }
  });

  // files that share a config share a run of the project rules; each run reports on its own files only
  phase("file rules");
  const runs = [...new Set(runOf.values())];
  // a registry.json named alone still needs a config to judge it by
  const [someRoot] = roots;
  if (runs.length === 0 && someRoot !== undefined) runs.push(options.configFor ? await options.configFor(someRoot) : fallback);
  // the index serves the project rules and the tree summary alike
  const planSets = [...new Set(runs.flatMap((run) => (run.config.plans ? [run.config.plans] : [])))];
  const index =
    roots.size === 0 && planEntries.length === 0
      ? undefined
      : await buildIndex(entries, [...roots].sort(), {
          displayPath,
          covers: coverage(discovery),
          listFolder,
          ...(options.readAhead ? { readAhead: options.readAhead } : {}),
          ...(options.ignoredBy ? { ignoredBy: options.ignoredBy } : {}),
          // the memory knows unchanged files without reading them, which hashing them would
          ...(memory ? { memory } : cache ? { cache } : {}),
          ...(overrides ? { overrides } : {}),
          plans: { linted: planEntries, sets: planSets },
        });
  // what the detection read ahead and the index did not take (the files this run linted) is dropped
  options.readAhead?.clear();
  phase("whole-tree index");
  if (index && runs.some((run) => activeFor(run).project.length > 0)) {
    for (const { dir, reason } of index.unreadableDirs) {
      if (!byFile.has(displayPath(dir))) warnings.push(`folder "${displayPath(dir)}" cannot be read (${reason}); the whole-tree rules do not know the files in it`);
    }
    // a linted registry.json is listed like every linted file, with or without problems
    for (const registry of index.registries) if (registry.linted && !byFile.has(registry.displayPath)) byFile.set(registry.displayPath, []);
    const first = runs.find((run) => activeFor(run).project.length > 0);
    const repository = options.files ?? diskFiles(overrides);
    for (const run of runs) {
      const rules = activeFor(run).project;
      if (rules.length === 0) continue;
      const own =
        runs.length === 1
          ? index
          : {
              ...index,
              entries: index.entries.map((e) => ({ ...e, linted: e.linted && runOf.get(e.path) === run })),
              ...(index.plans ? { plans: index.plans.map((e) => ({ ...e, linted: e.linted && runOf.get(e.path) === run })) } : {}),
              // the registries are judged once, by the first run that has project rules
              registries: index.registries.map((r) => ({ ...r, linted: r.linted && run === first })),
            };
      const projectTrace = trace && { rules: trace.rules, crashes: [] as { ruleId: string; stack: string }[] };
      const project = runProjectRules(own, rules, today, options.layout ?? run.config.layout, projectTrace, repository);
      for (const crash of projectTrace?.crashes ?? []) trace?.crashes.push({ ...crash, file: "(whole tree)" });
      internalErrors += project.internalErrors;
      for (const d of project.diagnostics) {
        if (d.fix) projectFixes.add(d);
        const list = byFile.get(d.file);
        if (list) list.push(d);
        else byFile.set(d.file, [d]);
      }
    }
  }

  phase("whole-tree rules");
  if (trace && cache?.file !== undefined) trace.cache = { file: displayPath(cache.file), strategy: cache.strategy, ...cache.reused };

  for (const [file, directives] of directivesOf) {
    const { kept, used } = suppress(byFile.get(file) ?? [], directives);
    if (options.reportUnusedDisables) {
      const known = new Set(runs.flatMap((run) => run.rules.map((r) => r.meta.id)));
      kept.push(...unusedDirectives(directives, used, file, [...known]));
    }
    byFile.set(file, kept);
  }
  phase("disable comments");
  if (options.fix && projectFixes.size > 0) {
    const jobOf = new Map(jobs.map((job) => [job.displayPath, { path: job.path, root: job.place.root }]));
    await applyProjectFixes(byFile, fixed, { fixable: projectFixes, fileOf: (file) => jobOf.get(file), write: options.write ?? true, ...(overrides ? { overrides } : {}) });
  }
  return {
    ...summarize(byFile, internalErrors, fixed),
    ...(index && (roots.size > 0 || (index.plans?.length ?? 0) > 0) && options.tree !== false ? { tree: treeSummary(index, today, displayPath) } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(trace ? { trace } : {}),
  };
}
