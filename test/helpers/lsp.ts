/**
 * Drives the built language server (`dist/language-server.js`, what editors start)
 * over stdio with a JSON-RPC client, as an editor would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  Hover,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver/node";
import { FIXTURE_TODAY, REPO } from "./fixtures.js";

export const SERVER = path.join(REPO, "dist/language-server.js");

export const uriOf = (file: string) => pathToFileURL(file).href;

/** What an editor that can rename files and watch them tells the server. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
};

export class LspClient {
  private readonly documents = new Map<string, TextDocument>();
  /** Every publishDiagnostics, by URI, in order. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly registrations: unknown[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => process.on("exit", (code) => resolve(code)));
    process.stderr?.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, [...(this.published.get(p.uri) ?? []), p]);
      for (const [i, w] of [...this.waiters.entries()].reverse()) {
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification("window/showMessage", (p: { type: number; message: string }) => void this.messages.push(p));
    connection.onNotification("window/logMessage", () => undefined);
    connection.onRequest("client/registerCapability", (p: unknown) => {
      this.registrations.push(p);
      return null;
    });
    connection.listen();
  }

  /** Starts the server on the workspace `root` and initializes it. */
  static async start(root: string, options: { capabilities?: ClientCapabilities; initializationOptions?: object } = {}): Promise<{ client: LspClient; init: InitializeResult }> {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    const init = (await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: options.capabilities ?? {},
      initializationOptions: { now: FIXTURE_TODAY, ...options.initializationOptions },
    })) as InitializeResult;
    await connection.sendNotification("initialized", {});
    return { client, init };
  }

  /** The next publish for `file` that `accept` takes (registered before the edit that causes it). */
  nextPublish(file: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri: uriOf(file), accept, resolve }));
  }

  /** The publish for the version of `file` the client holds now. */
  current(file: string): Promise<PublishDiagnosticsParams> {
    const version = this.documents.get(uriOf(file))?.version;
    const last = this.published.get(uriOf(file))?.at(-1);
    if (last && last.version === version) return Promise.resolve(last);
    return this.nextPublish(file, (p) => p.version === version);
  }

  text(file: string): string {
    return this.documents.get(uriOf(file))?.getText() ?? "";
  }

  /** Opens `file` with `text` (default: its content on disk) and waits for its diagnostics. */
  async open(file: string, text = readFileSync(file, "utf8")): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    this.documents.set(uri, TextDocument.create(uri, "markdown", 1, text));
    const published = this.nextPublish(file, (p) => p.version === 1);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
    return published;
  }

  /** Sends edits as incremental changes (default: the whole text replaced by `text`). */
  async change(file: string, text: string): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    const old = this.documents.get(uri);
    if (!old) throw new Error(`${file} is not open`);
    const range: Range = { start: { line: 0, character: 0 }, end: old.positionAt(old.getText().length) };
    return this.applyEdits(file, [{ range, newText: text }]);
  }

  async applyEdits(file: string, edits: TextEdit[]): Promise<PublishDiagnosticsParams> {
    const uri = uriOf(file);
    const old = this.documents.get(uri);
    if (!old) throw new Error(`${file} is not open`);
    const version = old.version + 1;
    const next = TextDocument.create(uri, "markdown", version, TextDocument.applyEdits(old, edits));
    this.documents.set(uri, next);
    const published = this.nextPublish(file, (p) => p.version === version);
    // edits of one change apply one after another: the last in the document first keeps the others' positions
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return published;
  }

  /** Applies a workspace edit's text changes to open files, as an editor would. */
  async applyWorkspaceEdit(edit: WorkspaceEdit | undefined, file: string): Promise<PublishDiagnosticsParams> {
    const edits = edit?.changes?.[uriOf(file)];
    if (!edits) throw new Error(`the edit does not change ${file}: ${JSON.stringify(edit)}`);
    return this.applyEdits(file, edits);
  }

  async close(file: string): Promise<void> {
    this.documents.delete(uriOf(file));
    await this.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uriOf(file) } });
  }

  codeActions(file: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: uriOf(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;
  }

  hover(file: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest("textDocument/hover", { textDocument: { uri: uriOf(file) }, position: { line, character } }) as Promise<Hover | null>;
  }

  /** `shutdown` then `exit`, as an editor closes; resolves with the exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}

/** A diagnostic as the tests compare them: place, code, severity, message. */
export function brief(d: Diagnostic): { line: number; character: number; endLine: number; endCharacter: number; code: unknown; severity: unknown; message: unknown } {
  return { line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, endCharacter: d.range.end.character, code: d.code, severity: d.severity, message: d.message };
}
