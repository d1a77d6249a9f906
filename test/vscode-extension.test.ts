/**
 * editors/vscode is a complete extension folder: its manifest names what exists, and
 * extension.js, loaded with stand-ins for the `vscode` API and vscode-languageclient
 * (neither is installed here), starts the language server the way the README says.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./helpers/fixtures.js";

const EXTENSION = path.join(REPO, "editors/vscode");
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, "package.json"), "utf8"));

/** Activates the extension in a child process on `workspace` with `settings`; returns the LanguageClient it made. */
function activate(workspace: string, settings: Record<string, unknown>): { id: string; name: string; server: unknown; client: unknown; started: boolean } {
  const script = `
    const Module = require("node:module");
    const made = [];
    class LanguageClient {
      constructor(id, name, server, client) { made.push({ id, name, server, client, started: false }); this.i = made.length - 1; }
      start() { made[this.i].started = true; return Promise.resolve(); }
      stop() { return Promise.resolve(); }
    }
    const stubs = {
      vscode: {
        workspace: {
          workspaceFolders: [{ uri: { fsPath: ${JSON.stringify(workspace)} } }],
          getConfiguration: (section) => ({ get: (key) => (${JSON.stringify(settings)})[section + "." + key] }),
          onDidChangeConfiguration: () => ({ dispose() {} }),
        },
      },
      "vscode-languageclient/node": { LanguageClient, TransportKind: { stdio: 0, ipc: 1 } },
    };
    const load = Module._load;
    Module._load = function (request, ...rest) { return request in stubs ? stubs[request] : load.call(this, request, ...rest); };
    require(${JSON.stringify(path.join(EXTENSION, manifest.main))}).activate({ subscriptions: [] }).then(() => process.stdout.write(JSON.stringify(made[0])));
  `;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout);
}

describe("the VS Code extension", () => {
  it("has a manifest whose entry, settings and dependencies exist", () => {
    expect(existsSync(path.join(EXTENSION, manifest.main))).toBe(true);
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+\.0$/);
    expect(manifest.activationEvents).toContain("onLanguage:markdown");
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(["milestoneLint.serverPath", "milestoneLint.debounceMs"]);
    expect(Object.keys(manifest.dependencies)).toEqual(["vscode-languageclient"]);
    const lock = JSON.parse(readFileSync(path.join(EXTENSION, "package-lock.json"), "utf8"));
    expect(lock.packages[""].dependencies).toEqual(manifest.dependencies);
    expect(existsSync(path.join(EXTENSION, "README.md"))).toBe(true);
  });

  it("starts the workspace's milestone-lint server, else the one on the PATH, else the one its setting names", () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), "ml-vscode-"));
    try {
      const onPath = activate(workspace, { "milestoneLint.debounceMs": 15 });
      expect(onPath).toEqual({
        id: "milestoneLint",
        name: "milestone-lint",
        server: { command: "milestone-lint-language-server", args: ["--stdio"], transport: 0 },
        client: { documentSelector: [{ scheme: "file", language: "markdown" }], initializationOptions: { debounceMs: 15 } },
        started: true,
      });
      const installed = path.join(workspace, "node_modules/milestone-lint/dist/language-server.js");
      mkdirSync(path.dirname(installed), { recursive: true });
      writeFileSync(installed, "");
      expect(activate(workspace, {}).server).toEqual({ module: installed, transport: 0 });
      expect(activate(workspace, { "milestoneLint.serverPath": path.join(REPO, "dist/language-server.js") }).server).toEqual({
        module: path.join(REPO, "dist/language-server.js"),
        transport: 0,
      });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
