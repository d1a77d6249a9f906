/**
 * `--cache`: phase-one results kept in one JSON file (like ESLint's `.eslintcache`)
 * and reused for a file whose content hash is unchanged. The whole cache belongs to
 * one key — tool version, resolved config, active file rules and their options, and
 * today — and is dropped when the key differs. Whole-tree rules always re-run.
 * A cache file that cannot be read or parsed is ignored, never fatal.
 */
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ActiveRule } from "./lint-file.js";
import type { FileJob } from "./lint-job.js";
import type { Diagnostic, FileRule, IndexEntry, ResolvedConfig } from "./types.js";
import { VERSION } from "./version.js";

export const DEFAULT_CACHE_FILE = ".milestonelintcache";
/** Bumped when the layout of the cache file changes. */
const CACHE_FORMAT = 2;

/** What is stored of a file's result: not what the run knows already (its path, how it is shown, its place). */
interface CachedFile {
  hash: string;
  diagnostics: Omit<Diagnostic, "file">[];
  entry: Pick<IndexEntry, "keys" | "linted">;
}

interface CacheData {
  format: number;
  key: string;
  files: Record<string, CachedFile>;
}

/** node:crypto is loaded only by runs that use the cache: it costs start-up time. */
let crypto: typeof import("node:crypto") | undefined;

async function sha1(text: string): Promise<string> {
  crypto ??= await import("node:crypto");
  return crypto.createHash("sha1").update(text).digest("base64");
}

export function contentHash(text: string): Promise<string> {
  return sha1(text);
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
    typeof v === "object" && v !== null && typeof v.hash === "string" && Array.isArray(v.diagnostics) &&
    typeof v.entry === "object" && v.entry !== null && typeof v.entry.keys === "object" && v.entry.keys !== null
  );
}

export class ResultCache {
  private readonly files: Record<string, CachedFile>;
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    files: Record<string, CachedFile>,
  ) {
    this.files = files;
  }

  /** The cache at `file` if it was written for this tool version, config, rules and day, else an empty one. */
  static async open(file: string, run: { today: string; config: ResolvedConfig; rules: ActiveRule<FileRule>[] }): Promise<ResultCache> {
    const rules = run.rules.map((r) => [r.rule.meta.id, r.severity, r.options]);
    return ResultCache.load(file, await sha1(JSON.stringify({ version: VERSION, today: run.today, config: run.config, rules })));
  }

  private static async load(file: string, key: string): Promise<ResultCache> {
    let files: Record<string, CachedFile> = Object.create(null);
    try {
      const data = JSON.parse(await readFile(file, "utf8")) as CacheData;
      if (data?.format === CACHE_FORMAT && data.key === key && typeof data.files === "object" && data.files !== null) {
        files = Object.assign(Object.create(null), data.files);
      }
    } catch {
      // missing, unreadable or corrupt: start afresh
    }
    return new ResultCache(file, key, files);
  }

  /** The stored result for this file and content hash, completed with what the run knows of the file. */
  get(job: FileJob, hash: string): { diagnostics: Diagnostic[]; entry: IndexEntry } | undefined {
    const hit = this.files[job.path];
    if (!isCachedFile(hit) || hit.hash !== hash) return undefined;
    return {
      diagnostics: hit.diagnostics.map((d) => ({ file: job.displayPath, ...d })),
      entry: { path: job.path, displayPath: job.displayPath, place: job.place, linted: hit.entry.linted, keys: hit.entry.keys },
    };
  }

  set(absPath: string, hash: string, diagnostics: Diagnostic[], entry: IndexEntry): void {
    this.files[absPath] = {
      hash,
      // copies: the run goes on to add whole-tree diagnostics to its own list
      diagnostics: diagnostics.map(({ file: _file, ...rest }) => rest),
      entry: { keys: entry.keys, linted: entry.linted },
    };
    this.changed = true;
  }

  delete(absPath: string): void {
    if (!(absPath in this.files)) return;
    delete this.files[absPath];
    this.changed = true;
  }

  /** Writes the cache if anything changed; a cache that cannot be written only costs the next run time. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const data: CacheData = { format: CACHE_FORMAT, key: this.key, files: this.files };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(tmp, JSON.stringify(data), "utf8");
      await rename(tmp, this.file);
    } catch {
      await unlink(tmp).catch(() => undefined);
    }
  }
}
