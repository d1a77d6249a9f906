/**
 * Phase two of a run: the whole-tree index and the rules that judge files against
 * it. Files the user did not ask to lint are read for their front matter only
 * (no Markdown parse), and each root's `registry.json` is read with positions.
 */
import { Gitignores } from "../config/gitignore.js";
import type { ResultCache } from "./cache.js";
import { versionOf } from "./content-hash.js";
import { frontMatterEntry, simpleFrontMatterEntry } from "../tree/index-entry.js";
import { crashMessage, type ActiveRule, type FileTrace } from "./lint-file.js";
import { classify } from "../tree/place.js";
import { existsSync } from "../shared/read-fs.js";
import { frontMatterSettled } from "../source/front-matter.js";
import { readSource, readSourceStart } from "../source/read-source.js";
import type { ReadAhead } from "../shared/types.js";
import { readRegistry, registryPath } from "../tree/registry.js";
import { overridesIn, walkMarkdown, type IgnoredBy, type ListFolder, type UnreadableDir } from "./discover.js";
import type { RunMemory } from "./run-memory.js";
import { eachWithinBudget, FILE_TIME_BUDGET_MS } from "./time-budget.js";
import type { Diagnostic, FileSystemView, IndexEntry, Overrides, Place, SourceFile, PlanPlace, PlanSettings, ProjectIndex, ProjectRule, RegistryFile, ResolvedConfig } from "../shared/types.js";
import { classifyPlan, planFolders } from "../tree/plan-place.js";

export interface IndexOptions {
  displayPath: (abs: string) => string;
  /** Gitignored files are not part of the tree; files the config `ignores` are (they are only not linted). */
  ignoredBy?: IgnoredBy;
  /** True when the run covers this file (the user named it or a folder that holds it). */
  covers: (abs: string) => boolean;
  /** `--cache`: front matter keys of files that are unchanged (`byStamp`: known by their stamp alone, without reading them). */
  cache?: Pick<ResultCache, "indexKeys" | "setIndexKeys" | "byStamp" | "stampOf">;
  /** Texts the index reads instead of the files on disk (a file not on disk included). */
  overrides?: Overrides;
  /** A long-lived caller's memory of the tree: files unchanged since the last run are not read again. */
  memory?: RunMemory;
  /** How folders are listed (the run's discovery listed some already, a long-lived caller remembers them); default readdir. */
  listFolder?: ListFolder;
  /** Texts read already in this run: taken (and dropped) instead of reading the file again. */
  readAhead?: ReadAhead;
  /** The linted plans of the PLANS.md practice, and the configs' `plans` whose other plans the index lists by path. */
  plans?: { linted: IndexEntry<PlanPlace>[]; sets: PlanSettings[] };
}

/** An index entry for a file that could not be read: the tree knows it is there, by its path alone. */
export function unreadEntry(file: string, displayPath: string, place: Place, linted: boolean): IndexEntry {
  return { path: file, displayPath, place, linted, keys: Object.create(null) as IndexEntry["keys"], unread: true };
}

/** Reads front matter with `yaml`, later (undefined: it threw or took too long). */
type YamlLater = (source: SourceFile & { place: Place }) => Promise<IndexEntry | undefined>;

/**
 * The index entry of a file the run does not lint, read for its front matter only
 * (null: not a plan or milestone file). `walked`: met by the walk as a regular file.
 */
function otherEntry(file: string, options: IndexOptions, walked: boolean, yamlLater: YamlLater): IndexEntry | null | Promise<IndexEntry> {
  const place = classify(file);
  if (!place) return null;
  const displayPath = options.displayPath(file);
  const overridden = options.overrides?.has(file) === true;
  const ahead = overridden ? undefined : options.readAhead?.get(file);
  options.readAhead?.delete(file);
  // --cache-strategy metadata: a file the walk met in the tree, its stamp stored, is not even opened
  const stamp = options.cache?.byStamp && walked && !overridden ? options.cache.stampOf(file) : undefined;
  const known = stamp === undefined ? undefined : options.cache?.indexKeys(file, { stamp });
  if (known) return { path: file, displayPath, place, linted: false, keys: known };
  // the cache keys a file by the hash of its whole text
  const read = options.cache
    ? readSource(file, place.root, options.overrides)
    : (ahead ?? readSourceStart(file, place.root, options.overrides, walked, frontMatterSettled));
  // a file that cannot be read is still there: its place (kind, number, plan) is known from its path
  if (!read.ok) return unreadEntry(file, displayPath, place, false);
  const text = read.text;
  const source = { path: file, displayPath, text, place };
  const version = options.cache && versionOf(read);
  const keys = version ? options.cache?.indexKeys(file, version) : undefined;
  if (keys) return { path: file, displayPath, place, linted: false, keys };
  let entry: IndexEntry | undefined;
  try {
    entry = simpleFrontMatterEntry(source);
  } catch {
    return unreadEntry(file, displayPath, place, false);
  }
  const keep = (found: IndexEntry | undefined): IndexEntry => {
    if (!found) return unreadEntry(file, displayPath, place, false);
    if (version) options.cache?.setIndexKeys(file, version, found.keys);
    return found;
  };
  // front matter `yaml` must read is read within a file's time budget, as linting it would be;
  // the rest answers at once (not a promise each: a tree has thousands of files)
  return entry ? keep(entry) : yamlLater(source).then(keep);
}

/** Files whose front matter `yaml` reads under one watchdog, at most: their texts wait until then. */
const YAML_BATCH = 64;

export async function buildIndex(linted: IndexEntry[], roots: string[], options: IndexOptions): Promise<ProjectIndex & { unreadableDirs: UnreadableDir[] }> {
  const { displayPath, ignoredBy, overrides, memory } = options;
  const entries = [...linted];
  const seen = new Set(linted.map((e) => e.path));
  const found: string[] = [];
  const regular = new Set<string>();
  const unreadableDirs: UnreadableDir[] = [];
  for (const root of roots) {
    const unsaved = overridesIn(root, overrides, []);
    // a tree that exists only in unsaved texts has no folder to list
    if (unsaved.length === 0 || existsSync(root)) walkMarkdown(root, found, unreadableDirs, options.listFolder, regular);
    found.push(...unsaved.filter((file) => !found.includes(file)));
  }
  const ignored = ignoredBy && memory ? (abs: string) => memory.ignoredBy(abs, ignoredBy) : ignoredBy;
  const others: string[] = [];
  for (const file of found.sort()) {
    if (seen.has(file)) continue;
    seen.add(file);
    // what the memory knows comes back at once: a thousand files are not a thousand awaits
    const reason = ignored?.(file);
    if ((reason instanceof Promise ? await reason : reason)?.by !== "gitignore") others.push(file);
  }
  // front matter `yaml` must read, a few files' at once under one watchdog (src/run/time-budget.ts), which costs more than most readings
  const waiting: { source: SourceFile & { place: Place }; settle: (entry: IndexEntry | undefined) => void }[] = [];
  const yamlLater: YamlLater = (source) => new Promise((settle) => waiting.push({ source, settle }));
  const readWaiting = () => {
    const batch = waiting.splice(0);
    eachWithinBudget(batch.length, (i) => frontMatterEntry((batch[i] as (typeof batch)[number]).source), FILE_TIME_BUDGET_MS, (i, outcome) =>
      (batch[i] as (typeof batch)[number]).settle(outcome.ok ? outcome.value : undefined),
    );
  };
  const got: (IndexEntry | null | Promise<IndexEntry | null | undefined>)[] = [];
  for (const file of others) {
    const read = () => otherEntry(file, options, regular.has(file), yamlLater);
    // an overridden file's text is not the disk's: never remembered
    got.push(memory && !overrides?.has(file) ? memory.indexEntry(file, async () => read()) : read());
    // the texts waiting are held: a bounded number
    if (waiting.length === YAML_BATCH) readWaiting();
  }
  readWaiting();
  for (const one of got) {
    const entry = one instanceof Promise ? await one : one;
    if (entry) entries.push(entry);
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const registries: RegistryFile[] = [];
  for (const root of roots) {
    const file = registryPath(root);
    if (await ignoredBy?.(file)) continue;
    const registry = await readRegistry(root, displayPath(file), options.covers(file), overrides);
    if (registry) registries.push(registry);
  }
  const plans = options.plans && (await planIndex(options.plans.linted, options.plans.sets, displayPath, ignored, unreadableDirs, options.listFolder));
  const planFolderList = options.plans && [...new Set(options.plans.sets.flatMap(planFolders))].sort();
  return { roots, entries, registries, unreadableDirs, ...(plans ? { plans } : {}), ...(planFolderList ? { planFolders: planFolderList } : {}) };
}

/** Every plan the configs name: the linted ones as phase one left them, the others by their path alone (nothing of theirs is judged). */
async function planIndex(
  linted: IndexEntry<PlanPlace>[],
  sets: PlanSettings[],
  displayPath: (abs: string) => string,
  ignored: IgnoredBy | undefined,
  unreadableDirs: UnreadableDir[],
  listFolder: ListFolder | undefined,
): Promise<IndexEntry<PlanPlace>[]> {
  const plans = [...linted];
  const seen = new Set(linted.map((e) => e.path));
  for (const set of sets) {
    const found: string[] = [];
    for (const folder of planFolders(set)) if (existsSync(folder)) walkMarkdown(folder, found, unreadableDirs, listFolder);
    for (const file of found.sort()) {
      const place = seen.has(file) ? undefined : classifyPlan(file, set);
      if (!place) continue;
      seen.add(file);
      const reason = ignored?.(file);
      if ((reason instanceof Promise ? await reason : reason)?.by === "gitignore") continue;
      plans.push({ path: file, displayPath: displayPath(file), place, linted: false, keys: Object.create(null) as IndexEntry["keys"] });
    }
  }
  return plans.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const LINE_ONE = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The repository as it is on disk. */
export function diskFiles(overrides?: Overrides): FileSystemView {
  const gitignores = new Gitignores();
  // a buffer not yet saved (an editor's, standard input's) exists as far as links to it go
  return { exists: (abs) => overrides?.has(abs) === true || existsSync(abs), gitIgnored: (abs) => gitignores.isIgnored(abs) };
}

export function runProjectRules(
  index: ProjectIndex,
  rules: ActiveRule<ProjectRule>[],
  today: string,
  layout: ResolvedConfig["layout"] = "auto",
  trace?: FileTrace,
  files: FileSystemView = diskFiles(),
): { diagnostics: Diagnostic[]; internalErrors: number } {
  const diagnostics: Diagnostic[] = [];
  const memo = new Map<string, unknown>();
  let internalErrors = 0;
  for (const { rule, severity, options } of rules) {
    const started = trace ? performance.now() : 0;
    try {
      rule.check({
        index,
        files,
        options,
        today,
        layout,
        memo: <T>(key: string, compute: () => T): T => {
          if (!memo.has(key)) memo.set(key, compute());
          return memo.get(key) as T;
        },
        report(r) {
          // an unread file already has its error, and nothing in it to judge
          if (!r.entry.linted || ("unread" in r.entry && r.entry.unread)) return;
          if ("place" in r.entry && !rule.meta.appliesTo.includes(r.entry.place.kind)) return;
          const k = r.key === undefined || !("keys" in r.entry) ? undefined : r.entry.keys[r.key];
          const span = r.span ?? (k ? (r.part === "key" ? k.keySpan : k.valueSpan) : LINE_ONE);
          diagnostics.push({
            file: r.entry.displayPath,
            ...span,
            ruleId: rule.meta.id,
            severity,
            message: r.message,
            ...(r.suggestion ? { suggestion: r.suggestion } : {}),
            ...(r.fix && rule.meta.fixable ? { fix: r.fix } : {}),
          });
        },
      });
    } catch (error) {
      internalErrors++;
      const reason = error instanceof Error ? error.message : String(error);
      trace?.crashes.push({ ruleId: rule.meta.id, stack: error instanceof Error && error.stack ? error.stack : reason });
      const first = index.entries.find((e) => e.linted);
      diagnostics.push({
        file: first?.displayPath ?? index.roots[0] ?? ".",
        ...LINE_ONE,
        ruleId: rule.meta.id,
        severity: "error",
        message: crashMessage(rule, reason, ""),
      });
    } finally {
      if (trace) trace.rules[rule.meta.id] = (trace.rules[rule.meta.id] ?? 0) + performance.now() - started;
    }
  }
  return { diagnostics, internalErrors };
}
