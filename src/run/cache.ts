/**
 * `--cache`: phase-one results kept in one JSON file (like ESLint's `.eslintcache`)
 * and reused for a file whose content hash is unchanged. Each result is stored with
 * the key of the run settings it was computed under — tool version, resolved config,
 * active file rules and their options, and today — and is reused only under the same
 * key, so files under different config files each keep theirs. Whole-tree rules
 * always re-run, but the front matter keys of files read only for them (a run on some
 * files of a tree) depend on nothing but the text, and are reused whatever the key.
 * A cache file that cannot be read or parsed, or was written by another version, is
 * ignored, never fatal.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob } from "./lint-job.js";
import type { Directive } from "./suppressions.js";
import type { Diagnostic, FilePlace, FileRule, IndexEntry, ResolvedConfig } from "../shared/types.js";
import { contentHash } from "./content-hash.js";
import { VERSION } from "../shared/version.js";
import { writeAtomic } from "../fix/write-atomic.js";

export const DEFAULT_CACHE_FILE = ".milestonelintcache";
/** Bumped when the layout of the cache file changes. */
const CACHE_FORMAT = 7;
/** The key of a file read only for the whole-tree rules: its keys are kept, and no run's results. */
const INDEX_ONLY = "";

/** What is stored of a file's result: not what the run knows already (its path, how it is shown, its place). */
interface CachedFile {
  /** The key of the run settings the result was computed under. */
  key: string;
  hash: string;
  diagnostics: Omit<Diagnostic, "file">[];
  directives: Directive[];
  entry: Pick<IndexEntry, "keys" | "linted" | "body" | "references" | "localPaths">;
}

interface CacheData {
  format: number;
  /** The tool version that wrote it: another version may read front matter differently. */
  version: string;
  files: Record<string, CachedFile>;
}

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

function isCachedFile(value: unknown): value is CachedFile {
  const v = value as CachedFile | null;
  return (
    typeof v === "object" && v !== null && typeof v.key === "string" && typeof v.hash === "string" &&
    Array.isArray(v.diagnostics) && Array.isArray(v.directives) &&
    typeof v.entry === "object" && v.entry !== null && typeof v.entry.keys === "object" && v.entry.keys !== null
  );
}

export class ResultCache {
  private changed = false;

  private constructor(
    /** Where it is saved; undefined for a cache kept in memory only (src/run/run-memory.ts). */
    readonly file: string | undefined,
    private readonly files: Record<string, CachedFile>,
  ) {}

  static inMemory(): ResultCache {
    return new ResultCache(undefined, Object.create(null));
  }

  /** The cache at `file`, or an empty one when there is none or it cannot be used. */
  static async open(file: string): Promise<ResultCache> {
    let files: Record<string, CachedFile> = Object.create(null);
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as CacheData;
      if (data?.format === CACHE_FORMAT && data.version === VERSION && typeof data.files === "object" && data.files !== null) {
        files = Object.assign(Object.create(null), data.files);
      }
    } catch {
      // missing, unreadable or corrupt: start afresh
    }
    return new ResultCache(file, files);
  }

  /** The key of results computed with this tool version, config, file rules and day. */
  static key(run: { today: string; config: ResolvedConfig; rules: ActiveRule<FileRule>[] }): Promise<string> {
    const rules = run.rules.map((r) => [r.rule.meta.id, r.severity, r.options]);
    return contentHash(JSON.stringify({ version: VERSION, today: run.today, config: run.config, rules }));
  }

  /** The stored result for this file, run key and content hash, completed with what the run knows of the file. */
  get(job: FileJob, key: string, hash: string): CachedResult | undefined {
    const hit = this.files[job.path];
    if (!isCachedFile(hit) || hit.key !== key || hit.hash !== hash) return undefined;
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

  set(absPath: string, key: string, hash: string, result: CachedResult): void {
    this.files[absPath] = {
      key,
      hash,
      // copies: the run goes on to add whole-tree diagnostics to its own list
      diagnostics: result.diagnostics.map(({ file: _file, ...rest }) => rest),
      directives: result.directives,
      entry: {
        keys: result.entry.keys,
        linted: result.entry.linted,
        ...(result.entry.body ? { body: result.entry.body } : {}),
        ...(result.entry.references ? { references: result.entry.references } : {}),
        ...(result.entry.localPaths ? { localPaths: result.entry.localPaths } : {}),
      },
    };
    this.changed = true;
  }

  /** The front matter keys stored for this file's text, from any run. */
  indexKeys(absPath: string, hash: string): IndexEntry["keys"] | undefined {
    const hit = this.files[absPath];
    return isCachedFile(hit) && hit.hash === hash ? hit.entry.keys : undefined;
  }

  /** Keeps the keys of a file read only for the whole-tree rules, unless its text's results are stored already. */
  setIndexKeys(absPath: string, hash: string, keys: IndexEntry["keys"]): void {
    if (this.indexKeys(absPath, hash)) return;
    this.files[absPath] = { key: INDEX_ONLY, hash, diagnostics: [], directives: [], entry: { keys, linted: false } };
    this.changed = true;
  }

  delete(absPath: string): void {
    if (!(absPath in this.files)) return;
    delete this.files[absPath];
    this.changed = true;
  }

  /**
   * Writes the cache if anything changed, without the entries of files that no
   * longer exist (as ESLint prunes its cache); a cache that cannot be written only
   * costs the next run time.
   */
  async save(): Promise<void> {
    if (!this.changed || this.file === undefined) return;
    for (const file of Object.keys(this.files)) if (!existsSync(file)) delete this.files[file];
    const data: CacheData = { format: CACHE_FORMAT, version: VERSION, files: this.files };
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeAtomic(this.file, JSON.stringify(data), { create: true });
    } catch {
      // the next run lints afresh
    }
  }
}
