/** The tool could not do its job (bad arguments, a path or config it cannot use): exit 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Id of the diagnostic given to a file that cannot be read, decoded or parsed; not a rule, cannot be turned off. */
export const UNREADABLE_FILE = "unreadable-file";

/** What is reported under ids that are not rules (the engine's own checks). */
export const ENGINE_CHECKS: Readonly<Record<string, string>> = {
  [UNREADABLE_FILE]: "A file that cannot be read or decoded as UTF-8 text, whose Markdown is too long or nested too deeply to parse, or whose fixes could not be written",
};
