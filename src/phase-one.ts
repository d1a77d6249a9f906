/**
 * Phase one over all files of a run: results from the cache where a file's content
 * is unchanged, the rest linted in this thread or spread over worker threads.
 * Whichever way a file is linted, its result is the same plain data, returned in
 * the order of `jobs`, so the output does not depend on how it was computed.
 */
import { readFileSync } from "node:fs";
import type { ActiveRule } from "./lint-file.js";
import { contentHash, type ResultCache } from "./cache.js";
import { lintJob, type FileJob, type JobResult } from "./lint-job.js";
import type { FileRule } from "./types.js";
import { lintInWorkers, ruleSpecs, workerCount, type Concurrency } from "./workers.js";

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
  const hit = cache.get(job.path, await contentHash(text), job.displayPath);
  // with --fix, a file that has something to fix is linted again so that it is fixed
  if (!hit || (fix && hit.diagnostics.some((d) => d.fix))) return undefined;
  return { ...hit, internalErrors: 0 };
}

export async function runPhaseOne(jobs: FileJob[], rules: ActiveRule<FileRule>[], options: PhaseOneOptions): Promise<JobResult[]> {
  const { today, fix, cache } = options;
  const results: JobResult[] = new Array(jobs.length);
  const todo: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as FileJob;
    const hit = cache ? await fromCache(job, cache, fix) : undefined;
    if (hit) results[i] = hit;
    else todo.push(i);
  }
  const pending = todo.map((i) => jobs[i] as FileJob);
  const workers = workerCount(pending.length, options.concurrency, rules);
  const hashing = cache !== undefined;
  let linted: JobResult[];
  if (workers > 0) {
    linted = await lintInWorkers(pending, { rules: ruleSpecs(rules), today, fix, hashing }, workers);
  } else {
    linted = [];
    for (const job of pending) linted.push(await lintJob(job, rules, today, fix, hashing));
  }
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
