/**
 * The programmatic API: `import { lint } from "milestone-lint"` takes the options
 * the CLI takes and returns the results the CLI prints; `lintText` lints a text as
 * if it were a file of the tree; a `LintSession` lints the same tree again and
 * again (an editor) without reading what did not change.
 */
import { existsSync } from "./shared/read-fs.js";
import path from "node:path";
import { classifyPlan, planFolders } from "./tree/plan-place.js";
import { classify } from "./tree/place.js";
import { builtinRules } from "../rules/index.js";
import { CACHE_STRATEGIES, ResultCache, resolveCacheFile, storedVerdict } from "./run/cache.js";
import { makeVerdict, replay } from "./run/verdict.js";
import { contentHash } from "./run/content-hash.js";
import { endTrace, startTrace } from "./shared/fs-trace.js";
import { VERSION } from "./shared/version.js";
import { ConfigLoader, type LoadedConfig } from "./config/config-loader.js";
import { defaultConfig } from "./config/config.js";
import type { ConfigFile, RuleEntry } from "./config/config-files.js";
import { localDate, runEngine } from "./run/engine.js";
import { isIsoDate } from "./tree/dates.js";
import { AGENT_DIRS, defaultTargets } from "./tree/agent-dirs.js";
import { UsageError } from "./shared/errors.js";
import { findRepoRoot } from "./shared/paths.js";
import type { CacheStrategy, LintResult, Overrides, PlanSettings, ResolvedConfig, Rule } from "./shared/types.js";
import { didYouMeanSentence } from "./shared/suggest.js";
import type { Concurrency } from "./run/workers.js";
import { RunMemory } from "./run/run-memory.js";
import { Folders } from "./shared/folders.js";
import { configWithout } from "./detect/without-config.js";
import type { ReadAhead } from "./shared/types.js";

export interface LintOptions {
  /** Files, folders or globs to lint; default whichever of `.agent` and `.agents` exists in `cwd`, and the folders of the config's `plans`. */
  patterns?: readonly string[];
  /** Folder paths are resolved against and shown relative to; default `process.cwd()`. */
  cwd?: string;
  /** Today as `YYYY-MM-DD`, for rules that compare with today; default the local date. */
  now?: string;
  /** Apply safe fixes and write the files back (`--fix`). */
  fix?: boolean;
  /** Work out the fixes without writing them (`--fix-dry-run`): see each file's `source` and `output`. */
  fixDryRun?: boolean;
  /**
   * A config file to use instead of looking for one (`--config`), or an inline
   * config (the shape of a config file; paths in it are relative to `cwd`).
   * Default: the nearest config file above each linted file.
   */
  config?: string | ConfigFile;
  /**
   * The config of files that no config file covers (in the shape of a config file);
   * default: every rule at its default.
   */
  defaults?: ConfigFile;
  /**
   * When no config file applies in `cwd` and no `config` is given, lint with what
   * `inspect()` proposes for the tree there instead of `defaults`, as the CLI does;
   * the result's `notice` then says what was chosen and why.
   */
  detectDefaults?: boolean;
  /** Rules to run in addition to the built-in ones and the configs' plugins. */
  rules?: readonly Rule[];
  /** Rule settings that win over every config's, as `--rule 'id: severity'` gives them. */
  overrideRules?: Record<string, RuleEntry>;
  /** Report disable directives that suppressed nothing (`--report-unused-disables`). */
  reportUnusedDisables?: boolean;
  /** Leave warnings out of the results (`--quiet`). */
  quiet?: boolean;
  /** Force a layout over every config's `layout` (`--layout`): `auto`, `template` or `upstream`. */
  layout?: string;
  /** Reuse per-file results of unchanged files from the cache file (`--cache`). */
  cache?: boolean;
  /** The cache file, or a folder for `.milestonelintcache`; default `.milestonelintcache` in `cwd`. */
  cacheLocation?: string;
  /**
   * How the cache knows a file unchanged (`--cache-strategy`, ESLint's): `metadata`
   * (the default) by its size, times and inode from one `stat`, without opening it;
   * `content` by reading and hashing it too.
   */
  cacheStrategy?: CacheStrategy;
  /** Threads for the per-file rules, the calling one included: `auto` (the default) adds workers when there are enough files. */
  concurrency?: Concurrency;
  /** Add a `trace` to the result: timings per phase and per rule, each file's config, crash stacks (`--debug`). */
  debug?: boolean;
  /**
   * Texts to lint instead of the files on disk (unsaved editor buffers), by path,
   * relative to `cwd` or absolute; bytes are decoded as a file's are. The
   * whole-tree rules see them in place of the disk's copies, and a path that does
   * not exist on disk yet counts as a file of the tree (when named, or inside a
   * folder named; globs match files on disk only). Overridden files are never
   * written: with `fix`, their fixed text is in their result's `output`.
   */
  overrides?: ReadonlyMap<string, string | Uint8Array>;
  /** Give the result a `tree` of every plan and milestone (default true; an editor, which shows no board, saves building it). */
  tree?: boolean;
}

export interface LintTextOptions extends Omit<LintOptions, "patterns"> {
  /** Where the text lives, relative to `cwd` or absolute: its place in the tree, its config and the whole-tree rules apply as if it were there. */
  filePath: string;
}

/** The results with warnings left out, counts included (`--quiet`). */
export function errorsOnly(result: LintResult): LintResult {
  const files = result.files.map((f) => {
    const diagnostics = f.diagnostics.filter((d) => d.severity === "error");
    return { ...f, diagnostics, warningCount: 0, fixableCount: diagnostics.filter((d) => d.fix).length };
  });
  return { ...result, files, warningCount: 0, fixableCount: files.reduce((n, f) => n + f.fixableCount, 0) };
}

function loaderFor(options: Pick<LintOptions, "config" | "defaults" | "rules" | "overrideRules">, cwd: string, folders = new Folders()): ConfigLoader {
  return new ConfigLoader({
    cwd,
    exists: folders.has,
    rules: [...builtinRules, ...(options.rules ?? [])],
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.defaults !== undefined ? { defaults: options.defaults } : {}),
    ...(options.overrideRules !== undefined ? { overrideRules: options.overrideRules } : {}),
  });
}

/** What a run lints when given no paths (`defaultPatterns`): said when there is nothing. */
function targets(found: readonly string[], cwd: string): readonly string[] {
  if (found.length === 0) {
    const none = `No ${AGENT_DIRS.join(" or ")} folder in ${cwd}`;
    // at the repository root, "run from the repository root" would send the user round in circles
    if (findRepoRoot(cwd) === path.resolve(cwd)) throw new UsageError(`${none} (the repository root), and no config names folders of plans (\`plans\`); name the files or folders to lint`);
    throw new UsageError(`${none}; run from the repository root, or name the files or folders to lint`);
  }
  return found;
}

function checkCacheStrategy(strategy: string | undefined): void {
  if (strategy !== undefined && !(CACHE_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new UsageError(`Unknown cache strategy "${strategy}"; expected one of: ${CACHE_STRATEGIES.join(", ")}.${didYouMeanSentence(strategy, CACHE_STRATEGIES)}`);
  }
}

const LAYOUTS: readonly string[] = ["auto", "template", "upstream"] satisfies ResolvedConfig["layout"][];

/** By absolute path. */
function resolveOverrides(overrides: LintOptions["overrides"], cwd: string): Overrides | undefined {
  if (!overrides || overrides.size === 0) return undefined;
  return new Map([...overrides].map(([file, text]) => [path.resolve(cwd, file), text]));
}

async function run(options: LintOptions, loader: ConfigLoader, memory?: RunMemory, ahead: { folders?: Folders; readAhead?: ReadAhead; cache?: ResultCache } = {}): Promise<LintResult> {
  const today = options.now ?? localDate();
  if (!isIsoDate(today)) throw new UsageError(`--now must be a real date as YYYY-MM-DD, got "${today}"`);
  const layout = options.layout;
  if (layout !== undefined && !LAYOUTS.includes(layout)) {
    throw new UsageError(`Unknown layout "${layout}"; expected one of: ${LAYOUTS.join(", ")}`);
  }
  checkCacheStrategy(options.cacheStrategy);
  const cwd = options.cwd ?? process.cwd();
  const overrides = resolveOverrides(options.overrides, cwd);
  // a broken config is reported before any file is read
  const here = await loader.forDir(cwd);
  const defaults = defaultPatterns(cwd, here.config);
  const result = await runEngine({
    patterns: options.patterns ?? targets(defaults, cwd),
    defaults,
    cwd,
    rules: here.rules,
    config: here.config,
    configFor: (file) => loader.forFile(file),
    ignoredBy: (file) => loader.ignoredBy(file),
    today,
    fix: (options.fix ?? false) || (options.fixDryRun ?? false),
    write: !options.fixDryRun,
    reportUnusedDisables: options.reportUnusedDisables ?? false,
    ...(layout !== undefined ? { layout: layout as ResolvedConfig["layout"] } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.debug ? { debug: true } : {}),
    ...(overrides ? { overrides } : {}),
    ...(memory ? { memory } : {}),
    ...ahead,
    ...(options.tree === false ? { tree: false } : {}),
  });
  return options.quiet ? errorsOnly(result) : result;
}

/** What a run given no paths lints: `.agent` and `.agents` where they exist, and the folders that hold the plans of the config found here. */
function defaultPatterns(cwd: string, config: ResolvedConfig): string[] {
  const plans = config.plans ? planFolders(config.plans).filter((dir) => existsSync(dir)) : [];
  return [...defaultTargets(cwd), ...plans];
}

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  // the detection, the config lookup and the run look at the same folders and files: each folder is listed once, most files read once
  const folders = new Folders();
  const readAhead: ReadAhead = new Map();
  const detecting = options.detectDefaults === true && options.config === undefined;
  let cache: ResultCache | undefined;
  let key: string | undefined;
  if (options.cache) {
    checkCacheStrategy(options.cacheStrategy);
    const file = await resolveCacheFile(options.cacheLocation, cwd);
    // a run like the last, in a tree as it was then, is the last run's result
    key = verdictKey(options, cwd);
    const replayed = key !== undefined ? replay(storedVerdict(file, key), file) : undefined;
    if (replayed) return replayed;
    cache = await ResultCache.open(file, options.cacheStrategy);
  }
  const since = Date.now();
  const trace = key !== undefined ? startTrace() : undefined;
  try {
    // with --cache, the detection's findings about files that did not change are kept: it does not read them again
    const findings = cache && detecting && { get: (file: string) => cache.finding(file), set: (file: string, value: string) => cache.setFinding(file, value) };
    const detected = detecting ? await configWithout(path.resolve(cwd), { folders, readAhead, ...(findings ? { findings } : {}) }) : undefined;
    const chosen = detected ? { ...options, defaults: detected.defaults } : options;
    const ran = await run(chosen, loaderFor(chosen, cwd, folders), undefined, { folders, readAhead, ...(cache ? { cache } : {}) });
    const result = detected ? { ...ran, notice: detected.notice } : ran;
    if (trace && cache?.file !== undefined && key !== undefined) {
      const verdict = makeVerdict(trace, since, cache.file, cache.strategy, result, result.files.map((f) => path.resolve(cwd, f.file)));
      if (verdict) cache.keepVerdict(key, verdict);
    }
    await cache?.save();
    return result;
  } finally {
    if (trace) endTrace(trace);
  }
}

/**
 * What each option of a run is to the run's verdict (src/run/verdict.ts): part of the
 * key it is kept under; a reason, when set, not to replay the run (it writes, works
 * on texts given, shows its trace, or runs rules given as code); or of no bearing on
 * the result. Every option is here (the type says so), so a new one is placed too.
 */
const FOR_VERDICT: Record<keyof LintOptions, "key" | "not replayed" | "no bearing"> = {
  patterns: "key",
  cwd: "key",
  now: "key",
  config: "key",
  defaults: "key",
  detectDefaults: "key",
  overrideRules: "key",
  reportUnusedDisables: "key",
  quiet: "key",
  layout: "key",
  tree: "key",
  cacheStrategy: "key",
  fix: "not replayed",
  fixDryRun: "not replayed",
  debug: "not replayed",
  overrides: "not replayed",
  rules: "not replayed",
  cache: "no bearing",
  cacheLocation: "no bearing",
  concurrency: "no bearing",
};

/** The key of the verdicts a run with these options keeps and replays, or undefined for a run that is not replayed. */
function verdictKey(options: LintOptions, cwd: string): string | undefined {
  // the defaults as the run takes them: the same run, whether they are given or not
  const key: Record<string, unknown> = { version: VERSION, cwd: path.resolve(cwd), now: options.now ?? localDate(), cacheStrategy: options.cacheStrategy ?? "metadata" };
  for (const [name, bearing] of Object.entries(FOR_VERDICT)) {
    const value = options[name as keyof LintOptions];
    if (value === undefined) continue;
    if (bearing === "not replayed" && value !== false && !(Array.isArray(value) && value.length === 0)) return undefined;
    if (bearing === "key" && !(name in key)) key[name] = value;
  }
  return contentHash(JSON.stringify(key));
}

/**
 * Lints `text` as the content of `filePath`, with the disk's copy (if any) replaced
 * by it, and returns what `lint()` returns for that file (no file when the path is
 * not a plan or milestone file, or is ignored). With `fix`, the fixed text is in
 * `files[0].output` and nothing is written.
 */
export async function lintText(text: string | Uint8Array, options: LintTextOptions): Promise<LintResult> {
  const { filePath, ...rest } = options;
  const cwd = options.cwd ?? process.cwd();
  const overrides = new Map(resolveOverrides(options.overrides, cwd));
  overrides.set(path.resolve(cwd, filePath), text);
  return lint({ ...rest, patterns: [filePath], overrides });
}

/** What a session takes once; the rest of LintOptions is given to each run. */
export type SessionOptions = Pick<LintOptions, "cwd" | "config" | "defaults" | "rules" | "overrideRules">;

/**
 * Lints one tree again and again, as an editor does: keeps the configs it loaded
 * and, checked against the disk at every run, what it read of the tree, so a run
 * after an edit reads only what changed. A run gives what `lint()` gives for the
 * same options and texts. Call `forget()` when a config file or a `.gitignore`
 * may have changed.
 */
export class LintSession {
  private loader: ConfigLoader;
  private memory = new RunMemory();

  constructor(private readonly options: SessionOptions = {}) {
    this.loader = loaderFor(options, this.cwd);
  }

  get cwd(): string {
    return this.options.cwd ?? process.cwd();
  }

  lint(options: Omit<LintOptions, keyof SessionOptions | "cache" | "cacheLocation" | "cacheStrategy"> = {}): Promise<LintResult> {
    return run({ ...options, ...this.options }, this.loader, this.memory);
  }

  /** True when `file` (absolute) is one the session lints: a plan or milestone by its path, or a plan the config's `plans` names. */
  async lints(file: string): Promise<boolean> {
    if (classify(file)) return true;
    const { plans } = (await this.loader.forFile(file)).config;
    return plans !== undefined && classifyPlan(file, plans) !== undefined;
  }

  /** The rules that apply to `file` (absolute), plugins included. */
  async rulesFor(file: string): Promise<readonly Rule[]> {
    return (await this.loader.forFile(file)).rules;
  }

  forget(): void {
    this.loader = loaderFor(this.options, this.cwd);
    this.memory = new RunMemory();
  }
}

/** The configuration that applies to `file` (`--print-config`): where it came from, and every rule's severity and options. */
export async function configForFile(file: string, options: Pick<LintOptions, "cwd" | "config" | "defaults" | "rules" | "overrideRules"> = {}): Promise<PrintedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const loader = loaderFor(options, cwd);
  const abs = path.resolve(cwd, file);
  const loaded = await loader.forFile(abs);
  return printable(loaded, await loader.isIgnored(abs), loader.searchStop(path.dirname(abs)));
}

/** The rules a run from `cwd` knows: built-in ones and the plugins of the config that applies there (`--list-rules`). */
export async function rulesFor(options: Pick<LintOptions, "cwd" | "config" | "defaults" | "rules" | "overrideRules"> = {}): Promise<readonly Rule[]> {
  const cwd = options.cwd ?? process.cwd();
  return (await loaderFor(options, cwd).forDir(cwd)).rules;
}

export interface PrintedConfig {
  /** The config file, absolute; null for an inline config or the defaults. */
  configFile: string | null;
  /** The folder where the search for a config file stopped (the repository root, or the file system's root outside one); null with `--config` or an inline config. */
  configSearchStoppedAt: string | null;
  extends: string[];
  plugins: string[];
  ignores: string[];
  layout: ResolvedConfig["layout"];
  gitignore: boolean;
  /** True when `ignores` or `.gitignore` leave the file out. */
  ignored: boolean;
  /** Every rule: its severity, with its options when it has any. */
  rules: Record<string, RuleEntry>;
  /** The plans of the PLANS.md practice the config names, when it names any. */
  plans?: PlanSettings;
}

function printable(loaded: LoadedConfig, ignored: boolean, searchStop: string | undefined): PrintedConfig {
  const rules: Record<string, RuleEntry> = {};
  for (const rule of loaded.rules) {
    const setting = loaded.config.rules[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.severity;
    const options = setting?.options ?? rule.meta.defaultOptions ?? {};
    rules[rule.meta.id] = Object.keys(options).length > 0 ? [severity, options] : severity;
  }
  const ext = loaded.input.extends;
  return {
    configFile: loaded.file ?? null,
    configSearchStoppedAt: searchStop ?? null,
    extends: ext === undefined ? [] : typeof ext === "string" ? [ext] : ext,
    plugins: loaded.plugins,
    ignores: loaded.config.ignores,
    layout: loaded.config.layout,
    gitignore: loaded.config.gitignore,
    ignored,
    rules,
    ...(loaded.config.plans ? { plans: loaded.config.plans } : {}),
  };
}

export { builtinRules, defaultConfig, UsageError };
export { inspect, DETECTORS, type Inspection } from "./detect/inspect.js";
export type { Detection, Detector } from "./detect/detection.js";
export type { ConfigFile, RuleEntry };
export type * from "./shared/types.js";
export type { Concurrency } from "./run/workers.js";
