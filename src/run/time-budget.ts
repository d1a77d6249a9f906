/**
 * The last guard of a run against a file that takes too long: the guards in front of
 * the parsers bound the work of every input we know of, and this bounds the rest
 * (a parser we do not control). A synchronous call is stopped once it has run for
 * its budget, by the watchdog `node:vm` keeps for a script's `timeout`, which stops
 * whatever JavaScript runs on the thread, in this thread and in a worker alike, so
 * that results do not depend on where a file was linted.
 */
import { createContext, Script } from "node:vm";

/** A file whose linting takes longer than this is stopped: a plan lints in milliseconds, and 10 000 lines of Markdown in about 2 s. */
export const FILE_TIME_BUDGET_MS = 5000;

/** The call was stopped after running `budgetMs`. */
export class OverBudget extends Error {
  override readonly name = "OverBudget";
  constructor(readonly budgetMs: number) {
    super(`stopped after ${budgetMs / 1000} s`);
  }
}

let vm: { script: Script; context: { call?: () => void } } | undefined;

/** What became of one call run within the budget: its value, or what it threw (OverBudget when it was stopped). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(work: (i: number) => T, i: number): Outcome<T> {
  try {
    return { ok: true, value: work(i) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Runs `work(0)`, …, `work(count - 1)` (synchronous) in turn, each within `budgetMs`,
 * and hands each outcome to `done` as soon as it has one. The watchdog is the costly
 * part (a thread started and joined for each vm call: ≈ 0.7 ms of CPU a file in a run of
 * a thousand), so as many calls as fit run under one: a call stopped after others ran
 * under the same watchdog is started again under one of its own, and only a call that
 * ran alone for `budgetMs` is stopped for good. `done` runs under the watchdog too, and
 * may be called twice for one call (when the watchdog fires inside it): it must not mind.
 */
export function eachWithinBudget<T>(count: number, work: (i: number) => T, budgetMs: number, done: (i: number, outcome: Outcome<T>) => void): void {
  // made on first use: a context costs a millisecond
  vm ??= { script: new Script("call()"), context: createContext({}) };
  const { script, context } = vm;
  let next = 0;
  while (next < count) {
    const first = next;
    // the call running, and the outcome being handed over, when the watchdog fires
    let running = -1;
    let handing: { i: number; outcome: Outcome<T> } | undefined;
    context.call = () => {
      while (next < count) {
        const i = next;
        running = i;
        const outcome = attempt(work, i);
        running = -1;
        handing = { i, outcome };
        done(i, outcome);
        handing = undefined;
        next = i + 1;
      }
    };
    try {
      script.runInContext(context, { timeout: budgetMs });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
      if (handing) {
        done(handing.i, handing.outcome);
        next = handing.i + 1;
      } else if (running === first) {
        done(first, { ok: false, error: new OverBudget(budgetMs) });
        next = first + 1;
      }
      // else the call running had less than its budget: it starts the next round
    } finally {
      context.call = undefined;
    }
  }
}

/** Runs `work` (synchronous) and returns its result, or throws OverBudget once it has run `budgetMs`. */
export function withinBudget<T>(work: () => T, budgetMs: number): T {
  let result = { ok: false, error: new OverBudget(budgetMs) } as Outcome<T>;
  eachWithinBudget(1, work, budgetMs, (_, outcome) => (result = outcome));
  if (!result.ok) throw result.error;
  return result.value;
}
