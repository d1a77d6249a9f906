/**
 * Phase one spread over threads: the main thread and worker threads take files from
 * one shared queue, workers in small batches, so a slow file does not leave a core
 * idle. Each thread reads its own files, a batch at a time (they are linted under one
 * watchdog, src/run/time-budget.ts): no file's text or AST is held longer than it takes
 * to lint its batch. Whether workers pay is decided in src/run/phase-one.ts.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { builtinRules } from "../../rules/index.js";
import type { ActiveRule } from "./lint-file.js";
import { unpack, type FileJob, type JobResult, type JobSettings, type PackedResult } from "./lint-job.js";
import { UNREADABLE_FILE } from "../shared/errors.js";
import { setFlagUnlessGiven } from "../shared/node-flags.js";
import type { FileRule, Severity } from "../shared/types.js";

/**
 * `auto`: workers when the files would take long in one thread; `off`: never; a
 * number: lint on that many threads, this one and the rest workers, always.
 */
export type Concurrency = "auto" | "off" | number;

/** An active rule as it crosses to a worker: the worker finds the built-in rule by id. */
export interface RuleSpec {
  id: string;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface WorkerSetup {
  rules: RuleSpec[];
  settings: JobSettings;
}

/** A worker's answer for one file, sent as soon as the file is linted. */
export type WorkerReply = { index: number; result: PackedResult };

/** The bundled worker sits beside the bundled entry; run from source (the tests) there is none. */
const WORKER_FILE = fileURLToPath(new URL("./worker.js", import.meta.url));

/** Data a config file in JSON or YAML can hold; a `.js`/`.mjs` config may put functions or class instances in options. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isPlainData);
}

/**
 * Built-in rules with options that are plain data: such rules are described in full
 * by their ids and options, so they can be sent to a worker and make a cache key.
 * Plugin rules are code a worker cannot find and a cache key does not cover.
 */
export function builtinOnly(rules: ActiveRule<FileRule>[]): boolean {
  return rules.every((r) => builtinRules.includes(r.rule) && isPlainData(r.options));
}

/** Whether these rules can run in a worker: built-in only, and not when run from source (no bundled worker). */
export function workersPossible(rules: ActiveRule<FileRule>[]): boolean {
  return builtinOnly(rules) && existsSync(WORKER_FILE);
}

export function ruleSpecs(rules: ActiveRule<FileRule>[]): RuleSpec[] {
  return rules.map(({ rule, severity, options }) => ({ id: rule.meta.id, severity, options }));
}

/** Files a worker is sent at once, at most: fewer as the queue drains, so that threads finish together. */
const BATCH_SIZE = 16;
/** Files a worker holds at once, at most: it starts the next while its last results wait for this thread to read them. */
const HELD = 2 * BATCH_SIZE;
/** Files this thread lints between two looks at its workers' replies. */
const HERE_BATCH = 4;
/**
 * A worker's heap, at most: a file that would need more stops its worker instead of
 * the whole run. Linting a file of the largest size takes tens of MiB.
 */
const WORKER_HEAP_MB = 512;

/**
 * V8's garbage collection, marking and young-generation collections, is helped by
 * threads of its own (four in Node). While every core lints, they only contend with
 * the linting threads for the cores: a whole-tree run of 10 000 milestones on two
 * cores spent ≈ 25 s of its ≈ 84 s of CPU in them, and ≈ 70 s in all without them
 * (per-thread CPU from /proc; bench/RESULTS.md). They are left to a run of one thread
 * (the pre-commit case), which has a core free for them (≈ 5 % slower without them);
 * a flag given to Node wins. V8's flags are the process's: only a process that is
 * ours, the CLI's (ownCollector), has them changed, never the host of the API.
 */
const GC_HELPERS = ["concurrent-marking", "parallel-scavenge"];
let collectorOwned = false;

/** Lets runs in this process turn V8's collector helpers off while they lint on several threads: the CLI calls it. */
export function ownCollector(): void {
  collectorOwned = true;
}

function gcHelpers(on: boolean): void {
  if (collectorOwned) for (const name of GC_HELPERS) setFlagUnlessGiven(`--${on ? "" : "no-"}${name}`);
}

/** The result given to a file whose worker thread stopped while linting it. */
function stoppedWorker(job: FileJob, error: unknown): JobResult {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const outOfMemory = code === "ERR_WORKER_OUT_OF_MEMORY";
  const message = outOfMemory
    ? `Linting this file needed more than ${WORKER_HEAP_MB} MiB of memory and was stopped; it was not checked (the other files were).`
    : `Internal error: linting this file stopped its worker thread (${error instanceof Error ? error.message : String(error)}); it was not checked (the other files were). Please report this.`;
  const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { diagnostics: [{ file: job.displayPath, ...at, ruleId: UNREADABLE_FILE, severity: "error", message }], directives: [], internalErrors: outOfMemory ? 0 : 1 };
}

/**
 * Lints `jobs` on `threads` threads: this one, already warmed up by the files it
 * linted first, and `threads - 1` workers. `lintHere` lints a few files in this thread.
 * Results come back in the order of `jobs`, unpacked once all are in. A worker that stops (out of memory, or
 * a crash) costs only the file it was linting: the files it held go to the others.
 */
export async function lintInThreads(
  jobs: FileJob[],
  setup: WorkerSetup,
  threads: number,
  lintHere: (jobs: FileJob[]) => Promise<PackedResult[]>,
  workerFile = WORKER_FILE,
): Promise<JobResult[]> {
  // loaded here, not at start-up: a run on a few files never needs it
  const { Worker } = await import("node:worker_threads");
  const results: PackedResult[] = new Array(jobs.length);
  let next = 0;
  // files handed back by a worker that stopped, linted before the rest
  const retry: number[] = [];
  const take = (size: number): number[] => {
    const taken = retry.splice(0, size);
    while (taken.length < size && next < jobs.length) taken.push(next++);
    return taken;
  };
  const left = () => retry.length + jobs.length - next;
  return new Promise((resolve) => {
    // each worker's files sent and not answered yet, in the order it lints them
    const held = new Map<Worker, number[]>();
    let hereRunning = false;
    const settle = () => {
      if (hereRunning || held.size > 0 || left() > 0) return;
      if (threads > 1) gcHelpers(true);
      // in place: each serialized copy is let go as soon as it is read, not once all are (the two together made a run's peak of memory)
      for (let i = 0; i < results.length; i++) results[i] = unpack(results[i] as PackedResult);
      resolve(results as JobResult[]);
    };
    // this thread lints from the same queue until it is empty
    const runHere = async () => {
      if (hereRunning) return;
      hereRunning = true;
      for (let batch = take(HERE_BATCH); batch.length > 0; batch = take(HERE_BATCH)) {
        const linted = await lintHere(batch.map((i) => jobs[i] as FileJob));
        batch.forEach((i, k) => (results[i] = linted[k] as PackedResult));
        // lets the workers' replies in, so that they are sent their next batch
        await new Promise((r) => setImmediate(r));
      }
      hereRunning = false;
      settle();
    };
    const feed = (worker: Worker) => {
      const files = held.get(worker) as number[];
      if (files.length > HELD - BATCH_SIZE) return;
      const batch = take(Math.max(1, Math.min(BATCH_SIZE, Math.ceil(left() / (threads * 4)))));
      if (batch.length > 0) {
        files.push(...batch);
        worker.postMessage(batch.map((index) => ({ index, job: jobs[index] })));
      } else if (files.length === 0) {
        held.delete(worker);
        void worker.terminate();
        settle();
      }
    };
    const stopped = (worker: Worker, error: unknown) => {
      const files = held.get(worker);
      if (!files) return; // finished, or already handled (an error is followed by an exit)
      held.delete(worker);
      const [culprit, ...rest] = files;
      if (culprit !== undefined) results[culprit] = stoppedWorker(jobs[culprit] as FileJob, error);
      retry.push(...rest);
      void worker.terminate();
      // the files handed back go to whichever thread asks first, this one included
      void runHere();
      settle();
    };
    // for the time the threads lint (V8's flags are the process's, read as it runs)
    if (threads > 1) gcHelpers(false);
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(workerFile, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      held.set(worker, []);
      worker.on("message", (reply: WorkerReply) => {
        results[reply.index] = reply.result;
        const files = held.get(worker);
        if (!files) return;
        files.splice(files.indexOf(reply.index), 1);
        feed(worker);
      });
      // decided on exit, once Node has delivered the results the worker sent before it stopped
      let failure: unknown;
      worker.on("error", (error) => (failure ??= error));
      // a worker that stops on its own (a rule calling process.exit) would otherwise leave the run waiting forever
      worker.on("exit", (code) => stopped(worker, failure ?? new Error(`the worker thread stopped with exit code ${code}`)));
      feed(worker);
      feed(worker);
    }
    void runHere();
  });
}
