/**
 * Phase one for one file from its path: read it, lint it with the file rules and,
 * with `--fix`, work out the fixed text and (unless a dry run) write it back. Plain
 * data in and out, so that it runs alike in this thread and in a worker thread.
 */
import { contentHash } from "./content-hash.js";
import { UNREADABLE_FILE } from "../shared/errors.js";
import { lintSource, type ActiveRule, type FileOutcome, type FileTrace } from "./lint-file.js";
import { readSource } from "../source/read-source.js";
import type { Directive } from "./suppressions.js";
import { writeFixed } from "../fix/write-atomic.js";
import type { Diagnostic, FilePlace, FileRule, IndexEntry, Overrides } from "../shared/types.js";

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
  /** Hash of the text the diagnostics are about, when asked for and when the result may be cached. */
  hash?: string;
  /** With `debug`. */
  trace?: FileTrace;
}

function unreadable(job: FileJob, message: string, line = 1, column = 1): Diagnostic {
  return { file: job.displayPath, line, column, endLine: line, endColumn: column, ruleId: UNREADABLE_FILE, severity: "error", message };
}

/** Reads, lints and (with `fix`) fixes one file. Never throws. */
export async function lintJob(job: FileJob, rules: ActiveRule<FileRule>[], settings: JobSettings): Promise<JobResult> {
  const { today, fix } = settings;
  const read = readSource(job.path, job.place.root, settings.overrides);
  if (!read.ok) return { diagnostics: [unreadable(job, read.message, read.line, read.column)], directives: [], internalErrors: 0 };
  const source = { ...job, text: read.text };
  const trace: FileTrace | undefined = settings.debug ? { rules: {}, crashes: [] } : undefined;
  let outcome: FileOutcome = lintSource(source, rules, today, fix, trace);
  const changed = outcome.fixedText !== undefined;
  let fixed: JobResult["fixed"];
  if (outcome.fixedText !== undefined) {
    fixed = { source: read.text, output: outcome.fixedText };
    if (settings.write && !settings.overrides?.has(job.path)) {
      try {
        await writeFixed(job.path, read.text, outcome.fixedText);
      } catch (error) {
        fixed = undefined;
        // The file keeps its problems: report them as they stand on disk.
        outcome = lintSource(source, rules, today, false);
        outcome.diagnostics.push(unreadable(job, `Fixes were not written because ${(error as Error).message}; the file was left as it was.`));
      }
    }
  }
  // A fixed file's text is no longer what was read, and a crashed rule may not crash next time: neither is cached.
  const cacheable = settings.hashing && !changed && outcome.internalErrors === 0;
  return {
    diagnostics: outcome.diagnostics,
    directives: outcome.directives,
    entry: outcome.entry,
    internalErrors: outcome.internalErrors,
    ...(fixed ? { fixed } : {}),
    ...(cacheable ? { hash: await contentHash(read.text) } : {}),
    ...(trace ? { trace } : {}),
  };
}
