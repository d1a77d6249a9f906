/**
 * Lints the open plan and milestone files, each with every open buffer standing in
 * for its file on disk, and publishes what changed. One engine run covers them all:
 * the edited file is linted, the others come from the session's memory unless their
 * text changed, and the whole-tree rules judge them all again, so a sibling that an
 * edit affects (a duplicate MS###, a plan's status) is published again too.
 *
 * Edits are debounced and coalesced: a run starts `debounceMs` after the last edit,
 * never while another runs; edits made meanwhile are linted together by one next run.
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { Diagnostic as LspDiagnostic } from "vscode-languageserver/node";
import { CONFIG_FILE_NAMES } from "../config/config-files.js";
import type { LintSession } from "../index.js";
import { UsageError } from "../shared/errors.js";
import type { Diagnostic, LintResult } from "../shared/types.js";
import { configProblem, toLspDiagnostics } from "./convert.js";

/** An open plan or milestone file as the editor holds it. */
export interface OpenFile {
  uri: string;
  /** Absolute. */
  path: string;
  version: number;
  text: string;
}

/** The diagnostics of one version of an open file, with the text their offsets are into. */
export interface Snapshot {
  version: number;
  text: string;
  diagnostics: Diagnostic[];
}

/** What the linter needs of the server. */
export interface Host {
  openFiles(): OpenFile[];
  /** The version the editor holds now, or undefined when the file is closed. */
  versionOf(uri: string): number | undefined;
  publish(uri: string, version: number, diagnostics: LspDiagnostic[]): void;
  showError(message: string): void;
  log(message: string): void;
}

export interface LinterSettings {
  /** Today as `YYYY-MM-DD` (tests); default the local date. */
  now?: string;
  debounceMs: number;
}

/** Files whose change changes a config: the config files the CLI looks for, and `.gitignore`. */
export const CONFIG_NAMES: readonly string[] = [...CONFIG_FILE_NAMES, ".gitignore"];

/** What the config files that could apply to these files look like on disk: a change of it means a config changed. */
function configStamp(files: readonly string[], cwd: string): string {
  const dirs = new Set<string>();
  for (const start of [cwd, ...files.map((f) => path.dirname(f))]) {
    for (let dir = start; !dirs.has(dir); dir = path.dirname(dir)) dirs.add(dir);
  }
  const parts: string[] = [];
  for (const dir of [...dirs].sort()) {
    for (const name of CONFIG_NAMES) {
      const info = statSync(path.join(dir, name), { throwIfNoEntry: false });
      if (info) parts.push(`${dir}/${name}:${info.mtimeMs}:${info.size}`);
    }
  }
  return parts.join("\n");
}

export class OpenFilesLinter {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly published = new Map<string, { version: number; key: string }>();
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private loop: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stamp: string | undefined;
  private shownError: string | undefined;

  constructor(
    private readonly session: LintSession,
    private readonly host: Host,
    private readonly settings: LinterSettings,
  ) {}

  /** Lint the open files again soon (an edit, an open, a close, a file changed on disk). */
  schedule(): void {
    this.dirty = true;
    if (this.loop) return; // the running loop lints again when it is done
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.settings.debounceMs);
  }

  /** A config file or `.gitignore` changed: configs are read again and what was remembered of the tree dropped. */
  configChanged(): void {
    this.session.forget();
    this.stamp = undefined;
    this.schedule();
  }

  /** For clients that cannot watch files: looks at the config files every `ms`, and lints again when one changed. */
  pollConfigs(ms: number): void {
    setInterval(() => {
      if (this.stamp === undefined || this.loop || this.timer) return;
      const files = this.host.openFiles();
      if (files.length > 0 && configStamp(files.map((f) => f.path), this.session.cwd) !== this.stamp) this.configChanged();
    }, ms).unref();
  }

  closed(uri: string): void {
    this.snapshots.delete(uri);
    this.published.delete(uri);
  }

  /** The diagnostics of the version of `uri` the editor holds now, once pending edits are linted; undefined if it is not linted. */
  async current(uri: string): Promise<Snapshot | undefined> {
    await this.settled();
    const snapshot = this.snapshots.get(uri);
    return snapshot && snapshot.version === this.host.versionOf(uri) ? snapshot : undefined;
  }

  /** Runs `lint` on the session once no other run is using it (the session's memory is shared). */
  exclusive<T>(lint: (session: LintSession, now: { now?: string }) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => lint(this.session, this.settings.now !== undefined ? { now: this.settings.now } : {}));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no edit waits to be linted. */
  private async settled(): Promise<void> {
    while (this.timer || this.loop) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.start();
      }
      await this.loop;
    }
  }

  private start(): void {
    this.timer = undefined;
    this.loop = this.drain().finally(() => {
      this.loop = undefined;
      if (this.dirty) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      try {
        await this.exclusive(() => this.lintOpenFiles());
      } catch (error) {
        // never the end of the server: said in its log, and the next edit lints again
        this.host.log(`milestone-lint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private async lintOpenFiles(): Promise<void> {
    const files = this.host.openFiles();
    const stamp = configStamp(
      files.map((f) => f.path),
      this.session.cwd,
    );
    if (this.stamp !== undefined && stamp !== this.stamp) this.session.forget();
    this.stamp = stamp;
    if (files.length === 0) return;
    let result: LintResult;
    try {
      result = await this.lintAll(files);
    } catch (error) {
      this.failed(files, error);
      return;
    }
    this.shownError = undefined;
    const byPath = new Map(result.files.map((f) => [path.resolve(this.session.cwd, f.file), f.diagnostics]));
    for (const file of files) {
      const diagnostics = byPath.get(file.path) ?? [];
      this.snapshots.set(file.uri, { version: file.version, text: file.text, diagnostics });
      await this.publish(file, diagnostics);
    }
  }

  /** The engine run itself, inside exclusive(). */
  private lintAll(files: OpenFile[]): Promise<LintResult> {
    return this.session.lint({
      patterns: files.map((f) => f.path),
      overrides: new Map(files.map((f) => [f.path, f.text])),
      concurrency: "off",
      tree: false,
      ...(this.settings.now !== undefined ? { now: this.settings.now } : {}),
    });
  }

  /** Publishes a file's diagnostics when they changed or it was edited; never those of a version the editor no longer holds. */
  private async publish(file: OpenFile, diagnostics: Diagnostic[]): Promise<void> {
    if (this.host.versionOf(file.uri) !== file.version) return; // edited meanwhile: the next run publishes
    const key = JSON.stringify(diagnostics);
    const last = this.published.get(file.uri);
    if (last && last.version === file.version && last.key === key) return;
    const converted = toLspDiagnostics(diagnostics, await this.session.rulesFor(file.path));
    this.published.set(file.uri, { version: file.version, key });
    this.host.publish(file.uri, file.version, converted);
  }

  /** The run could not lint (a config that cannot be read): one diagnostic on each open file and one window message. */
  private failed(files: OpenFile[], error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof UsageError)) this.host.log(`milestone-lint: ${error instanceof Error ? (error.stack ?? message) : message}`);
    if (message !== this.shownError) this.host.showError(`milestone-lint cannot lint: ${message}`);
    this.shownError = message;
    for (const file of files) {
      this.snapshots.set(file.uri, { version: file.version, text: file.text, diagnostics: [] });
      this.published.set(file.uri, { version: file.version, key: `failed:${message}` });
      if (this.host.versionOf(file.uri) === file.version) this.host.publish(file.uri, file.version, [configProblem(message)]);
    }
  }
}
