/** Runs the built CLI (`dist/cli.cjs`, what users get) as a child process. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO } from "./fixtures.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string | Buffer } = {}): CliRun {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [path.join(REPO, "dist/cli.cjs"), ...args], {
    cwd: options.cwd ?? REPO,
    env,
    encoding: "utf8",
    ...(options.input !== undefined ? { input: options.input } : {}),
    // a hang (e.g. a read that never returns) fails the test instead of the whole run
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
