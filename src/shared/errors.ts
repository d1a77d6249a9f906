/** The tool could not do its job (bad arguments, a path or config it cannot use): exit 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Id of the diagnostic given to a file that cannot be read, decoded or parsed; not a rule, cannot be turned off. */
export const UNREADABLE_FILE = "unreadable-file";

/** Id of the error on a disable comment that breaks the Markdown around it (a `disable-next-line` between table rows); not a rule. */
export const MISPLACED_DIRECTIVE = "misplaced-disable-directive";

/** What is reported under ids that are not rules (the engine's own checks). */
export const ENGINE_CHECKS: Readonly<Record<string, string>> = {
  [MISPLACED_DIRECTIVE]: "A milestone-lint-disable-next-line comment between two table rows, which ends the table; use milestone-lint-disable-line at the end of the row",
  [UNREADABLE_FILE]: "A file that cannot be read or decoded as UTF-8 text, whose Markdown is too long or nested too deeply to parse, or whose fixes could not be written",
};
