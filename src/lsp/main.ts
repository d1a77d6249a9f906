/**
 * `milestone-lint-language-server`: the language server over standard input and
 * output (`--stdio`, which editors pass, is the only transport and may be left out).
 * Standard output carries the protocol alone: console output of config files and
 * plugins goes to the client's log, and an error nobody caught is logged, not fatal.
 */
import { format } from "node:util";
import { createConnection } from "vscode-languageserver/node";
import { VERSION } from "../shared/version.js";
import { startServer } from "./server.js";

const HELP = `Usage: milestone-lint-language-server [--stdio]

The milestone-lint language server, speaking LSP over standard input and output.
Editors start it; see the README's "Editors" section.

  -v, --version  Print the version and exit
  -h, --help     Print this help and exit
`;

const args = process.argv.slice(2);
if (args.includes("--version") || args.includes("-v")) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
} else {
  const connection = createConnection(process.stdin, process.stdout);
  const log = (...parts: unknown[]) => connection.console.log(format(...parts));
  console.log = log;
  console.info = log;
  console.warn = (...parts: unknown[]) => connection.console.warn(format(...parts));
  console.error = (...parts: unknown[]) => connection.console.error(format(...parts));
  process.on("uncaughtException", (error) => connection.console.error(`milestone-lint: uncaught ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => connection.console.error(`milestone-lint: unhandled ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
}
