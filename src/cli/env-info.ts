/** `--env-info`: what a bug report needs to know of this machine, as ESLint's `--env-info` prints it. */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { VERSION } from "../shared/version.js";
import { configForFile, type LintOptions } from "../index.js";

function npmVersion(): string {
  const r = spawnSync("npm", ["--version"], { encoding: "utf8", timeout: 10_000, shell: process.platform === "win32" });
  return r.status === 0 ? `v${r.stdout.trim()}` : "not found";
}

export async function envInfo(options: Pick<LintOptions, "config" | "overrideRules">): Promise<string> {
  let config: string;
  try {
    const printed = await configForFile("x.md", options);
    config = printed.configFile ?? (options.config !== undefined ? "inline config" : "none (the defaults)");
  } catch (error) {
    config = `broken (${error instanceof Error ? error.message : String(error)})`;
  }
  return [
    "Environment Info:",
    "",
    `milestone-lint version: v${VERSION}`,
    `milestone-lint path: ${process.argv[1] ?? "unknown"}`,
    `Node version: ${process.version}`,
    `npm version: ${npmVersion()}`,
    `Operating System: ${os.platform()} ${os.release()} ${os.arch()}`,
    `Config file for this folder: ${config}`,
    "",
  ].join("\n");
}
