/**
 * A phase-one worker thread (src/run/workers.ts): lints the batches of files it is
 * sent with the built-in rules named in its setup, and replies with plain results,
 * serialized (src/run/lint-job.ts: `pack`).
 */
import { parentPort, workerData } from "node:worker_threads";
import { builtinRules } from "../../rules/index.js";
import type { ActiveRule } from "./lint-file.js";
import { lintJobs, pack, type FileJob } from "./lint-job.js";
import type { FileRule } from "../shared/types.js";
import type { WorkerReply, WorkerSetup } from "./workers.js";

const setup = workerData as WorkerSetup;
const byId = new Map(builtinRules.map((r) => [r.meta.id, r]));
const rules: ActiveRule<FileRule>[] = setup.rules.map((spec) => {
  const rule = byId.get(spec.id);
  if (!rule || rule.meta.scope === "project") throw new Error(`worker: no built-in file rule "${spec.id}"`);
  return { rule: rule as FileRule, severity: spec.severity, options: spec.options };
});

// one batch at a time, its files in the order sent (should this thread stop, the first file not
// answered is the one that stopped it), each result sent as soon as it is ready
let queue = Promise.resolve();
parentPort?.on("message", (batch: { index: number; job: FileJob }[]) => {
  queue = queue.then(async () => {
    // each file's result is sent the moment it is known, once only (see eachWithinBudget)
    const sent = new Set<number>();
    await lintJobs(
      batch.map((b) => b.job),
      rules,
      setup.settings,
      (k, result) => {
        const { index } = batch[k] as (typeof batch)[number];
        if (sent.has(index)) return;
        const reply: WorkerReply = { index, result: pack(result) };
        parentPort?.postMessage(reply);
        sent.add(index);
      },
    );
  });
});
