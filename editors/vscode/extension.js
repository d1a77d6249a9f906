// The milestone-lint extension: starts `milestone-lint-language-server` (stdio) for
// Markdown files and lets it do the rest (diagnostics, quick fixes, fix-all on save
// through `source.fixAll.milestone-lint`, hover). Which server runs is the user's
// setting, else the workspace's own milestone-lint, else the one on the PATH.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** The workspace's milestone-lint, installed as a dependency. */
function workspaceServer() {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = path.join(folder.uri.fsPath, "node_modules", "milestone-lint", "dist", "language-server.js");
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** How to start the server: a JavaScript file runs with VS Code's own Node.js, anything else as a command. */
function serverOptions(setting) {
  const file = setting ? path.resolve(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? "", setting) : workspaceServer();
  if (file && /\.[cm]?js$/.test(file)) return { module: file, transport: TransportKind.stdio };
  return { command: file ?? "milestone-lint-language-server", args: ["--stdio"], transport: TransportKind.stdio };
}

let client;

/** Starts a client with the settings as they are now. */
async function start() {
  const config = vscode.workspace.getConfiguration("milestoneLint");
  client = new LanguageClient("milestoneLint", "milestone-lint", serverOptions(config.get("serverPath")), {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    initializationOptions: { debounceMs: config.get("debounceMs") },
  });
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("milestoneLint")) return;
      await client?.stop();
      await start();
    }),
  );
  await start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate, serverOptions };
