/** Runs the built CLI (`dist/cli.cjs`, what users get) as a child process. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO } from "./fixtures.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Root reads what permissions forbid: tests of unreadable files and folders run the CLI as `nobody` then. */
export const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; unprivileged?: boolean; input?: string | Buffer } = {}): CliRun {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  if (!options.env || !("FORCE_COLOR" in options.env)) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [path.join(REPO, "dist/cli.cjs"), ...args], {
    cwd: options.cwd ?? REPO,
    env,
    ...(options.unprivileged && isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    encoding: "utf8",
    ...(options.input !== undefined ? { input: options.input } : {}),
    // a hang (e.g. a read that never returns) fails the test instead of the whole run
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
