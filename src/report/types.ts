import type { LintResult, Overrides, RuleMeta } from "../shared/types.js";

export interface FormatterContext {
  cwd: string;
  /** Use ANSI colours (a TTY without NO_COLOR, or --color). */
  color: boolean;
  /** Metadata of every rule that could have reported, by id. */
  rules: Record<string, RuleMeta>;
  version: string;
  /** Texts that were linted instead of files on disk (standard input), by absolute path. */
  overrides?: Overrides;
}

export type Formatter = (result: LintResult, context: FormatterContext) => string;
