/**
 * What a run read of the file system: every path whose state it looked at (a file
 * read, a stat, a path found missing) and every folder whose entries it listed. A
 * run with `--cache` keeps it with its result (src/run/verdict.ts): while every one
 * of those paths is as it was, the same run gives the same result, and the next one
 * replays it without linting. Reads note themselves here (src/shared/read-fs.ts is
 * the only way to the disk for a run); what cannot be followed (code of a plugin or
 * a JavaScript config, a glob) marks the trace unusable.
 */

export class FsTrace {
  /** Absolute paths whose state (kind, size, times, or being missing) the run depended on. */
  readonly paths = new Set<string>();
  /** Absolute paths of which the run asked only whether they exist (`.git`, a file a plan links to). */
  readonly existence = new Set<string>();
  /** Absolute paths of folders whose entries the run depended on, with the names it saw. */
  readonly listings = new Map<string, readonly { name: string }[]>();
  /** Why the run's result cannot be known from the trace, if it cannot. */
  unusable: string | undefined;
}

/** The traces of the runs in progress: a second run at once cannot tell its reads from the first's, so both traces are marked unusable. */
const active: FsTrace[] = [];

/** Whether a run is tracing: a read outside one notes nothing (and resolves no path for it). */
export const tracing = (): boolean => active.length > 0;

export function startTrace(): FsTrace {
  const trace = new FsTrace();
  if (active.length > 0) for (const t of [...active, trace]) t.unusable = "another run read the file system at the same time";
  active.push(trace);
  return trace;
}

export function endTrace(trace: FsTrace): void {
  const i = active.indexOf(trace);
  if (i >= 0) active.splice(i, 1);
}

export function notePath(abs: string): void {
  for (const t of active) t.paths.add(abs);
}

export function noteExistence(abs: string): void {
  for (const t of active) t.existence.add(abs);
}

export function noteListing(dir: string, entries: readonly { name: string }[]): void {
  for (const t of active) if (!t.listings.has(dir)) t.listings.set(dir, entries);
}

/** The run did something the trace cannot follow (`why`, for `--debug` and tests). */
export function noteUntraceable(why: string): void {
  for (const t of active) t.unusable ??= why;
}
