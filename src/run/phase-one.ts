/**
 * Phase one over the files of one rule set: results from the cache where a file's
 * content is unchanged, the rest linted in this thread or spread over worker
 * threads. Whichever way a file is linted, its result is the same plain data,
 * returned in the order of `jobs`, so the output does not depend on how it was
 * computed.
 */
import { availableParallelism } from "node:os";
import type { ActiveRule } from "./lint-file.js";
import type { ResultCache } from "./cache.js";
import { versionOf } from "./content-hash.js";
import { lintJobs, pack, unpack, type FileJob, type JobResult, type JobSettings, type PackedResult } from "./lint-job.js";
import { readSource } from "../source/read-source.js";
import type { FileRule, Overrides } from "../shared/types.js";
import { lintInThreads, ruleSpecs, workersPossible, type Concurrency } from "./workers.js";

/**
 * With `concurrency: auto`, the first files are linted here while timing them; the
 * rest are shared with workers only if they would take longer than this in one
 * thread. A worker loads the bundle and warms the JIT for the Markdown parser and
 * the rules on its own. On the 2-core machine of bench/RESULTS.md (hyperfine, means
 * of 5 runs, generated milestones, this thread and one worker against this thread
 * alone): 200 milestones 1.28 s against 1.08 s, 300 1.58 s against 1.52 s, 400
 * 1.83 s against 1.90 s, 600 2.22 s against 2.58 s. The timed files, still warming
 * up, take ≈ 7.3 ms each, about 1.8× a file's steady time, so 2.5 s of projection
 * is ≈ 340 files.
 */
const WORKERS_PAY_AFTER_MS = 2500;
/** Files timed before deciding (the first one aside), or less if they take longer than this. */
const SAMPLE_FILES = 64;
const SAMPLE_MS = 400;

export interface PhaseOneOptions {
  today: string;
  fix: boolean;
  /** With `fix`: write the fixed files back. */
  write: boolean;
  concurrency: Concurrency;
  /** Texts linted instead of the files on disk. */
  overrides?: Overrides;
  /** `--debug`: time each rule and keep crash stacks. */
  debug?: boolean;
  /**
   * The cache and the key of this rule set's results in it; `walked`: the files a
   * walk of their tree met as regular files below folders, not links (they lie in
   * the tree), which `--cache-strategy metadata` may know unchanged by their stamp.
   */
  cache?: { store: ResultCache; key: string; walked?: ReadonlySet<string> };
}

/** The stored result of this file by its stamp alone, for a file that needs no reading to be judged (one met by the walk, not an override). */
function byStamp(job: FileJob, cache: NonNullable<PhaseOneOptions["cache"]>, overrides?: Overrides): JobResult | undefined {
  if (!cache.store.byStamp || !cache.walked?.has(job.path) || overrides?.has(job.path)) return undefined;
  const stamp = cache.store.stampOf(job.path);
  const hit = stamp === undefined ? undefined : cache.store.get(job, cache.key, { stamp });
  return hit && { ...hit, internalErrors: 0 };
}

/** The cached result of a file that has not changed, or undefined. */
async function fromCache(job: FileJob, cache: NonNullable<PhaseOneOptions["cache"]>, fix: boolean, overrides?: Overrides): Promise<JobResult | undefined> {
  const known = byStamp(job, cache, overrides);
  // with --fix, a file that has something to fix is linted again so that it is fixed
  if (known) return fix && known.diagnostics.some((d) => d.fix) ? undefined : known;
  // the same checks as linting it: no following links out of the tree, no waiting on a pipe
  const read = readSource(job.path, job.place.root, overrides);
  if (!read.ok) return undefined; // lintJob says why it cannot be read
  const hit = cache.store.get(job, cache.key, versionOf(read));
  // with --fix, a file that has something to fix is linted again so that it is fixed
  if (!hit || (fix && hit.diagnostics.some((d) => d.fix))) return undefined;
  return { ...hit, internalErrors: 0 };
}

/**
 * Results of fewer files than this are kept as they are: packing pays in memory only
 * when there are many, and its zlib would cost every short run a module to load.
 */
const PACK_FROM = 256;

/** Lints a few files in this thread, under one watchdog; with `packing`, their results are packed, as a worker's reply is, until phase one ends. */
async function lintSomeHere(jobs: FileJob[], rules: ActiveRule<FileRule>[], settings: JobSettings, packing: boolean): Promise<PackedResult[]> {
  const results = await lintJobs(jobs, rules, settings);
  return packing ? results.map(pack) : results;
}

/** Files read ahead and linted under one watchdog: enough to spread its cost, few enough to hold. */
const FILES_PER_WATCHDOG = 16;

async function lintHere(pending: FileJob[], rules: ActiveRule<FileRule>[], settings: JobSettings, packing: boolean): Promise<PackedResult[]> {
  const linted: PackedResult[] = [];
  for (let k = 0; k < pending.length; k += FILES_PER_WATCHDOG) linted.push(...(await lintSomeHere(pending.slice(k, k + FILES_PER_WATCHDOG), rules, settings, packing)));
  return linted;
}

async function lintPending(pending: FileJob[], rules: ActiveRule<FileRule>[], options: PhaseOneOptions): Promise<PackedResult[]> {
  const { concurrency } = options;
  const settings: JobSettings = {
    today: options.today,
    fix: options.fix,
    write: options.write,
    hashing: options.cache !== undefined,
    ...(options.debug ? { debug: true } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  };
  const packing = pending.length >= PACK_FROM;
  if (concurrency === "off" || pending.length === 0 || !workersPossible(rules)) return lintHere(pending, rules, settings, packing);
  const setup = { rules: ruleSpecs(rules), settings };
  const lintSome = (jobs: FileJob[]) => lintSomeHere(jobs, rules, settings, packing);
  if (typeof concurrency === "number") return lintInThreads(pending, setup, Math.min(concurrency, pending.length), lintSome);
  const cores = availableParallelism();
  if (cores < 2) return lintHere(pending, rules, settings, packing);
  const linted: PackedResult[] = [];
  let started = 0;
  for (const job of pending) {
    linted.push(...(await lintSome([job])));
    // the first file pays once for loading and compiling the parser and rules: it is not timed
    if (linted.length === 1) {
      started = performance.now();
      continue;
    }
    const timed = linted.length - 1;
    const elapsed = performance.now() - started;
    if (timed === SAMPLE_FILES || elapsed > SAMPLE_MS) {
      const rest = pending.length - linted.length;
      const worthIt = (elapsed / timed) * rest > WORKERS_PAY_AFTER_MS;
      if (!worthIt) return [...linted, ...(await lintHere(pending.slice(linted.length), rules, settings, packing))];
      return [...linted, ...(await lintInThreads(pending.slice(linted.length), setup, Math.min(cores, rest), lintSome))];
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
    const hit = cache ? await fromCache(job, cache, fix, options.overrides) : undefined;
    if (hit) results[i] = hit;
    else todo.push(i);
  }
  const pending = todo.map((i) => jobs[i] as FileJob);
  const linted = await lintPending(pending, rules, options);
  todo.forEach((i, k) => {
    const result = unpack(linted[k] as PackedResult);
    // the serialized copy is let go as soon as it is read
    linted[k] = result;
    results[i] = result;
    const job = jobs[i] as FileJob;
    if (!cache) return;
    if (result.read !== undefined && result.entry) cache.store.set(job.path, cache.key, result.read, { ...result, entry: result.entry });
    else cache.store.delete(job.path);
  });
  return results;
}
