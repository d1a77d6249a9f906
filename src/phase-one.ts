/**
 * Phase one over all files of a run: results from the cache where a file's content
 * is unchanged, the rest linted in this thread or spread over worker threads.
 * Whichever way a file is linted, its result is the same plain data, returned in
 * the order of `jobs`, so the output does not depend on how it was computed.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { ActiveRule } from "./lint-file.js";
import { contentHash, type ResultCache } from "./cache.js";
import { lintJob, type FileJob, type JobResult } from "./lint-job.js";
import type { FileRule } from "./types.js";
import { lintInWorkers, ruleSpecs, workersPossible, type Concurrency } from "./workers.js";

/**
 * With `concurrency: auto`, the first files are linted here while timing them; the
 * rest go to workers only if they would take longer than this in one thread.
 * Starting a worker costs ≈ 100 ms of CPU (loading the bundle, warming the JIT), so
 * below this the second core gains nothing.
 */
const WORKERS_PAY_AFTER_MS = 600;
/** Files timed before deciding, or less if they take longer than this. */
const SAMPLE_FILES = 64;
const SAMPLE_MS = 150;

export interface PhaseOneOptions {
  today: string;
  fix: boolean;
  concurrency: Concurrency;
  cache?: ResultCache;
}

/** The cached result of a file whose content has not changed, or undefined. */
async function fromCache(job: FileJob, cache: ResultCache, fix: boolean): Promise<JobResult | undefined> {
  let text: string;
  try {
    text = readFileSync(job.path, "utf8"); // sync: see read-source.ts
  } catch {
    return undefined; // lintJob says why it cannot be read
  }
  const hit = cache.get(job, await contentHash(text));
  // with --fix, a file that has something to fix is linted again so that it is fixed
  if (!hit || (fix && hit.diagnostics.some((d) => d.fix))) return undefined;
  return { ...hit, internalErrors: 0 };
}

async function lintHere(pending: FileJob[], rules: ActiveRule<FileRule>[], options: PhaseOneOptions): Promise<JobResult[]> {
  const linted: JobResult[] = [];
  for (const job of pending) linted.push(await lintJob(job, rules, options.today, options.fix, options.cache !== undefined));
  return linted;
}

async function lintPending(pending: FileJob[], rules: ActiveRule<FileRule>[], options: PhaseOneOptions): Promise<JobResult[]> {
  const { today, fix, concurrency } = options;
  const hashing = options.cache !== undefined;
  if (concurrency === "off" || pending.length === 0 || !workersPossible(rules)) return lintHere(pending, rules, options);
  const setup = { rules: ruleSpecs(rules), today, fix, hashing };
  if (typeof concurrency === "number") return lintInWorkers(pending, setup, Math.min(concurrency, pending.length));
  const cores = availableParallelism();
  if (cores < 2) return lintHere(pending, rules, options);
  const linted: JobResult[] = [];
  const started = performance.now();
  for (const job of pending) {
    linted.push(await lintJob(job, rules, today, fix, hashing));
    const elapsed = performance.now() - started;
    if (linted.length === SAMPLE_FILES || elapsed > SAMPLE_MS) {
      const rest = pending.length - linted.length;
      const worthIt = (elapsed / linted.length) * rest > WORKERS_PAY_AFTER_MS;
      if (!worthIt) return [...linted, ...(await lintHere(pending.slice(linted.length), rules, options))];
      return [...linted, ...(await lintInWorkers(pending.slice(linted.length), setup, Math.min(cores, rest)))];
    }
  }
  return linted;
}

export async function runPhaseOne(jobs: FileJob[], rules: ActiveRule<FileRule>[], options: PhaseOneOptions): Promise<JobResult[]> {
  const { fix, cache } = options;
  const results: JobResult[] = new Array(jobs.length);
  const todo: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as FileJob;
    const hit = cache ? await fromCache(job, cache, fix) : undefined;
    if (hit) results[i] = hit;
    else todo.push(i);
  }
  const pending = todo.map((i) => jobs[i] as FileJob);
  const linted = await lintPending(pending, rules, options);
  todo.forEach((i, k) => {
    const result = linted[k] as JobResult;
    results[i] = result;
    const job = jobs[i] as FileJob;
    if (!cache) return;
    if (result.hash !== undefined && result.entry) cache.set(job.path, result.hash, result.diagnostics, result.entry);
    else cache.delete(job.path);
  });
  return results;
}
