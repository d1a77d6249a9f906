/**
 * A whole run's result, kept in the `--cache` file with the state of every path the
 * run read (its trace, src/shared/fs-trace.ts): the next run with the same options
 * gives that result back without linting, as long as each of those paths is as it
 * was — found by one `lstat` a path, with nothing opened, parsed or listed. This is
 * what makes a warm run in an unchanged tree cost a walk of stats instead of a walk
 * of the tree; any change sends the run down the usual path, where the per-file
 * cache (src/run/cache.ts) still spares the unchanged files.
 *
 * A state is the path's kind, device, inode, size, modification and change times
 * (what a link leads to as well), or its absence; of a path the run only asked
 * whether it exists (`.git`, a document a plan links to), just that. Times vouch
 * for a path only when its change time was past when the run began (git's "racily clean" files, as in
 * cache.ts): a run that read something changed while it ran keeps no verdict. The
 * folder that holds the cache file changes whenever the cache is written, so its
 * entries are compared by name instead. With `--cache-strategy content` (for file
 * systems whose times cannot be trusted), a file's state is the hash of its bytes and
 * a folder's the names in it; times still decide whether a run keeps its verdict.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { contentHash } from "./content-hash.js";
import { isJsonExact } from "./cache-shape.js";
import type { FsTrace } from "../shared/fs-trace.js";
import type { CacheStrategy, LintResult } from "../shared/types.js";

/** What the cache keeps of a run. */
export interface Verdict {
  /** How the states were taken (the run's `--cache-strategy`). */
  strategy: CacheStrategy;
  /** The paths the run read, sorted, each written as the length it shares with the one before and the rest (they share long prefixes), apart by NUL. */
  paths: string;
  /** The paths the run only asked whether they exist, written alike. */
  exists: string;
  /** The names in the cache file's folder, when the run listed it. */
  names?: string;
  /** The files the run reported on, when few (a hook's staged files), with their states: the likeliest to have changed, checked first. */
  lead: [string, string][];
  /** The hash of the states of `paths` and `exists`, in order, and of `names`. */
  digest: string;
  result: LintResult;
}

/** Where the cache file lies: its folder changes with every write of it. */
interface CachePlace {
  file: string;
  dir: string;
}

const cachePlace = (file: string): CachePlace => ({ file, dir: path.dirname(file) });

/** How many files a run may report on for their states to be kept apart and checked first (Verdict.lead). */
const LEAD_MAX = 32;

/** What separates paths, names and states: the one character no file name holds. */
const SEP = "\0";

/** A temporary file of src/fix/write-atomic.ts: the cache's, while it is written. */
const TEMPORARY = /^\.milestone-lint-\d+-\d+\.tmp$/;

function infoOf(p: string, follow: boolean): Stats | string {
  try {
    return (follow ? statSync(p, { throwIfNoEntry: false }) : lstatSync(p, { throwIfNoEntry: false })) ?? "-";
  } catch (error) {
    return `!${(error as NodeJS.ErrnoException).code ?? "?"}`;
  }
}

const statePart = (info: Stats | string, times: boolean): string =>
  typeof info === "string" ? info : `${info.mode}:${info.dev}:${info.ino}:${info.size}${times ? `:${info.mtimeMs}:${info.ctimeMs}` : ""}`;

/** Files larger than this are not hashed for a verdict (as a cache larger than this is not read): the run keeps none. */
const HASHED_MAX_BYTES = 64 * 1024 * 1024;

/** What a path holds, by content: a file's hash, a folder's names (a link's target first); undefined for a file too large to hash. */
function contentOf(p: string, own: Stats, place: CachePlace): string | undefined {
  let link = "";
  let info: Stats | string = own;
  if (own.isSymbolicLink()) {
    link = `@${readlinkSync(p)}>`;
    info = infoOf(p, true);
  }
  if (typeof info === "string") return link + info;
  // the cache's folder: by the names the run saw (Verdict.names)
  if (info.isDirectory()) return p === place.dir ? `${link}d` : `${link}d${namesIn(readdirSync(p, { withFileTypes: true }), place)}`;
  if (!info.isFile()) return `${link}o${info.mode}`;
  return info.size > HASHED_MAX_BYTES ? undefined : `${link}f${contentHash(readFileSync(p))}`;
}

/**
 * A path's state, by `strategy`: its stamp, and that of what it leads to when it is a
 * link (the cache's folder without its times, which its writes change), or what it
 * holds; with the stats that vouch for it. Undefined when it cannot be told.
 */
function stateOf(p: string, place: CachePlace, strategy: CacheStrategy): { state: string | undefined; infos: Stats[] } {
  const own = infoOf(p, false);
  if (typeof own === "string") return { state: own, infos: [] };
  const target = own.isSymbolicLink() ? infoOf(p, true) : undefined;
  const infos = typeof target === "object" ? [own, target] : [own];
  try {
    if (strategy === "content") return { state: contentOf(p, own, place), infos };
  } catch {
    return { state: undefined, infos }; // changed between the stat and the read
  }
  const times = p !== place.dir;
  return { state: target === undefined ? statePart(own, times) : `${statePart(own, times)}>${statePart(target, times)}`, infos };
}

/** Whether a path exists, as existsSync says (a link that leads nowhere does not). */
const presence = (p: string): string => (typeof infoOf(p, true) === "string" ? "-" : "+");

/** The names in the cache's folder and their kinds, the cache file and its temporary files left out. */
function namesIn(entries: readonly { name: string; isDirectory?(): boolean; isFile?(): boolean }[], place: CachePlace): string {
  const base = path.basename(place.file);
  return entries
    .filter((e) => e.name !== base && !TEMPORARY.test(e.name))
    .map((e) => `${e.isDirectory?.() ? "d" : e.isFile?.() ? "f" : "o"}${e.name}`)
    .sort()
    .join(SEP);
}


function frontCode(paths: readonly string[]): string {
  let previous = "";
  return paths
    .map((p) => {
      let n = 0;
      const max = Math.min(p.length, previous.length);
      while (n < max && p.charCodeAt(n) === previous.charCodeAt(n)) n++;
      previous = p;
      return `${n} ${p.slice(n)}`;
    })
    .join(SEP);
}

function frontDecode(coded: string): string[] | undefined {
  const out: string[] = [];
  if (coded === "") return out;
  let previous = "";
  for (const line of coded.split(SEP)) {
    const space = line.indexOf(" ");
    const n = Number(line.slice(0, space));
    if (space < 1 || !Number.isInteger(n) || n > previous.length) return undefined;
    previous = previous.slice(0, n) + line.slice(space + 1);
    out.push(previous);
  }
  return out;
}

const digestOf = (states: readonly string[], names: string | undefined): string => contentHash(`${states.join(SEP)}${SEP}${names ?? ""}`);

/** A path that exists was there before the run began: made (its birth time, where the file system keeps one) before then. */
const bornBefore = (p: string, since: number): boolean => {
  const info = infoOf(p, true);
  if (typeof info === "string") return true;
  const born = info.birthtimeMs > 0 ? info.birthtimeMs : info.ctimeMs;
  return born < since - (born % 1000 === 0 ? 2000 : 100);
};

/** A change time in ms that was past by `since` (cache.ts's margin: 100 ms, 2 s for clocks of whole seconds). */
const settled = (info: Stats, since: number): boolean => info.ctimeMs < since - (info.ctimeMs % 1000 === 0 ? 2000 : 100);

/** Whether a missing path was missing when the run looked: its folder was listed (the listing says so), or the nearest folder that exists has not changed since. */
function missingThroughout(p: string, trace: FsTrace, since: number, place: CachePlace): boolean {
  for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
    if (trace.listings.has(dir)) return true;
    const info = infoOf(dir, false);
    if (typeof info !== "string") return dir !== place.dir && settled(info, since);
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * The verdict of a run that began at `since`, or undefined when it cannot be kept:
 * the trace is unusable, a path changed while the run read it, or the result is not
 * plain data.
 */
export function makeVerdict(trace: FsTrace, since: number, cacheFile: string, strategy: CacheStrategy, result: LintResult, reported: readonly string[]): Verdict | undefined {
  if (trace.unusable !== undefined || !isJsonExact(result)) return undefined;
  const place = cachePlace(cacheFile);
  const read = new Set([...trace.paths, ...trace.listings.keys()]);
  read.delete(place.file);
  // stated again here, after the run: the run's own stamps (cache.ts) are of files only, in another form
  const lead: [string, string][] = [];
  for (const p of reported.length <= LEAD_MAX ? reported : []) {
    if (!read.has(p)) continue;
    // a file just edited fails here, before the rest of the tree is looked at
    const { state, infos } = stateOf(p, place, strategy);
    if (state === undefined || !infos.every((info) => settled(info, since))) return undefined;
    lead.push([p, state]);
  }
  const paths = [...read].sort();
  const exists = [...trace.existence].filter((p) => !read.has(p) && p !== place.file).sort();
  const states: string[] = [];
  for (const p of paths) {
    const { state, infos } = stateOf(p, place, strategy);
    if (state === undefined || (p !== place.dir && !infos.every((info) => settled(info, since)))) return undefined;
    if (infos.length === 0 && !missingThroughout(p, trace, since, place)) return undefined;
    states.push(state);
  }
  for (const p of exists) {
    const state = presence(p);
    if (state === "+" ? !bornBefore(p, since) : !missingThroughout(p, trace, since, place)) return undefined;
    states.push(state);
  }
  const listed = trace.listings.get(place.dir);
  const names = listed && namesIn(listed, place);
  return { strategy, paths: frontCode(paths), exists: frontCode(exists), ...(names !== undefined ? { names } : {}), lead, digest: digestOf(states, names), result };
}

/** The stored result, when every path the run read is as it was then; undefined otherwise (or for a verdict that is not one). */
export function replay(verdict: unknown, cacheFile: string): LintResult | undefined {
  if (typeof verdict !== "object" || verdict === null) return undefined;
  const { strategy, paths: coded, exists: codedExists, names, lead, digest, result } = verdict as Partial<Verdict>;
  if (strategy !== "metadata" && strategy !== "content") return undefined;
  if (typeof coded !== "string" || typeof codedExists !== "string" || typeof digest !== "string" || (names !== undefined && typeof names !== "string") || !isResult(result)) return undefined;
  if (!Array.isArray(lead) || !lead.every((l) => Array.isArray(l) && typeof l[0] === "string" && typeof l[1] === "string")) return undefined;
  const place = cachePlace(cacheFile);
  for (const [p, state] of lead) if (stateOf(p, place, strategy).state !== state) return undefined;
  const paths = frontDecode(coded);
  const exists = frontDecode(codedExists);
  if (!paths || !exists) return undefined;
  const states: string[] = [];
  for (const p of paths) {
    const { state } = stateOf(p, place, strategy);
    if (state === undefined) return undefined;
    states.push(state);
  }
  states.push(...exists.map(presence));
  let now: string | undefined;
  if (names !== undefined) {
    try {
      now = namesIn(readdirSync(place.dir, { withFileTypes: true }), place);
    } catch {
      return undefined;
    }
  }
  return digestOf(states, now) === digest ? result : undefined;
}

/** The outline of a LintResult (the line it came in was checked against its hash: this guards against a verdict of another shape). */
function isResult(value: unknown): value is LintResult {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<LintResult>;
  return (
    Array.isArray(r.files) &&
    r.files.every((f) => typeof f === "object" && f !== null && typeof f.file === "string" && Array.isArray(f.diagnostics)) &&
    [r.errorCount, r.warningCount, r.fixableCount, r.internalErrors].every((n) => typeof n === "number")
  );
}
