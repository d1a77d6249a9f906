/**
 * The last guard of a run against a file that takes too long: the guards in front of
 * the parsers bound the work of every input we know of, and this bounds the rest
 * (a parser we do not control). A synchronous call is stopped once it has run for
 * its budget, by the watchdog `node:vm` keeps for a script's `timeout`, which stops
 * whatever JavaScript runs on the thread, in this thread and in a worker alike, so
 * that results do not depend on where a file was linted. The watchdog costs about
 * 70 µs a call; a file takes milliseconds to lint.
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

/** Runs `work` (synchronous) and returns its result, or throws OverBudget once it has run `budgetMs`. */
export function withinBudget<T>(work: () => T, budgetMs: number): T {
  // made on first use: a context costs a millisecond
  vm ??= { script: new Script("call()"), context: createContext({}) };
  const { script, context } = vm;
  let result: T | undefined;
  context.call = () => {
    result = work();
  };
  try {
    script.runInContext(context, { timeout: budgetMs });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new OverBudget(budgetMs);
    throw error;
  } finally {
    context.call = undefined;
  }
  return result as T;
}
