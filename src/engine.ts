/**
 * A run from paths to results: find files, classify them, run the file rules on
 * each (phase one), then the whole-tree rules on the index (phase two). The engine
 * knows no rule by name: it runs whatever rules it is given.
 */
import path from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { discover } from "./discover.js";
import { lintSource, type ActiveRule } from "./lint-file.js";
import { classify } from "./place.js";
import { buildIndex, runProjectRules } from "./project.js";
import { registryRootOf } from "./registry.js";
import { readSource } from "./read-source.js";
import { writeAtomic } from "./write-atomic.js";
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
}

/** Id of the diagnostic given to a file that cannot be read or decoded; not a rule, cannot be turned off. */
export const UNREADABLE_FILE = "unreadable-file";

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

/** Whether a file lies in what the user named: a path given, or a folder given that holds it (globs cover nothing extra). */
function coverage(patterns: readonly string[], cwd: string): (abs: string) => boolean {
  const named = patterns.filter((p) => !isDynamicPattern(p)).map((p) => path.resolve(cwd, p));
  return (abs) => named.some((n) => abs === n || abs.startsWith(n.endsWith(path.sep) ? n : n + path.sep));
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

  for (const file of files) {
    const place = classify(file);
    if (!place) {
      // a registry.json named on the command line brings its tree into the run
      const registryRoot = registryRootOf(file);
      if (registryRoot) roots.add(registryRoot);
      continue;
    }
    roots.add(place.root);
    const shown = displayPath(file);
    const read = await readSource(file);
    if (!read.ok) {
      const line = read.line ?? 1;
      const column = read.column ?? 1;
      byFile.set(shown, [
        { file: shown, line, column, endLine: line, endColumn: column, ruleId: UNREADABLE_FILE, severity: "error", message: read.message },
      ]);
      continue;
    }
    const outcome = lintSource({ path: file, displayPath: shown, text: read.text, place }, rules.file, today, options.fix);
    internalErrors += outcome.internalErrors;
    byFile.set(shown, outcome.diagnostics);
    if (outcome.fixedText !== undefined) {
      try {
        await writeAtomic(file, outcome.fixedText);
      } catch (error) {
        internalErrors++;
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        outcome.diagnostics.push({
          file: shown, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId: UNREADABLE_FILE, severity: "error",
          message: `Fixes could not be written (${reason}); the file was left as it was.`,
        });
      }
    }
    entries.push(outcome.entry);
  }

  if (rules.project.length > 0 && roots.size > 0) {
    const index = await buildIndex(entries, [...roots].sort(), {
      displayPath,
      covers: coverage(options.patterns, cwd),
      ...(options.isIgnored ? { isIgnored: options.isIgnored } : {}),
    });
    const project = runProjectRules(index, rules.project, today, options.config.layout);
    internalErrors += project.internalErrors;
    // a linted registry.json is listed like every linted file, with or without problems
    for (const registry of index.registries) if (registry.linted && !byFile.has(registry.displayPath)) byFile.set(registry.displayPath, []);
    for (const d of project.diagnostics) {
      const list = byFile.get(d.file);
      if (list) list.push(d);
      else byFile.set(d.file, [d]);
    }
  }
  return summarize(byFile, internalErrors);
}
