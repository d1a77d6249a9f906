/**
 * The configuration of each linted file: `--config PATH` or an inline config for
 * every file, else the nearest config file above it (see config-files.ts), else
 * the defaults. Each config is read, checked, its plugins loaded and resolved once.
 */
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { checkConfigShape, resolveConfig } from "./config.js";
import { configFileIn, configSearchStopsAt, readConfigFile, type ConfigFile, type RuleEntry } from "./config-files.js";
import { UsageError } from "../shared/errors.js";
import { didYouMeanSentence } from "../shared/suggest.js";
import { Gitignores } from "./gitignore.js";
import { findRepoRoot, relativeInside } from "../shared/paths.js";
import { loadPlugins } from "./plugins.js";
import type { IgnoreReason, ResolvedConfig, Rule } from "../shared/types.js";

/** A configuration and the rules it knows (the built-in ones plus its plugins). */
export interface RunConfig {
  config: ResolvedConfig;
  rules: readonly Rule[];
  /** Where it came from, for `--debug`: the config file as shown, "default config" or "inline config". */
  origin?: string;
}

export interface LoadedConfig extends RunConfig {
  /** The config file; undefined for an inline config or the defaults. */
  file?: string;
  /** The folder `ignores`, `plugins` and schema paths are relative to. */
  dir: string;
  /** The config as written. */
  input: ConfigFile;
  /** Paths of the plugins, as written. */
  plugins: string[];
}

export interface LoaderOptions {
  cwd: string;
  /** A config file (overrides discovery) or an inline config. */
  config?: string | ConfigFile;
  /** The rules every config knows (the built-in ones); plugins add to them. */
  rules: readonly Rule[];
  /** The config of files that no config file covers; default `{}` (every rule at its default). */
  defaults?: ConfigFile;
  /** Rule settings that win over every config's (`--rule`). */
  overrideRules?: Record<string, RuleEntry>;
}

/** A config error surfaces where the config is awaited, not as an unhandled rejection before that. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export class ConfigLoader {
  private readonly byFile = new Map<string, Promise<LoadedConfig>>();
  private readonly fileOfDir = new Map<string, string | undefined>();
  private readonly ignoresOf = new WeakMap<LoadedConfig, Ignore>();
  private readonly gitignores = new Gitignores();
  /** `--config` or an inline config: the one config of every file. */
  private readonly forced?: Promise<LoadedConfig>;
  private defaults?: Promise<LoadedConfig>;

  constructor(private readonly options: LoaderOptions) {
    const { config, cwd } = options;
    if (typeof config === "string") this.forced = this.load(path.resolve(cwd, config));
    else if (config !== undefined) this.forced = handled(this.build(config, "inline config", cwd));
  }

  private shown(file: string): string {
    return path.relative(this.options.cwd, file).split(path.sep).join("/") || file;
  }

  private async build(input: unknown, shown: string, dir: string, file?: string): Promise<LoadedConfig> {
    const source = { name: shown, dir };
    const config = checkConfigShape(input, source);
    const taken = new Set(this.options.rules.map((r) => r.meta.id));
    const plugins = await loadPlugins(config.plugins ?? [], dir, shown, taken);
    const rules = [...this.options.rules, ...plugins];
    const overrides = this.options.overrideRules;
    if (overrides) {
      const ids = rules.map((r) => r.meta.id);
      for (const id of Object.keys(overrides)) {
        if (!ids.includes(id)) throw new UsageError(`--rule: unknown rule "${id}".${didYouMeanSentence(id, ids)}`);
      }
    }
    return {
      config: resolveConfig(config, source, rules, overrides),
      rules,
      origin: shown,
      dir,
      input: config,
      plugins: config.plugins ?? [],
      ...(file !== undefined ? { file } : {}),
    };
  }

  private load(file: string): Promise<LoadedConfig> {
    let loaded = this.byFile.get(file);
    if (!loaded) {
      const shown = this.shown(file);
      loaded = handled(readConfigFile(file, shown).then((input) => this.build(input, shown, path.dirname(file), file)));
      this.byFile.set(file, loaded);
    }
    return loaded;
  }

  /**
   * The nearest config file at or above `dir`, up to the repository root (the folder
   * holding `.git`): a config file above the repository is someone else's, and a
   * `.mjs` one is code that would run. Outside a repository, up to the file system's root.
   */
  private nearest(dir: string): string | undefined {
    if (this.fileOfDir.has(dir)) return this.fileOfDir.get(dir);
    const parent = path.dirname(dir);
    const found = configFileIn(dir) ?? (configSearchStopsAt(dir) ? undefined : this.nearest(parent));
    this.fileOfDir.set(dir, found);
    return found;
  }

  /** Where the search for the config of files in `dir` stops: the repository root, else the file system's root; undefined with `--config` or an inline config. */
  searchStop(dir: string): string | undefined {
    if (this.forced) return undefined;
    const abs = path.resolve(this.options.cwd, dir);
    return findRepoRoot(abs) ?? path.parse(abs).root;
  }

  /** The configuration that applies to files in `dir`. */
  forDir(dir: string): Promise<LoadedConfig> {
    if (this.forced) return this.forced;
    const file = this.nearest(path.resolve(this.options.cwd, dir));
    if (file) return this.load(file);
    // no config anywhere above: the defaults, shared by every such folder
    return (this.defaults ??= handled(this.build(this.options.defaults ?? {}, "default config", this.options.cwd)));
  }

  forFile(abs: string): Promise<LoadedConfig> {
    return this.forDir(path.dirname(abs));
  }

  /** Left out by the config's `ignores` or, unless `gitignore: false`, by `.gitignore`. */
  async isIgnored(abs: string): Promise<boolean> {
    return (await this.ignoredBy(abs)) !== undefined;
  }

  /** Why `abs` is left out (the config's `ignores`, or `.gitignore`), or undefined when it is not. */
  async ignoredBy(abs: string): Promise<IgnoreReason | undefined> {
    const loaded = await this.forFile(abs);
    let rules = this.ignoresOf.get(loaded);
    if (!rules) {
      rules = ignore().add(loaded.config.ignores);
      this.ignoresOf.set(loaded, rules);
    }
    const rel = relativeInside(loaded.dir, abs);
    if (rel !== undefined && rules.ignores(rel)) return { by: "ignores", description: `\`ignores\` in ${loaded.file !== undefined ? this.shown(loaded.file) : "the inline config"}` };
    return loaded.config.gitignore && this.gitignores.isIgnored(abs) ? { by: "gitignore", description: ".gitignore" } : undefined;
  }
}
