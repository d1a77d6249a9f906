// The language server's latency, for `npm run bench`: the time from a `didChange` to
// the `publishDiagnostics` of that version, for one milestone of a large tree, edit
// after edit as a person types (each edit waits for the answer to the one before).
// Each edit types one character at the end of a body line; every 20th edit breaks
// or mends the front matter, so that the answer's diagnostics change too.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Starts `server` on `root`, opens `file`, makes `edits` edits; times in ms. */
export async function measureLatency({ server, root, file, edits = 200, now, nodeArgs = [] }) {
  const proc = spawn(process.execPath, [...nodeArgs, server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(file).href;
  let waiting;
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    if (p.uri === uri && waiting && p.version === waiting.version) waiting.resolve(p);
  });
  connection.listen();
  const answer = (version) => new Promise((resolve) => (waiting = { version, resolve }));
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: { now } });
  connection.sendNotification("initialized", {});

  let text = readFileSync(file, "utf8");
  const started = performance.now();
  const first = answer(1);
  connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
  await first;
  const openMs = performance.now() - started;

  // the end of the body's last non-empty line: where the typing happens
  const lines = text.split("\n");
  let line = lines.length - 1;
  while (line > 0 && lines[line].trim() === "") line--;
  const statusLine = lines.findIndex((l) => l.startsWith("status:"));
  const samples = [];
  let broken = false;
  for (let version = 2; version < edits + 2; version++) {
    let change;
    if (version % 20 === 0 && statusLine >= 0) {
      // break or mend the front matter: `status: in_progress` ↔ `status: in-progress`
      const old = lines[statusLine];
      lines[statusLine] = broken ? old.replace("in-progress", "in_progress") : old.replace(/^status: .*/, "status: in-progress");
      broken = !broken;
      change = { range: { start: { line: statusLine, character: 0 }, end: { line: statusLine, character: old.length } }, text: lines[statusLine] };
    } else {
      const at = lines[line].length;
      lines[line] += "x";
      change = { range: { start: { line, character: at }, end: { line, character: at } }, text: "x" };
    }
    text = lines.join("\n");
    const published = answer(version);
    const t0 = performance.now();
    connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    samples.push(performance.now() - t0);
  }
  await connection.sendRequest("shutdown");
  connection.sendNotification("exit");
  await new Promise((resolve) => proc.on("exit", resolve));
  connection.dispose();
  const sorted = [...samples].sort((a, b) => a - b);
  return { openMs, edits: samples.length, median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) };
}
