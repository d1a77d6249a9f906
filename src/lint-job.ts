/**
 * Phase one for one file from its path: read it, lint it with the file rules and,
 * with `--fix`, write it back. Plain data in and out, so that it runs alike in this
 * thread and in a worker thread.
 */
import { contentHash } from "./cache.js";
import { lintSource, type ActiveRule, type FileOutcome } from "./lint-file.js";
import { readSource } from "./read-source.js";
import { writeAtomic } from "./write-atomic.js";
import type { Diagnostic, FileRule, IndexEntry, Place } from "./types.js";

/** Id of the diagnostic given to a file that cannot be read or decoded; not a rule, cannot be turned off. */
export const UNREADABLE_FILE = "unreadable-file";

/** One file to lint. Plain data: it crosses worker threads. */
export interface FileJob {
  path: string;
  displayPath: string;
  place: Place;
}

export interface JobResult {
  diagnostics: Diagnostic[];
  /** Absent when the file could not be read. */
  entry?: IndexEntry;
  internalErrors: number;
  /** Hash of the text the diagnostics are about, when asked for and when the result may be cached. */
  hash?: string;
}

function unreadable(job: FileJob, message: string, line = 1, column = 1): Diagnostic {
  return { file: job.displayPath, line, column, endLine: line, endColumn: column, ruleId: UNREADABLE_FILE, severity: "error", message };
}

/** Reads, lints and (with `fix`) rewrites one file. Never throws. */
export async function lintJob(
  job: FileJob,
  rules: ActiveRule<FileRule>[],
  today: string,
  fix: boolean,
  hashing: boolean,
): Promise<JobResult> {
  const read = await readSource(job.path);
  if (!read.ok) return { diagnostics: [unreadable(job, read.message, read.line, read.column)], internalErrors: 0 };
  const outcome: FileOutcome = lintSource({ ...job, text: read.text }, rules, today, fix);
  let internalErrors = outcome.internalErrors;
  if (outcome.fixedText !== undefined) {
    try {
      await writeAtomic(job.path, outcome.fixedText);
    } catch (error) {
      internalErrors++;
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      outcome.diagnostics.push(unreadable(job, `Fixes could not be written (${reason}); the file was left as it was.`));
    }
  }
  // A fixed file's text is no longer what was read, and a crashed rule may not crash next time: neither is cached.
  const cacheable = hashing && outcome.fixedText === undefined && internalErrors === 0;
  return { diagnostics: outcome.diagnostics, entry: outcome.entry, internalErrors, ...(cacheable ? { hash: await contentHash(read.text) } : {}) };
}
