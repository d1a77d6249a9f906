/**
 * `--cache`: phase-one results kept in one JSON file (like ESLint's `.eslintcache`)
 * and reused for a file that is unchanged. Each result is stored with the key of the
 * run settings it was computed under — tool version, resolved config, active file
 * rules and their options, and today — and is reused only under the same key, so
 * files under different config files each keep theirs. Whole-tree rules re-run
 * (unless the whole run is replayed: its verdict, src/run/verdict.ts, is kept here
 * too), but the front matter keys of files read only for them (a run on some files
 * of a tree) depend on nothing but the text, and are reused whatever the key.
 *
 * The cache is data, never trusted: an entry is used only for the very file it was
 * computed from — same stamp (device, inode, size, modification and change time),
 * which a copy, a checkout or a hand-made entry cannot have — and only once its
 * every field has the right shape. How a file is known unchanged is ESLint's
 * `--cache-strategy`: `metadata` (the default) takes the stamp from one `lstat` and
 * opens no file whose stamp is stored; `content` reads and hashes every file and
 * wants the same hash too. A cache file that cannot be read or parsed, or was
 * written by another version, is ignored, never fatal; a file at the cache's place
 * that is not a cache of ours is neither read nor overwritten.
 */
import { existsSync, lstatSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob } from "./lint-job.js";
import type { Directive } from "./suppressions.js";
import type { CacheStrategy, Diagnostic, FilePlace, FileRule, IndexEntry, ResolvedConfig } from "../shared/types.js";
import { areStoredResults, isBodySummary, isIndexedLocalPaths, isIndexedReferences, isJsonExact, packKeys, unpackKeys, type PackedKey } from "./cache-shape.js";
import { contentHash, type ReadVersion } from "./content-hash.js";
import { UsageError } from "../shared/errors.js";
import { VERSION } from "../shared/version.js";
import { FileRefused, kindOf, readBounded, readStart } from "../source/read-file.js";
import { statStamp } from "../source/read-source.js";
import { writeAtomic } from "../fix/write-atomic.js";

export const DEFAULT_CACHE_FILE = ".milestonelintcache";
/** Bumped when the layout of the cache file changes. */
const CACHE_FORMAT = 9;
/** How every cache file of ours starts: a file that does not is never overwritten. */
const SIGNATURE = '{"milestoneLintCache":';
/** How caches of earlier formats start. */
const OLD_SIGNATURE = /^\{"format":\d+,"version":"/;
/** A cache of 10 000 files is a few MiB; a larger file is not read (and is replaced). */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
/** The key of a file read only for the whole-tree rules: its keys are kept, and no run's results. */
const INDEX_ONLY = "";

export type { CacheStrategy };
export const CACHE_STRATEGIES: readonly CacheStrategy[] = ["metadata", "content"];

/** How a file is looked up: its stamp alone (metadata), or the hash of its text and, on disk, its stamp. */
export type Lookup = ReadVersion | { hash?: undefined; stamp: string };

/**
 * Whether a file's stamp, taken after `since` (ms since the epoch), vouches for its
 * text: its change time was past by then, so any later write gives it another
 * stamp. A file changed just before it was read may be changed again within the
 * same tick of the file system's clock, keeping its stamp (git's "racily clean"
 * files); its entry is used only once its text is found unchanged by content. The
 * margin covers clocks of whole seconds (a change time without nanoseconds).
 */
function settledBefore(stamp: string, since: number): boolean {
  const ctime = stamp.slice(stamp.lastIndexOf(":") + 1);
  if (!/^\d+$/.test(ctime)) return false;
  const ns = BigInt(ctime);
  const margin = ns % 1_000_000_000n === 0n ? 2000n : 100n;
  return ns < (BigInt(Math.floor(since)) - margin) * 1_000_000n;
}

/** What is stored of a file's result: not what the run knows already (its path, how it is shown, its place). */
interface CachedFile {
  /** The key of the run settings the result was computed under. */
  key: string;
  hash: string;
  /** The file's stamp when it was read (src/source/read-source.ts); none in memory for an override. */
  stamp?: string;
  /** The stamp alone vouches for the text (settledBefore): `--cache-strategy metadata` may use the entry without reading the file. */
  settled?: true;
  diagnostics: Omit<Diagnostic, "file">[];
  directives: Directive[];
  entry: Pick<IndexEntry, "linted" | "body" | "references" | "localPaths"> & { keys: Record<string, PackedKey> };
}

/** A stored entry checked to the last field, its keys unpacked. */
interface CheckedFile extends Omit<CachedFile, "entry"> {
  entry: Pick<IndexEntry, "keys" | "linted" | "body" | "references" | "localPaths">;
}

/** What the detection of a tree without config found of a file (src/detect/detection.ts), with the file's stamp. */
interface Finding {
  stamp: string;
  value: string;
  settled?: true;
}

interface CacheData {
  /** The format of the file; first, so that the file starts with SIGNATURE. */
  milestoneLintCache: number;
  /** The tool version that wrote it: another version may read front matter differently. */
  version: string;
  /** Whole runs' results (src/run/verdict.ts), the latest first, each on a line of its own: a run finds its own without parsing the rest. */
  verdicts?: StoredVerdict[];
  files: Record<string, CachedFile>;
  findings?: Record<string, Finding>;
}

/** A verdict under the key of the run options it holds for, with the hash of its JSON text: a line cut short or edited is not used. */
interface StoredVerdict {
  key: string;
  sum: string;
  verdict: unknown;
}

/** How many runs' verdicts a cache keeps (a hook on staged files and a whole-tree run may share one). */
const VERDICTS_KEPT = 3;

/** The first line of a cache file of `length` bytes: the `verdictBytes` after it are the verdicts' lines. */
const verdictsHead = (length: number, verdictBytes: number): string =>
  `${JSON.stringify({ milestoneLintCache: CACHE_FORMAT, version: VERSION, bytes: String(length).padStart(12, "0"), verdictBytes: String(verdictBytes).padStart(12, "0") }).slice(0, -1)},"verdicts":[`;

/** A verdict's line; its JSON text written once, when this run made it. */
const verdictLine = (v: StoredVerdict, text = JSON.stringify(v.verdict)): string => `{"key":${JSON.stringify(v.key)},"sum":${JSON.stringify(v.sum)},"verdict":${text}}`;

/** A file's phase-one result as the cache gives it back and takes it. */
export interface CachedResult {
  diagnostics: Diagnostic[];
  directives: Directive[];
  entry: IndexEntry<FilePlace>;
}

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to hold the default file name. */
export async function resolveCacheFile(location: string | undefined, cwd: string): Promise<string> {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const abs = path.resolve(cwd, location);
  if (/[\\/]$/.test(location)) return path.join(abs, DEFAULT_CACHE_FILE);
  const info = await stat(abs).catch(() => undefined);
  return info?.isDirectory() ? path.join(abs, DEFAULT_CACHE_FILE) : abs;
}

function refuse(file: string, why: string): UsageError {
  return new UsageError(`The cache file ${file} ${why}; milestone-lint neither reads nor overwrites it. Remove it, or give --cache-location another file.`);
}

/**
 * The size of the cache at `file`, or undefined when there is none or it is to be
 * replaced. Refuses (UsageError) what a cache must not be read from or written
 * over: a symlink, a file that is not a regular file, or a file that is not ours.
 */
function cacheSize(file: string): number | undefined {
  let info;
  try {
    info = lstatSync(file);
  } catch {
    return undefined; // none yet (or its folder is unreadable: the write will fail quietly)
  }
  if (info.isSymbolicLink()) throw refuse(file, "is a symlink (a cache is never written through a link)");
  if (!info.isFile()) throw refuse(file, `is ${kindOf(info)}, not a cache file`);
  // the default name says the file is ours, whatever a crash or a hand left in it
  const named = path.basename(file) === DEFAULT_CACHE_FILE;
  try {
    const start = readStart(file, SIGNATURE.length + 16).toString("utf8");
    const ours = named || start === "" || start.startsWith(SIGNATURE) || OLD_SIGNATURE.test(start);
    if (!ours) throw refuse(file, "is not a milestone-lint cache");
    return info.size > CACHE_MAX_BYTES ? undefined : info.size;
  } catch (error) {
    if (error instanceof FileRefused) return undefined; // unreadable: replaced, if it can be
    throw error;
  }
}

/** The bytes of the cache at `file` (cacheSize). */
function readCacheBytes(file: string): Buffer | undefined {
  if (cacheSize(file) === undefined) return undefined;
  try {
    return readBounded(file, CACHE_MAX_BYTES);
  } catch (error) {
    if (error instanceof FileRefused) return undefined;
    throw error;
  }
}

/**
 * The verdict kept in the cache at `file` for the run options of `key`, or undefined;
 * found by its line, whose hash is checked, without parsing the rest of the cache.
 * Throws UsageError for a file that is not a cache, as opening it would.
 */
export function storedVerdict(file: string, key: string): unknown {
  const size = cacheSize(file);
  if (size === undefined) return undefined;
  let bytes: Buffer;
  try {
    // the first line says how long the verdicts' lines are: only those are read
    const start = readStart(file, 256);
    const first = start.indexOf(10);
    const lengths = /"bytes":"(\d{12})","verdictBytes":"(\d{12})"/.exec(start.toString("utf8", 0, first));
    const verdictBytes = Number(lengths?.[2]);
    // a file cut short or lengthened (by hand: the cache is written atomically) is replaced by the run that opens it
    if (first < 0 || start.toString("utf8", 0, first) !== verdictsHead(size, verdictBytes)) return undefined;
    bytes = readStart(file, first + 1 + verdictBytes);
  } catch (error) {
    if (error instanceof FileRefused) return undefined;
    throw error;
  }
  const first = bytes.indexOf(10);
  const head = `{"key":${JSON.stringify(key)},"sum":"`;
  for (let start = first + 1; start > 0 && start < bytes.length; ) {
    const end = bytes.indexOf(10, start);
    // each line but the first starts with the comma that ends the one before
    if (bytes[start] === 0x2c) start++;
    if (end < 0 || bytes[start] !== 0x7b) return undefined;
    if (bytes.toString("utf8", start, Math.min(end, start + head.length)) === head) {
      const sumEnd = bytes.indexOf(0x22, start + head.length);
      if (sumEnd < 0 || sumEnd > end) return undefined;
      const sum = bytes.toString("utf8", start + head.length, sumEnd);
      // hashed as bytes, as written: no string of megabytes made for it
      const text = bytes.subarray(sumEnd + '","verdict":'.length, end - 1);
      try {
        return contentHash(text) === sum ? JSON.parse(text.toString("utf8")) : undefined;
      } catch {
        return undefined;
      }
    }
    start = end + 1;
  }
  return undefined;
}

export class ResultCache {
  /** The line of this run's verdict, to be written first, and its key. */
  private verdict: { key: string; line: string } | undefined;
  private changed = false;
  /** When the run began: stamps are taken after it. */
  private readonly since = Date.now();
  /** Files met in this run (looked up or stored with a stamp): they exist, and need no check when the cache is pruned. */
  private readonly seen = new Set<string>();
  /** The stamps taken in this run: one `lstat` a file, whoever asks (the detection, phase one, the index). */
  private readonly stamps = new Map<string, string | undefined>();
  /** What `--debug` tells: files whose results or keys were reused, by stamp alone and by content. */
  readonly reused = { byStamp: 0, byContent: 0 };

  private constructor(
    /** Where it is saved; undefined for a cache kept in memory only (src/run/run-memory.ts), which needs no stamps: nothing else writes it. */
    readonly file: string | undefined,
    private readonly files: Record<string, CachedFile>,
    readonly strategy: CacheStrategy,
    private readonly findings: Record<string, Finding> = Object.create(null),
    /** The verdicts read, kept when written again. */
    private readonly verdicts: StoredVerdict[] = [],
  ) {}

  static inMemory(): ResultCache {
    return new ResultCache(undefined, Object.create(null), "content");
  }

  /** The stamp of `file` (readSource's, from one lstat, taken once a run), or undefined when it is not a regular file. */
  stampOf(file: string): string | undefined {
    if (!this.stamps.has(file)) this.stamps.set(file, statStamp(file));
    return this.stamps.get(file);
  }

  /** What the detection found of `file` in an earlier run, while its stamp vouches for it (`metadata` only: `content` reads every file). */
  finding(file: string): string | undefined {
    if (!this.byStamp) return undefined;
    const stamp = this.stampOf(file);
    if (stamp !== undefined) this.seen.add(file);
    const hit = this.findings[file] as Partial<Finding> | undefined;
    return typeof hit === "object" && hit !== null && hit.stamp === stamp && hit.settled === true && typeof hit.value === "string" ? hit.value : undefined;
  }

  /** Keeps what the detection found of `file`, read after its stamp was taken. */
  setFinding(file: string, value: string): void {
    const stamp = this.byStamp ? this.stampOf(file) : undefined;
    if (stamp === undefined) return;
    this.findings[file] = { stamp, value, ...(settledBefore(stamp, this.since) ? { settled: true as const } : {}) };
    this.seen.add(file);
    this.changed = true;
  }

  /** Whether an unchanged file may be known by its stamp alone, without reading it. */
  get byStamp(): boolean {
    return this.strategy === "metadata" && this.file !== undefined;
  }

  /** The cache at `file`, or an empty one when there is none or it cannot be used. Throws UsageError for a file that is not a cache. */
  static async open(file: string, strategy: CacheStrategy = "metadata"): Promise<ResultCache> {
    let files: Record<string, CachedFile> = Object.create(null);
    let findings: Record<string, Finding> = Object.create(null);
    let verdicts: StoredVerdict[] = [];
    const bytes = readCacheBytes(file);
    try {
      const data = bytes === undefined ? undefined : (JSON.parse(bytes.toString("utf8")) as Partial<CacheData> | null);
      if (data?.milestoneLintCache === CACHE_FORMAT && data.version === VERSION && typeof data.files === "object" && data.files !== null) {
        files = Object.assign(Object.create(null), data.files);
        if (typeof data.findings === "object" && data.findings !== null) findings = Object.assign(Object.create(null), data.findings);
        // kept as they are: each is checked against its hash when a run replays it
        if (Array.isArray(data.verdicts)) verdicts = data.verdicts.filter((v): v is StoredVerdict => typeof v?.key === "string" && typeof v.sum === "string");
      }
    } catch {
      // corrupt: start afresh
    }
    return new ResultCache(file, files, strategy, findings, verdicts);
  }

  /** The key of results computed with this tool version, config, file rules and day. */
  static key(run: { today: string; config: ResolvedConfig; rules: ActiveRule<FileRule>[] }): string {
    const rules = run.rules.map((r) => [r.rule.meta.id, r.severity, r.options]);
    return contentHash(JSON.stringify({ version: VERSION, today: run.today, config: run.config, rules }));
  }

  /** The stored entry of this very file (same stamp, and same content or a settled stamp), if it has the shape of one. */
  private stored(absPath: string, read: Lookup): CheckedFile | undefined {
    const hit = this.files[absPath] as Partial<CachedFile> | undefined;
    if (typeof hit !== "object" || hit === null) return undefined;
    if (read.stamp !== undefined) this.seen.add(absPath);
    if (read.hash === undefined) {
      // by stamp alone: only an entry whose stamp vouches for its text
      if (!this.byStamp || hit.stamp !== read.stamp || hit.settled !== true) return undefined;
    } else {
      if (hit.hash !== read.hash) return undefined;
      // on disk, where anyone may have written it, only for the very file read; in memory, the text is enough
      if (this.file !== undefined && (read.stamp === undefined || hit.stamp !== read.stamp)) return undefined;
    }
    const entry = hit.entry as Partial<CachedFile["entry"]> | undefined;
    if (typeof hit.key !== "string" || typeof entry !== "object" || entry === null || typeof entry.linted !== "boolean") return undefined;
    const keys = unpackKeys(entry.keys);
    if (!keys) return undefined;
    if (entry.body !== undefined && !isBodySummary(entry.body)) return undefined;
    if (entry.references !== undefined && !isIndexedReferences(entry.references)) return undefined;
    if (entry.localPaths !== undefined && !isIndexedLocalPaths(entry.localPaths)) return undefined;
    // found unchanged by its content, and its stamp now past: the next run need not read it
    if (read.hash !== undefined && read.stamp !== undefined && hit.settled !== true && this.file !== undefined && settledBefore(read.stamp, this.since)) {
      hit.settled = true;
      this.changed = true;
    }
    return { ...(hit as CachedFile), entry: { ...(entry as CachedFile["entry"]), keys } };
  }

  private count(read: Lookup): void {
    if (read.hash === undefined) this.reused.byStamp++;
    else this.reused.byContent++;
  }

  /** The stored result for this file, run key and version of its text, completed with what the run knows of the file. */
  get(job: FileJob, key: string, read: Lookup): CachedResult | undefined {
    const hit = this.stored(job.path, read);
    if (!hit || hit.key !== key || !areStoredResults(hit.diagnostics, hit.directives)) return undefined;
    this.count(read);
    return {
      diagnostics: hit.diagnostics.map((d) => ({ file: job.displayPath, ...d })),
      directives: hit.directives,
      entry: {
        path: job.path,
        displayPath: job.displayPath,
        place: job.place,
        linted: hit.entry.linted,
        keys: hit.entry.keys,
        ...(hit.entry.body ? { body: hit.entry.body } : {}),
        ...(hit.entry.references ? { references: hit.entry.references } : {}),
        ...(hit.entry.localPaths ? { localPaths: hit.entry.localPaths } : {}),
      },
    };
  }

  /**
   * Keeps an entry. On disk, only with the stamp of the file read (not for an
   * override), and only when JSON holds it exactly (a YAML alias cycle, `.inf`):
   * one file left out, and the rest of the cache still written.
   */
  private store(absPath: string, stored: CachedFile): void {
    if (this.file === undefined || (stored.stamp !== undefined && isJsonExact(stored))) {
      if (stored.stamp !== undefined && settledBefore(stored.stamp, this.since)) stored.settled = true;
      this.files[absPath] = stored;
      this.seen.add(absPath);
    } else delete this.files[absPath];
    this.changed = true;
  }

  set(absPath: string, key: string, read: ReadVersion, result: CachedResult): void {
    this.store(absPath, {
      key,
      ...read,
      // copies: the run goes on to add whole-tree diagnostics to its own list
      diagnostics: result.diagnostics.map(({ file: _file, ...rest }) => rest),
      directives: result.directives,
      entry: {
        keys: packKeys(result.entry.keys),
        linted: result.entry.linted,
        ...(result.entry.body ? { body: result.entry.body } : {}),
        ...(result.entry.references ? { references: result.entry.references } : {}),
        ...(result.entry.localPaths ? { localPaths: result.entry.localPaths } : {}),
      },
    });
  }

  /** The front matter keys stored for this version of the file, from any run. */
  indexKeys(absPath: string, read: Lookup): IndexEntry["keys"] | undefined {
    const keys = this.stored(absPath, read)?.entry.keys;
    if (keys) this.count(read);
    return keys;
  }

  /** Keeps the keys of a file read only for the whole-tree rules, unless its text's results are stored already. */
  setIndexKeys(absPath: string, read: ReadVersion, keys: IndexEntry["keys"]): void {
    if (this.stored(absPath, read)) return;
    this.store(absPath, { key: INDEX_ONLY, ...read, diagnostics: [], directives: [], entry: { keys: packKeys(keys), linted: false } });
  }

  delete(absPath: string): void {
    if (!(absPath in this.files)) return;
    delete this.files[absPath];
    this.changed = true;
  }

  /**
   * Writes the cache if anything changed, without the entries of files that no
   * longer exist (as ESLint prunes its cache; a file met in this run is not looked at again), in place of whatever is there, with
   * the user's umask: never through a link put there since it was read, nor with the
   * mode of what a link points to. A cache that cannot be written only costs the
   * next run time.
   */
  /** Keeps the verdict of this run (src/run/verdict.ts) for the run options of `key`, in place of an earlier one for the same key. */
  keepVerdict(key: string, verdict: unknown): void {
    const text = JSON.stringify(verdict);
    this.verdict = { key, line: verdictLine({ key, sum: contentHash(text), verdict }, text) };
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed || this.file === undefined) return;
    for (const kept of [this.files, this.findings]) for (const file of Object.keys(kept)) if (!this.seen.has(file) && !existsSync(file)) delete kept[file];
    const mine = this.verdict;
    const others = this.verdicts.filter((v) => v.key !== mine?.key).map((v) => verdictLine(v));
    const verdicts = [...(mine ? [mine.line] : []), ...others].slice(0, VERDICTS_KEPT);
    // one JSON document, its verdicts on lines of their own (storedVerdict)
    const lines = verdicts.map((line) => `${line}\n`).join(",");
    const body = JSON.stringify({ files: this.files, findings: this.findings }).slice(1);
    // written piece by piece: the cache of a large tree is tens of MiB, not to be copied into one string and again into a buffer
    const pieces = ["\n", lines, "],", body];
    // the head's length does not depend on the numbers it holds
    const length = pieces.reduce((n, piece) => n + Buffer.byteLength(piece), Buffer.byteLength(verdictsHead(0, 0)));
    const text = [verdictsHead(length, Buffer.byteLength(lines)), ...pieces];
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeAtomic(this.file, text, { create: true, freshMode: true });
    } catch {
      // the next run lints afresh
    }
  }
}
