/**
 * A run from paths to results: find files, classify them, run the file rules on
 * each (phase one), then the whole-tree rules on the index (phase two). The engine
 * knows no rule by name: it runs whatever rules it is given.
 */
import path from "node:path";
import { ResultCache } from "./cache.js";
import { discover } from "./discover.js";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob } from "./lint-job.js";
import { runPhaseOne } from "./phase-one.js";
import { classify } from "./place.js";
import { buildIndex, runProjectRules } from "./project.js";
import type { Concurrency } from "./workers.js";
import type {
  Diagnostic,
  FileResult,
  FileRule,
  IndexEntry,
  LintResult,
  ProjectRule,
  ResolvedConfig,
  Rule,
} from "./types.js";

export interface EngineOptions {
  /** Files, folders or globs; default `.agent`. */
  patterns: readonly string[];
  cwd: string;
  rules: readonly Rule[];
  config: ResolvedConfig;
  /** Today as `YYYY-MM-DD`; default the local date. */
  today: string;
  /** Apply safe fixes and write the files back. */
  fix: boolean;
  isIgnored?: (absPath: string) => boolean;
  /** Absolute path of the `--cache` file; no caching without it. */
  cacheFile?: string;
  /** Worker threads for phase one; default `auto`. */
  concurrency?: Concurrency;
}

export { UNREADABLE_FILE } from "./lint-job.js";

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

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function summarize(byFile: Map<string, Diagnostic[]>, internalErrors: number): LintResult {
  const files: FileResult[] = [];
  for (const [file, list] of byFile) {
    const diagnostics = [...list].sort(compareDiagnostics);
    files.push({
      file,
      diagnostics,
      errorCount: diagnostics.filter((d) => d.severity === "error").length,
      warningCount: diagnostics.filter((d) => d.severity === "warn").length,
      fixableCount: diagnostics.filter((d) => d.fix).length,
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

export async function runEngine(options: EngineOptions): Promise<LintResult> {
  const { cwd, today } = options;
  const displayPath = (abs: string) => path.relative(cwd, abs).split(path.sep).join("/") || ".";
  const rules = activeRules(options.rules, options.config);
  const files = await discover(options.patterns, { cwd, ...(options.isIgnored ? { isIgnored: options.isIgnored } : {}) });
  const byFile = new Map<string, Diagnostic[]>();
  const entries: IndexEntry[] = [];
  const roots = new Set<string>();
  let internalErrors = 0;

  const jobs: FileJob[] = [];
  for (const file of files) {
    const place = classify(file);
    if (!place) continue;
    roots.add(place.root);
    jobs.push({ path: file, displayPath: displayPath(file), place });
  }
  const cache = options.cacheFile === undefined ? undefined : await ResultCache.open(options.cacheFile, { today, config: options.config, rules: rules.file });
  const concurrency = options.concurrency ?? "auto";
  const results = await runPhaseOne(jobs, rules.file, { today, fix: options.fix, concurrency, ...(cache ? { cache } : {}) });
  results.forEach((result, i) => {
    byFile.set((jobs[i] as FileJob).displayPath, result.diagnostics);
    internalErrors += result.internalErrors;
    if (result.entry) entries.push(result.entry);
  });
  await cache?.save();

  if (rules.project.length > 0 && roots.size > 0) {
    const index = await buildIndex(entries, [...roots].sort(), displayPath, options.isIgnored);
    const project = runProjectRules(index, rules.project, today);
    internalErrors += project.internalErrors;
    for (const d of project.diagnostics) {
      const list = byFile.get(d.file);
      if (list) list.push(d);
      else byFile.set(d.file, [d]);
    }
  }
  return summarize(byFile, internalErrors);
}
