/**
 * Phase one spread over worker threads. Workers get files in small batches from a
 * shared queue, so a slow file does not leave a core idle, and each reads its own
 * files: no file's text or AST is held longer than it takes to lint it. Whether
 * workers pay is decided in src/phase-one.ts.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { builtinRules } from "../rules/index.js";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob, JobResult, JobSettings } from "./lint-job.js";
import type { FileRule, Severity } from "./types.js";

/** `auto`: workers when the files would take long in one thread; `off`: never; a number: that many workers, always. */
export type Concurrency = "auto" | "off" | number;

const BATCH_SIZE = 32;

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

/** Lints `jobs` on `count` workers; results come back in the order of `jobs`. */
export async function lintInWorkers(jobs: FileJob[], setup: WorkerSetup, count: number): Promise<JobResult[]> {
  // loaded here, not at start-up: a run on a few files never needs it
  const { Worker } = await import("node:worker_threads");
  const results: JobResult[] = new Array(jobs.length);
  let next = 0;
  let running = count;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const fail = (error: unknown) => {
      for (const w of workers) void w.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const finished = new Set<Worker>();
    const feed = (worker: Worker) => {
      if (next >= jobs.length) {
        finished.add(worker);
        void worker.terminate();
        if (--running === 0) resolve(results);
        return;
      }
      const batch = jobs.slice(next, next + BATCH_SIZE).map((job, i) => ({ index: next + i, job }));
      next += batch.length;
      worker.postMessage(batch);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: setup });
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => {
        for (const { index, result } of reply.results) results[index] = result;
        feed(worker);
      });
      worker.on("error", fail);
      // a worker that stops on its own (a rule calling process.exit) would otherwise leave the run waiting forever
      worker.on("exit", (code) => {
        if (!finished.has(worker)) fail(new Error(`a worker thread stopped (exit code ${code}) before linting its files`));
      });
      feed(worker);
    }
  });
}
