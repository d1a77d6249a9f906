/**
 * The programmatic API: `import { lint } from "milestone-lint"` returns the same
 * results the CLI prints.
 */
import { builtinRules } from "../rules/index.js";
import { defaultConfig } from "./config.js";
import { localDate, runEngine } from "./engine.js";
import { isIsoDate } from "./dates.js";
import { UsageError } from "./errors.js";
import type { LintResult, ResolvedConfig, Rule } from "./types.js";

export interface LintOptions {
  /** Files, folders or globs to lint; default `[".agent"]`. */
  patterns?: readonly string[];
  /** Folder paths are resolved against and shown relative to; default `process.cwd()`. */
  cwd?: string;
  /** Today as `YYYY-MM-DD`, for rules that compare with today; default the local date. */
  now?: string;
  /** Apply safe fixes and write the files back. */
  fix?: boolean;
  /** Rule settings, layout and ignores; default every rule at its default severity. */
  config?: Partial<ResolvedConfig>;
  /** Rules to run in addition to the built-in ones (plugins). */
  rules?: readonly Rule[];
}

const LAYOUTS: readonly string[] = ["auto", "template", "upstream"] satisfies ResolvedConfig["layout"][];

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const today = options.now ?? localDate();
  if (!isIsoDate(today)) throw new UsageError(`--now must be a real date as YYYY-MM-DD, got "${today}"`);
  const layout: string = options.config?.layout ?? "auto";
  if (!LAYOUTS.includes(layout)) throw new UsageError(`Unknown layout "${layout}"; expected one of: ${LAYOUTS.join(", ")}`);
  return runEngine({
    patterns: options.patterns ?? [".agent"],
    cwd: options.cwd ?? process.cwd(),
    rules: [...builtinRules, ...(options.rules ?? [])],
    config: { ...defaultConfig(), ...options.config },
    today,
    fix: options.fix ?? false,
  });
}

export { builtinRules, UsageError };
export type * from "./types.js";
export type { FrontMatter, FrontMatterKey } from "./front-matter.js";
