/**
 * Phase one for one file from its path: read it, lint it with the file rules and,
 * with `--fix`, work out the fixed text and (unless a dry run) write it back. Plain
 * data in and out, so that it runs alike in this thread and in a worker thread.
 * Whatever the file holds, it costs only its own report: linting it runs within a
 * time budget, and any failure becomes a diagnostic on it.
 */
import { deserialize, serialize } from "node:v8";
import { createRequire } from "node:module";
import { versionOf, type ReadVersion } from "./content-hash.js";
import { UNREADABLE_FILE } from "../shared/errors.js";
import { lintSource, type ActiveRule, type FileOutcome, type FileTrace } from "./lint-file.js";
import { readSource } from "../source/read-source.js";
import type { Directive } from "./suppressions.js";
import { eachWithinBudget, FILE_TIME_BUDGET_MS, OverBudget, withinBudget } from "./time-budget.js";
import { writeFixed } from "../fix/write-atomic.js";
import type { Diagnostic, FilePlace, FileRule, IndexEntry, Overrides, SourceFile } from "../shared/types.js";

/** A file as it was read: its content hash and its stamp (src/source/read-source.ts; none for an override), what the cache keys results by. */
/** One file to lint. Plain data: it crosses worker threads. */
export interface FileJob {
  path: string;
  displayPath: string;
  place: FilePlace;
}

/** How the files of one run are linted. Plain data: it crosses worker threads. */
export interface JobSettings {
  today: string;
  /** Apply safe fixes. */
  fix: boolean;
  /** With `fix`: write the fixed files back (false for `--fix-dry-run`); an overridden file is never written. */
  write: boolean;
  /** Hash the text of results that may be cached. */
  hashing: boolean;
  /** Texts linted instead of the files on disk. */
  overrides?: Overrides;
  /** `--debug`: time each rule and keep the stack of each crash. */
  debug?: boolean;
  /** How long linting one file may take, in ms; default FILE_TIME_BUDGET_MS. */
  timeBudgetMs?: number;
}

export interface JobResult {
  diagnostics: Diagnostic[];
  /** The file's `milestone-lint-*` comments, applied by the engine once the whole-tree rules have run. */
  directives: Directive[];
  /** Absent when the file could not be read. */
  entry?: IndexEntry<FilePlace>;
  internalErrors: number;
  /** With `fix`, when fixes changed the text: the text read and the fixed text. */
  fixed?: { source: string; output: string };
  /** The version of the text the diagnostics are about, when asked for and when the result may be cached. */
  read?: ReadVersion;
  /** With `debug`. */
  trace?: FileTrace;
}

/**
 * A result as phase one keeps it until every file is linted: serialized, outside the
 * V8 heap. Held as objects, the results of a large tree lay scattered among the
 * garbage of every file's parse, which kept the heap from shrinking: at 10 000
 * milestones the run peaked ≈ 70 MiB higher (bench/RESULTS.md). Serializing copies
 * the strings too, so that slices of a file's text do not keep the text alive. A
 * result that is not plain data (a plugin rule reporting a function) is kept as it is.
 * Compressed (zlib's fastest level, ≈ 5 µs a file): serialized, the results of
 * 10 000 milestones held ≈ 45 MiB, a sixth of the run's peak.
 */
export type PackedResult = JobResult | Uint8Array;

/** Loaded by the first result packed: it costs start-up time, and a short run packs nothing (src/run/phase-one.ts). */
let zlib: typeof import("node:zlib") | undefined;
const zlibOf = () => (zlib ??= createRequire(import.meta.url)("node:zlib") as typeof import("node:zlib"));

export function pack(result: JobResult): PackedResult {
  try {
    // compressed into an exact-size copy (zlib returns a slice of its 16 KiB output buffer)
    return new Uint8Array(zlibOf().deflateRawSync(serialize(result), { level: 1 }));
  } catch {
    return result;
  }
}

export function unpack(packed: PackedResult): JobResult {
  return packed instanceof Uint8Array ? (deserialize(zlibOf().inflateRawSync(packed)) as JobResult) : packed;
}

function unreadable(job: FileJob, message: string, line = 1, column = 1): Diagnostic {
  return { file: job.displayPath, line, column, endLine: line, endColumn: column, ruleId: UNREADABLE_FILE, severity: "error", message };
}

/** A bug of ours, not a problem of the file: the run goes on, and says it is incomplete. */
function internalError(job: FileJob, error: unknown): JobResult {
  const reason = error instanceof Error ? error.message : String(error);
  return { diagnostics: [unreadable(job, `Internal error: this file could not be linted (${reason}); the other files were. Please report this.`)], directives: [], internalErrors: 1 };
}

/** Reads, lints and (with `fix`) fixes one file. Never throws. */
export async function lintJob(job: FileJob, rules: ActiveRule<FileRule>[], settings: JobSettings): Promise<JobResult> {
  try {
    return await lintRead(job, rules, settings);
  } catch (error) {
    return internalError(job, error);
  }
}

/**
 * Lints `jobs` as lintJob lints each, with one time budget each but as few watchdogs as
 * they fit under (src/run/time-budget.ts), and hands each result to `each` the moment it
 * is known: in a worker, the first file not answered is the one that stopped it. With
 * `fix`, each file on its own, as a fix is written before the next file is read.
 */
export async function lintJobs(jobs: FileJob[], rules: ActiveRule<FileRule>[], settings: JobSettings, each: (k: number, result: JobResult) => void = () => {}): Promise<JobResult[]> {
  const results: JobResult[] = new Array(jobs.length);
  const answer = (k: number, result: JobResult) => {
    results[k] = result;
    each(k, result);
  };
  if (settings.fix) {
    for (const [k, job] of jobs.entries()) answer(k, await lintJob(job, rules, settings));
    return results;
  }
  const read: { k: number; source: SourceFile; stamp?: string }[] = [];
  for (const [k, job] of jobs.entries()) {
    try {
      const r = readSource(job.path, job.place.root, settings.overrides);
      if (!r.ok) answer(k, { diagnostics: [unreadable(job, r.message, r.line, r.column)], directives: [], internalErrors: 0 });
      else read.push({ k, source: { ...job, text: r.text }, ...(r.stamp !== undefined ? { stamp: r.stamp } : {}) });
    } catch (error) {
      answer(k, internalError(job, error));
    }
  }
  const lint = (i: number) => {
    const trace: FileTrace | undefined = settings.debug ? { rules: {}, crashes: [] } : undefined;
    return { outcome: lintSource((read[i] as (typeof read)[number]).source, rules, settings.today, false, trace), trace };
  };
  eachWithinBudget(read.length, lint, budgetOf(settings), (i, linted) => {
    const { k, source, stamp } = read[i] as (typeof read)[number];
    try {
      const { text } = source;
      answer(k, linted.ok ? jobResult(linted.value.outcome, { text, ...(stamp !== undefined ? { stamp } : {}) }, settings, false, undefined, linted.value.trace) : failed(source, linted.error, settings));
    } catch (error) {
      answer(k, internalError(source, error));
    }
  });
  return results;
}

const budgetOf = (settings: JobSettings) => settings.timeBudgetMs ?? FILE_TIME_BUDGET_MS;

function overBudget(source: SourceFile, budget: number): Diagnostic {
  return unreadable(
    source,
    `Linting this file took more than ${budget / 1000} s and was stopped: something in it is too costly to check (an input this tool's limits do not catch yet; please report it). Its front matter and Markdown were not checked.`,
  );
}

/** What a file whose linting threw, or was stopped, gets. */
function failed(source: SourceFile, error: unknown, settings: JobSettings): JobResult {
  if (error instanceof OverBudget) return { diagnostics: [overBudget(source, budgetOf(settings))], directives: [], internalErrors: 0 };
  return internalError(source, error);
}

/** lintSource within the time budget: a file that takes longer gets one diagnostic instead of its results. */
function lintInBudget(source: SourceFile, rules: ActiveRule<FileRule>[], settings: JobSettings, fix: boolean, trace?: FileTrace): FileOutcome | Diagnostic {
  const budget = budgetOf(settings);
  try {
    return withinBudget(() => lintSource(source, rules, settings.today, fix, trace), budget);
  } catch (error) {
    if (!(error instanceof OverBudget)) throw error;
    return overBudget(source, budget);
  }
}

async function lintRead(job: FileJob, rules: ActiveRule<FileRule>[], settings: JobSettings): Promise<JobResult> {
  const { fix } = settings;
  const read = readSource(job.path, job.place.root, settings.overrides);
  if (!read.ok) return { diagnostics: [unreadable(job, read.message, read.line, read.column)], directives: [], internalErrors: 0 };
  const source = { ...job, text: read.text };
  const trace: FileTrace | undefined = settings.debug ? { rules: {}, crashes: [] } : undefined;
  const linted = lintInBudget(source, rules, settings, fix, trace);
  if (!("entry" in linted)) return { diagnostics: [linted], directives: [], internalErrors: 0 };
  let outcome: FileOutcome = linted;
  const changed = outcome.fixedText !== undefined;
  let fixed: JobResult["fixed"];
  if (outcome.fixedText !== undefined) {
    fixed = { source: read.text, output: outcome.fixedText };
    if (settings.write && !settings.overrides?.has(job.path)) {
      try {
        await writeFixed(job.path, read.text, outcome.fixedText, job.place.root);
      } catch (error) {
        fixed = undefined;
        // The file keeps its problems: report them as they stand on disk.
        const unfixed = lintInBudget(source, rules, settings, false);
        const notWritten = unreadable(job, `Fixes were not written because ${(error as Error).message}; the file was left as it was.`);
        if (!("entry" in unfixed)) return { diagnostics: [unfixed, notWritten], directives: [], internalErrors: 0 };
        outcome = unfixed;
        outcome.diagnostics.push(notWritten);
      }
    }
  }
  return jobResult(outcome, read, settings, changed, fixed, trace);
}

/** A file's result. A fixed file's text is no longer what was read, and a crashed rule may not crash next time: neither is cached. */
function jobResult(outcome: FileOutcome, read: { text: string; stamp?: string }, settings: JobSettings, changed = false, fixed?: JobResult["fixed"], trace?: FileTrace): JobResult {
  const cacheable = settings.hashing && !changed && outcome.internalErrors === 0;
  return {
    diagnostics: outcome.diagnostics,
    directives: outcome.directives,
    entry: outcome.entry,
    internalErrors: outcome.internalErrors,
    ...(fixed ? { fixed } : {}),
    ...(cacheable ? { read: versionOf(read) } : {}),
    ...(trace ? { trace } : {}),
  };
}
