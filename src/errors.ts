/** The tool could not do its job (bad arguments, a path or config it cannot use): exit 2, one line, no stack. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
