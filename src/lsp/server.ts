/**
 * The language server: keeps the open files in sync, lints the plan and milestone
 * files among them (src/lsp/open-files-linter.ts), and answers code actions and
 * hovers. Reads the same configuration as the command line (the nearest config file
 * above each file). A handler that fails answers nothing and says why in the log;
 * the server keeps serving.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LintSession } from "../index.js";
import { configWithout } from "../detect/without-config.js";
import { VERSION } from "../shared/version.js";
import { classify } from "../tree/place.js";
import { REGISTRY_FILE } from "../tree/registry.js";
import { codeActions, FIX_ALL } from "./code-actions.js";
import { hover } from "./hover.js";
import { CONFIG_NAMES, OpenFilesLinter, type OpenFile } from "./open-files-linter.js";

/** Settings a client may give in `initializationOptions`. */
export interface ServerOptions {
  /** Today as `YYYY-MM-DD`, for rules that compare dates with today (tests); default the local date. */
  now?: string;
  /** How long after the last edit the open files are linted; default 15 ms. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 15;
/** Without file watching, how often the config files are looked at. */
const CONFIG_POLL_MS = 2000;

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function workspaceRoot(params: InitializeParams): string {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  return (uri ? pathOf(uri) : undefined) ?? params.rootPath ?? process.cwd();
}

const isConfigFile = (uri: string) => CONFIG_NAMES.includes(path.basename(pathOf(uri) ?? ""));

/** The code a handler runs, with its failure logged instead of thrown at the client. */
async function guarded<T>(connection: Connection, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    connection.console.error(`milestone-lint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session: LintSession | undefined;
  let linter: OpenFilesLinter | undefined;
  let canRename = false;
  let canWatch = false;

  // open Markdown files that a config names plans of the PLANS.md practice (found asynchronously, as configs are read)
  const plans = new Set<string>();
  const lintable = (file: string | undefined): file is string => file !== undefined && (classify(file) !== undefined || plans.has(file));
  const openFiles = (): OpenFile[] => {
    const files: OpenFile[] = [];
    for (const document of documents.all()) {
      const file = pathOf(document.uri);
      if (lintable(file)) files.push({ uri: document.uri, path: file, version: document.version, text: document.getText() });
    }
    return files;
  };
  /** Whether an open Markdown file that its path does not make a plan is one by its config; lints again when that changes. */
  const lookUpPlan = (file: string | undefined): void => {
    if (file === undefined || !file.toLowerCase().endsWith(".md") || classify(file) || !session) return;
    void session.lints(file).then(
      (yes) => {
        if (yes === plans.has(file)) return;
        if (yes) plans.add(file);
        else plans.delete(file);
        linter?.schedule();
      },
      () => undefined, // a config that cannot be read is reported by the next run
    );
  };

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    const cwd = workspaceRoot(params);
    // without a config file, the same profile as the CLI's run there (its notice goes to the log)
    const without = await configWithout(cwd).catch(() => undefined);
    if (without) connection.console.info(without.notice.trimEnd());
    session = new LintSession({ cwd, ...(without ? { defaults: without.defaults } : {}) });
    linter = new OpenFilesLinter(
      session,
      {
        openFiles,
        versionOf: (uri) => documents.get(uri)?.version,
        publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
        // a notification: nothing to answer, nothing to wait for
        showError: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }),
        log: (message) => connection.console.error(message),
      },
      {
        ...(typeof options.now === "string" ? { now: options.now } : {}),
        debounceMs: typeof options.debounceMs === "number" && options.debounceMs >= 0 ? options.debounceMs : DEFAULT_DEBOUNCE_MS,
      },
    );
    const workspace = params.capabilities.workspace;
    canRename = workspace?.workspaceEdit?.documentChanges === true && (workspace.workspaceEdit.resourceOperations ?? []).includes("rename");
    canWatch = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
        hoverProvider: true,
      },
      serverInfo: { name: "milestone-lint", version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (!canWatch) {
      linter?.pollConfigs(CONFIG_POLL_MS);
      return;
    }
    // files changed outside the editor: another milestone, registry.json, a config file, a .gitignore
    const watchers = ["**/*.md", `**/${REGISTRY_FILE}`, `**/{${CONFIG_NAMES.join(",")}}`].map((globPattern) => ({ globPattern }));
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  });

  const isPlanFile = (uri: string) => lintable(pathOf(uri));
  // other Markdown files (a README) change nothing the linter sees
  documents.onDidChangeContent((event) => {
    lookUpPlan(pathOf(event.document.uri));
    if (isPlanFile(event.document.uri)) linter?.schedule();
  });
  documents.onDidClose((event) => {
    if (!isPlanFile(event.document.uri)) return;
    const file = pathOf(event.document.uri);
    if (file !== undefined) plans.delete(file);
    linter?.closed(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // its disk copy stands in for it again, for the other open files
    linter?.schedule();
  });
  // a config changed: which open files are plans may have too
  const configChanged = (): void => {
    linter?.configChanged();
    for (const document of documents.all()) lookUpPlan(pathOf(document.uri));
  };
  documents.onDidSave((event) => {
    if (isConfigFile(event.document.uri)) configChanged();
  });
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((change) => isConfigFile(change.uri))) configChanged();
    else linter?.schedule();
  });
  connection.onDidChangeConfiguration(() => configChanged());

  connection.onCodeAction((params) =>
    guarded(connection, [], async () => {
      const document = documents.get(params.textDocument.uri);
      const file = pathOf(params.textDocument.uri);
      const snapshot = await linter?.current(params.textDocument.uri);
      if (!document || !file || !snapshot || !session || !linter) return [];
      const run = linter;
      const others = openFiles();
      return codeActions(params, {
        document,
        snapshot,
        rules: await session.rulesFor(file),
        cwd: session.cwd,
        canRename,
        fixAll: async () => {
          const result = await run.exclusive((s, now) =>
            s.lint({ ...now, patterns: [file], overrides: new Map(others.map((f) => [f.path, f.text])), fixDryRun: true, concurrency: "off", tree: false }),
          );
          return result.files[0]?.output;
        },
      });
    }),
  );

  connection.onHover((params) =>
    guarded(connection, null, async () => {
      const file = pathOf(params.textDocument.uri);
      const snapshot = await linter?.current(params.textDocument.uri);
      if (!file || !snapshot || !session) return null;
      return hover(snapshot.diagnostics, params.position, await session.rulesFor(file));
    }),
  );

  documents.listen(connection);
  connection.listen();
}
