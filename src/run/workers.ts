/**
 * Phase one spread over threads: the main thread and worker threads take files from
 * one shared queue, workers in small batches, so a slow file does not leave a core
 * idle. Each thread reads its own files: no file's text or AST is held longer than it
 * takes to lint it. Whether workers pay is decided in src/run/phase-one.ts.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { builtinRules } from "../../rules/index.js";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob, JobResult, JobSettings } from "./lint-job.js";
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

export type WorkerReply = { results: { index: number; result: JobResult }[] };

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
/** Batches a worker holds at once: it starts the next while its last results wait for this thread to read them. */
const IN_FLIGHT = 2;
/** Files this thread lints between two looks at its workers' replies. */
const HERE_BATCH = 4;

/**
 * Lints `jobs` on `threads` threads: this one, already warmed up by the files it
 * linted first, and `threads - 1` workers. `lintHere` lints one file in this thread.
 * Results come back in the order of `jobs`.
 */
export async function lintInThreads(
  jobs: FileJob[],
  setup: WorkerSetup,
  threads: number,
  lintHere: (job: FileJob) => Promise<JobResult>,
): Promise<JobResult[]> {
  // loaded here, not at start-up: a run on a few files never needs it
  const { Worker } = await import("node:worker_threads");
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  const take = (size: number): [number, number] | undefined => {
    const from = next;
    next = Math.min(jobs.length, next + size);
    return from < next ? [from, next] : undefined;
  };
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const finished = new Set<Worker>();
    let failed = false;
    let hereDone = false;
    const settle = () => {
      if (!failed && hereDone && finished.size === workers.length) resolve(results);
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const inFlight = new Map<Worker, number>();
    const feed = (worker: Worker) => {
      const size = Math.max(1, Math.min(BATCH_SIZE, Math.ceil((jobs.length - next) / (threads * 4))));
      const range = take(size);
      if (range) {
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        worker.postMessage(jobs.slice(range[0], range[1]).map((job, i) => ({ index: range[0] + i, job })));
      } else if (!inFlight.get(worker)) {
        finished.add(worker);
        void worker.terminate();
        settle();
      }
    };
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: setup });
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        for (const { index, result } of reply.results) results[index] = result;
        inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
        feed(worker);
      });
      worker.on("error", fail);
      // a worker that stops on its own (a rule calling process.exit) would otherwise leave the run waiting forever
      worker.on("exit", (code) => {
        if (!finished.has(worker)) fail(new Error(`a worker thread stopped (exit code ${code}) before linting its files`));
      });
      for (let k = 0; k < IN_FLIGHT; k++) feed(worker);
    }
    void (async () => {
      for (let range = take(HERE_BATCH); range && !failed; range = take(HERE_BATCH)) {
        for (let i = range[0]; i < range[1]; i++) results[i] = await lintHere(jobs[i] as FileJob);
        // lets the workers' replies in, so that they are sent their next batch
        await new Promise((r) => setImmediate(r));
      }
      hereDone = true;
      settle();
    })().catch(fail);
  });
}
