/**
 * The contracts between the engine, the rules, the formatters and the API.
 * Everything a rule, a plugin or a formatter may rely on is declared here.
 */
import type { Root } from "mdast";
import type { Document, Pair } from "yaml";

export type Severity = "error" | "warn";
export type SeveritySetting = Severity | "off";

/**
 * What a linted Markdown file is: an ExecPlan or a milestone of an agentrules tree
 * (`.agent/exec_plans`, read from its path alone), or a `plan` of the PLANS.md
 * practice (a file the config's `plans.files` select).
 */
export type FileKind = "execplan" | "milestone" | "plan";

/** `template`: docs/format.md §2 (the default); `upstream`: the newer agentrules layout of §3. */
export type Layout = "template" | "upstream";

/** Where a plan or milestone file of an agentrules tree sits. Plain data: it crosses worker threads. */
export interface Place {
  kind: "execplan" | "milestone";
  layout: Layout;
  /** Absolute path of the `exec_plans` folder. */
  root: string;
  /** Absolute path of the plan folder (the folder that holds the ExecPlan file). */
  planDir: string;
  /** The file's base name, e.g. `EP-20260117-014_MS003_prototype-streaming.md`. */
  fileName: string;
  /** Milestones: the folder below `milestones/` (`active`, `archive` or `complete`), or a name we do not know. */
  folder?: string;
  /** Milestones: folders between that state folder and the file (template archive: `YYYY/MM/DD`). */
  subfolders?: string[];
  /** Upstream plans: `active`, `complete` or `archive` (the first folder below `exec_plans`). */
  planFolder?: string;
  /** Upstream completed plans: the `YYYY/MM/DD` folders above the plan folder. */
  planDate?: string[];
}

/** Where a plan of the PLANS.md practice sits. Plain data: it crosses worker threads. */
export interface PlanPlace {
  kind: "plan";
  /** Absolute path of the folder the config's `plans` paths are relative to (the config file's folder). */
  root: string;
  /** The file's base name. */
  fileName: string;
  /** In one of the config's `plans.active` or `plans.completed` folders. */
  state?: "active" | "completed";
  /**
   * An active plan: the move that files it with the finished ones (the file, or its
   * own folder when plans have one each), when the active and completed folders are plain folders.
   */
  finish?: { from: string; to: string };
}

/** Where any linted file sits. */
export type FilePlace = Place | PlanPlace;

/** A half-open range of UTF-16 offsets into the file's text. */
export interface Range {
  start: number;
  end: number;
}

/** Replace `range` of the file text with `text`. Applied only by `--fix`. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Diagnostic {
  /** Path as shown to the user: relative to the working directory, `/`-separated. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like ESLint. */
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fix?: Fix;
  /** A command or edit the user can apply by hand when no safe fix exists (e.g. `git mv …`). */
  suggestion?: string;
}

/** What a rule hands to `report()`. Offsets are into `file.text`. */
export interface Report {
  message: string;
  /** Where the problem is; defaults to the start of the file. */
  at?: Range | number;
  fix?: Fix;
  suggestion?: string;
}

/**
 * Texts that stand in for files on disk, by absolute path (an editor's unsaved
 * buffers, standard input): a string as an editor holds it, or bytes, decoded as a
 * file's bytes are. src/source/read-source.ts reads them in place of the disk.
 */
export type Overrides = ReadonlyMap<string, string | Uint8Array>;

export interface SourceFile<P extends FilePlace = FilePlace> {
  /** Absolute path. */
  path: string;
  /** Relative to the working directory, `/`-separated. */
  displayPath: string;
  /** Decoded text, exactly as on disk (a BOM stays as U+FEFF at offset 0). */
  text: string;
  place: P;
}

export interface RuleMeta {
  /** kebab-case, unique. */
  id: string;
  /** One line, shown by `--list-rules`. */
  description: string;
  /** Default severity when the config does not say; `off` for a rule only a preset or config turns on. */
  severity: SeveritySetting;
  /** Kinds of file the rule looks at. */
  appliesTo: readonly FileKind[];
  fixable?: boolean;
  /** Where the rule's documentation lives. */
  docsUrl: string;
  /** JSON Schema of the rule's options object, checked when the config is loaded. */
  optionsSchema?: object;
  /** Options used when the config gives none. */
  defaultOptions?: Record<string, unknown>;
  /**
   * The lifecycle mistake (FORMAT.md §8) the rule finds, if it finds one: `status` a
   * stale status, `place` status and folder that disagree (closed work not moved),
   * `checklist` unticked items on closed work, `link` a link to nothing. The html and
   * markdown formats list such problems under "Needs attention".
   */
  lifecycle?: "status" | "place" | "checklist" | "link";
}

/** What a file rule sees; `P` is the place of the kinds of file it applies to. */
export interface FileContext<O = Record<string, unknown>, P extends FilePlace = Place> {
  readonly file: SourceFile<P>;
  readonly options: O;
  /** Today as `YYYY-MM-DD` (injectable with `--now`). */
  readonly today: string;
  readonly frontMatter: FrontMatter;
  /** The Markdown AST, parsed on first use. Positions are offsets into `file.text`. */
  ast(): Root;
  /** Compute a per-file value once and share it between rules. */
  memo<T>(key: string, compute: () => T): T;
  report(report: Report): void;
}

/** A rule that judges one file on its own: by default a file of an agentrules tree, with `PlanPlace` a plan of the PLANS.md practice. */
export interface FileRule<O = Record<string, unknown>, P extends FilePlace = Place> {
  meta: RuleMeta & { scope?: "file"; appliesTo: readonly P["kind"][] };
  check(context: FileContext<O, P>): void;
}

/** The context as the helpers that read any file's text take it. */
export type AnyFileContext = FileContext<unknown, FilePlace>;

/** A place in a file as lines and columns, 1-based. Plain data. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A key of a map (front matter or JSON), with where it is. Plain data. */
export interface IndexedKey {
  value: unknown;
  keySpan: Span;
  valueSpan: Span;
  /** When the value is a list: where each item is. */
  itemSpans?: Span[];
  /** When the value is a map (`links`): where the value of each of its keys is. */
  fieldSpans?: Record<string, Span>;
}

/** A file the whole-tree rules may report on. Plain data. */
export interface IndexedFile {
  path: string;
  displayPath: string;
  /** True when the file is one the user asked to lint; reports on other files are dropped. */
  linted: boolean;
}

/** What the board shows of a file's Markdown body, read in phase one. Plain data. */
export interface BodySummary {
  /** Task list items (`- [ ] …`, `- [x] …`) outside code. */
  tasks: { done: number; total: number };
  /** The first table under `## Current Health Snapshot`, as raw cell text: its header, then its rows (at most 20). */
  health?: { columns: string[]; rows: string[][] };
  /** A plan of the PLANS.md practice: what its sections say, read against its skeleton as the `execplan-*` rules read it. */
  plan?: PlanBodySummary;
}

/** What the board shows of a plan of the PLANS.md practice, read in phase one. Plain data; texts cut at 200 characters. */
export interface PlanBodySummary {
  /** The title heading above the sections (`# …`), as plain text. */
  title?: string;
  /** The status it states: its front matter's `status`, else a `Status:` line above its first section; `done` when it says the work is finished. */
  status?: { value: string; from: "front matter" | "status line"; done: boolean };
  /** The steps of its `Progress` section: ticked, and all (a step written without a box counts as not ticked); absent when it has no such section. */
  progress?: { done: number; total: number };
  /** The latest date (`YYYY-MM-DD`) of a ticked Progress item, when the skeleton's items carry timestamps. */
  lastActivity?: string;
  /** Its `Outcomes & Retrospective`: written, empty, or only saying it is still to come; absent when it has no such section. */
  outcomes?: "written" | "empty" | "to come";
}

/** One plan or milestone file as the whole-tree rules see it (the index holds agentrules files only). Plain data. */
export interface IndexEntry<P extends FilePlace = Place> extends IndexedFile {
  place: P;
  /** Top-level front matter keys, when the front matter parsed to a map. */
  keys: Record<string, IndexedKey>;
  /** The file could not be read: the tree knows it by its path alone (`keys` is empty), and no rule reports on it. */
  unread?: boolean;
  /** Linted files whose body parsed; absent for files read for their front matter only. */
  body?: BodySummary;
  /** Linted plans of the PLANS.md practice whose body parsed: the paths they refer to. */
  references?: IndexedReference[];
  /** Linted plans of the PLANS.md practice whose body parsed: the machine-local paths written in them. */
  localPaths?: IndexedLocalPath[];
}

/** A machine-local absolute path written in a plan of the PLANS.md practice, with where it is. Plain data. */
export interface IndexedLocalPath {
  /** As written, without trailing punctuation or a `:12` line reference. */
  token: string;
  span: Span;
  /** The same place as offsets into the text phase one left, for a fix. */
  range: Range;
  /** Local whatever follows (`/Users/…`, `C:\Users\…`, the checkout's own path); `/home/…` and `/workspace/…` only when the rest names a file of the repository (a web route may look the same). */
  strong: boolean;
  /** The parts of the path that may name something in the repository: after the user's folder, or from a workspace's checkout on. */
  tail: string[];
  /** The path relative to the checkout being linted, when the token lies inside it. */
  inCheckout?: string;
}

/** A path a plan of the PLANS.md practice refers to, with where it is written. Plain data. */
export interface IndexedReference {
  /** As written, without `#anchor` or `?query`, `%20` decoded. */
  path: string;
  span: Span;
  /** The same place as offsets into the text phase one left, for a fix. */
  range: Range;
  /** A Markdown link's target, or a Markdown file named in a code span. */
  kind: "link" | "code";
}

/** One object of the `plans` list of `registry.json`. */
export interface RegistryPlan {
  /** The whole `{…}` of the entry. */
  span: Span;
  fields: Record<string, IndexedKey>;
}

/**
 * `.agent/exec_plans/registry.json` (docs/format.md §6), read with positions. Linted when
 * the run names it or a folder that holds it.
 */
export interface RegistryFile extends IndexedFile {
  /** The `exec_plans` folder it belongs to. */
  root: string;
  /** Why it could not be read as `{"plans": [...]}`, and where; `plans` is then empty. */
  problem?: { message: string; span: Span };
  /** The `"plans"` key, where a plan missing from the list is reported. */
  plansKey?: Span;
  /** Keys given again in the same object (every JSON reader keeps the last, and so does the index): each repeat, and the line of the first. */
  duplicateKeys?: { name: string; span: Span; firstLine: number }[];
  plans: RegistryPlan[];
}

export interface ProjectIndex {
  /** Absolute paths of the `exec_plans` roots involved in the run. */
  roots: string[];
  entries: IndexEntry[];
  /** The plans of the PLANS.md practice the run's configs name: the linted ones with their references, the others by their path alone. */
  plans?: IndexEntry<PlanPlace>[];
  /** Absolute paths of the folders those plans are kept in. */
  planFolders?: string[];
  /** The `registry.json` of each root that has one. */
  registries: RegistryFile[];
}

export interface ProjectReport {
  /** The file the problem is in: one of the index's entries, plans or registries. */
  entry: IndexEntry<FilePlace> | RegistryFile;
  message: string;
  /** The front matter key the problem is about; without it (and without `span`) the report goes to line 1. */
  key?: string;
  /** Point at the key itself or at its value (the default). */
  part?: "key" | "value";
  /** An exact place, e.g. one item of a list or a line of `registry.json`; wins over `key`. */
  span?: Span;
  suggestion?: string;
  /** Offsets into the file's text as phase one left it (its own fixes applied); applied by `--fix` once every rule has run. */
  fix?: Fix;
}

/**
 * The files of the repository beyond the index, for rules that check that a path
 * exists. Rules ask here rather than the disk, so that an editor can answer from
 * unsaved buffers.
 */
export interface FileSystemView {
  /** True when a file or folder is at this absolute path. */
  exists(absPath: string): boolean;
  /** True when a `.gitignore` leaves the path out: a clone does not have it, so it cannot be judged. */
  gitIgnored(absPath: string): boolean;
}

export interface ProjectContext<O = Record<string, unknown>> {
  readonly index: ProjectIndex;
  readonly files: FileSystemView;
  readonly options: O;
  readonly today: string;
  /** The configured layout: `auto`, or the one layout the tree must follow. */
  readonly layout: ResolvedConfig["layout"];
  /** Compute a value once per run and share it between project rules (e.g. the plans by ID). */
  memo<T>(key: string, compute: () => T): T;
  report(report: ProjectReport): void;
}

/** A rule that judges files against the rest of the tree (duplicates, orphans, …). */
export interface ProjectRule<O = Record<string, unknown>> {
  meta: RuleMeta & { scope: "project" };
  check(context: ProjectContext<O>): void;
}

// eslint-style: rules are contravariant in their options, so collections use `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = FileRule<any, any> | ProjectRule<any>;

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/** Why a file is left out of a run. */
export interface IgnoreReason {
  /** `gitignore`: not part of the committed tree; `ignores`: the config's or a `!pattern` argument, not linted but still part of the tree. */
  by: "ignores" | "gitignore";
  /** For messages: "`ignores` in milestone-lint.config.json". */
  description: string;
}

/** The configuration after presets, files and flags are merged. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  /** Force one layout; `auto` recognises each plan's layout from its path. */
  layout: "auto" | Layout;
  /** gitignore-style patterns of files never linted, relative to the config file's folder. */
  ignores: string[];
  /** Leave out the files that `.gitignore` files ignore. */
  gitignore: boolean;
  /** The plans of the PLANS.md practice: which files they are and the skeleton they follow. */
  plans?: PlanSettings;
}

/** One section of a plan skeleton. */
export interface SkeletonSection {
  /** The heading's text as the rules document writes it, without the `#`s: `Surprises & Discoveries`. */
  heading: string;
  /** Every plan must have it. */
  required: boolean;
  /** Other headings that are the same section: another wording, another language. */
  aliases?: string[];
}

/** The shape a rules document (`PLANS.md`) prescribes for a plan. */
export interface Skeleton {
  /** The heading level of the sections: 2 for `## Progress`. */
  level: number;
  /** A plan starts with a title heading above the sections' level (`# <what the plan does>`). */
  title: boolean;
  /** Ticked `Progress` items carry a timestamp, as the skeleton's own items do. */
  timestamps: boolean;
  /** `Progress` is a checklist; false where the skeleton keeps it as a log without boxes. */
  checklist: boolean;
  sections: SkeletonSection[];
}

/** The config's `plans`, resolved: paths are gitignore-style patterns relative to `root`. */
export interface PlanSettings {
  /** Absolute path of the config file's folder. */
  root: string;
  /** The rules document the skeleton was read from, relative to `root` (never linted as a plan). */
  document?: string;
  files: string[];
  ignores: string[];
  active: string[];
  completed: string[];
  skeleton?: Skeleton;
}

export interface FileResult {
  /** Relative to the working directory, `/`-separated. */
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** The file's text before fixes; set with `output` when `--fix` or `--fix-dry-run` changed it. */
  source?: string;
  /** The file's text after fixes (written by `--fix`, only shown by `--fix-dry-run`). */
  output?: string;
}

/** A milestone on the board, from the whole-tree index. Front matter values are given only when they are strings. */
export interface MilestoneSummary {
  file: string;
  id?: string;
  /** From `id`, else `ms`, else the file name. */
  ms?: number;
  title?: string;
  status?: string;
  owner?: string;
  created?: string;
  updated?: string;
  /** The folder below `milestones/` (`active`, `archive`, `complete`), and the folders below it (`2026/04/02`). */
  folder?: string;
  subfolders?: string[];
  /** Absent when the file was read for its front matter only (a run on some files of the tree). */
  body?: BodySummary;
}

/** A plan on the board: its ExecPlan file's front matter and its milestones, in `ms` order. */
export interface PlanSummary {
  /** The ExecPlan file; absent for a plan folder that has milestones but no plan file. */
  file?: string;
  /** The plan folder, as shown. */
  folder: string;
  layout: Layout;
  /** From the front matter `id`, else the file name (else the milestones' `execplan_id`). */
  id?: string;
  title?: string;
  status?: string;
  owner?: string;
  kind?: string;
  created?: string;
  updated?: string;
  /** Upstream layout: `active`, `complete` or `archive`, and the `YYYY/MM/DD` folders of a completed plan. */
  planFolder?: string;
  planDate?: string[];
  body?: BodySummary;
  milestones: MilestoneSummary[];
}

/** A plan of the PLANS.md practice on the board: where it sits, what it states, and what its body says (when the run read it). */
export interface PracticePlanSummary {
  file: string;
  /** The folder that holds it, as shown. */
  folder: string;
  /** In one of the config's `plans.active` or `plans.completed` folders. */
  state?: "active" | "completed";
  /** Finished as `execplan-finished` judges: in a completed folder, or its status says done. */
  finished: boolean;
  /** Its `# …` title, else its front matter's `title`. */
  title?: string;
  /** Its status as written (front matter or status line), and where it is written. */
  status?: string;
  statusFrom?: "front matter" | "status line";
  /** Front matter values, when it has front matter and they are strings. */
  owner?: string;
  created?: string;
  updated?: string;
  /** Absent when the run did not read its body (a run on some files lists the other plans by their path alone). */
  body?: { progress?: { done: number; total: number }; lastActivity?: string; outcomes?: "written" | "empty" | "to come" };
}

/** Every plan and milestone of the trees a run looked at, as of its day. Plain data. */
export interface TreeSummary {
  /** The day the run judged by (`--now`). */
  today: string;
  /** The `exec_plans` folders, as shown. */
  roots: string[];
  plans: PlanSummary[];
  /** The folders the config's `plans` keeps plans of the PLANS.md practice in, as shown; absent when it names none. */
  practiceFolders?: string[];
  /** The plans of the PLANS.md practice, sorted by file; absent when the configs name none. */
  practicePlans?: PracticePlanSummary[];
}

export interface LintResult {
  files: FileResult[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** Set when a rule crashed: the run's results are incomplete (exit 2). */
  internalErrors: number;
  /** The plans and milestones of the tree, for boards and other views; absent when no plan folder was involved. */
  tree?: TreeSummary;
  /**
   * What the user should know about the run itself, not about a file: an argument
   * that matched nothing, a file named but ignored, a folder that cannot be read.
   * Phrases without a final period; the CLI prints each on stderr.
   */
  warnings?: string[];
  /** With `debug: true` (`--debug`). */
  trace?: RunTrace;
  /** With `detectDefaults`, when the tree called for a profile other than the defaults: the line that says which and why, as the CLI prints it. */
  notice?: string;
}

/** What `--debug` shows of a run. */
/** `--cache-strategy`: how a file is known unchanged, by its stamp (size, times, inode) alone or by its content too (ESLint's names). */
export type CacheStrategy = "metadata" | "content";

export interface RunTrace {
  /** With `--cache`: the cache file, its strategy, and how many files' results or front matter it gave back, known unchanged by their stamp alone or by their content. */
  cache?: { file: string; strategy: CacheStrategy; byStamp: number; byContent: number };
  /** Milliseconds each phase of the run took, in order. */
  phases: { phase: string; ms: number }[];
  /** Milliseconds per rule, summed over the files it ran on (results taken from the cache cost none). */
  rules: Record<string, number>;
  /** The configuration each linted file used: the config file as shown, or "default config". */
  configs: { file: string; config: string }[];
  /** The stack of every rule crash. */
  crashes: { ruleId: string; file: string; stack: string }[];
}

/** A front matter value of a known type, and where it is written in the file. */
export interface Located<T> {
  value: T;
  /** The value as written (quotes included): offsets into the file's text. */
  range: Range;
}

/** A file's YAML front matter as read by `src/source/front-matter.ts`, with the offsets of its parts in the file. */
export interface FrontMatterKey {
  name: string;
  /** The key as written. */
  key: Range;
  /** The value as written; an empty range just after the colon when the value is missing. */
  value: Range;
  pair: Pair;
}

export interface YamlProblem {
  message: string;
  code: string;
  range: Range;
}

export interface FrontMatter {
  /** The opening `---` line (without its line ending); absent when the file has no front matter. */
  open?: Range;
  /** The closing `---` line; absent when the block is never closed. */
  close?: Range;
  /** A byte-order mark and/or blank lines before the opening `---`. */
  leading?: Range;
  /** The YAML text between the fences. */
  content?: Range;
  /** The parsed YAML document, when the block is closed. */
  doc?: Document.Parsed;
  /** Syntax errors of the YAML, at their offsets in the file. */
  errors: YamlProblem[];
  /** The front matter as plain data, when it parsed without errors (`{}` for an empty block). */
  data?: unknown;
  /** Top-level keys of a map, in order of appearance. */
  keys: FrontMatterKey[];
  /** Looks up a top-level key. */
  get(name: string): FrontMatterKey | undefined;
  /**
   * Typed reads of top-level values, for rules and plugins: the value when the key
   * is there with a value of that type and the front matter parsed without errors;
   * undefined otherwise (the schema and syntax rules say why).
   */
  string(name: string): Located<string> | undefined;
  /** An integer written as one (`ms: 3`, not `ms: "3"`). */
  integer(name: string): Located<number> | undefined;
  /** A list, as plain data (`tags: [api, db]` → `["api", "db"]`). */
  list(name: string): Located<unknown[]> | undefined;
}

/** A file's text as read (`ok`), or why it cannot be linted, in a sentence, with where the problem is when it is in the text. */
export type ReadOutcome =
  | {
      ok: true;
      text: string;
      /**
       * This very file on this disk: device, inode, size and change times. A copy of
       * the file, a checkout of it or any write to it gets another stamp, and no
       * program can set the change time back, so the cache keys results by it.
       * None for an override, which is not the file on disk, nor for a file's start.
       */
      stamp?: string;
    }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * Texts a run read ahead, by path, for a later step to take instead of reading the
 * file again: the start of a file up to its front matter at least, or the whole
 * file (a few KiB at most), or why it could not be read.
 */
export type ReadAhead = Map<string, ReadOutcome>;
