/**
 * dist/cli.cjs runs the bundled CLI from the V8 code cache the build wrote. The
 * cache must be taken by this Node (else every start pays for compiling the bundle
 * again, with nothing failing), and a copy of the build without it, or with a
 * damaged one, must print exactly the same.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function lintExample(dist: string) {
  const r = spawnSync(process.execPath, [path.join(dist, "cli.cjs"), "examples/.agent", "--now", FIXTURE_TODAY, "--no-color"], {
    cwd: REPO,
    env: { ...process.env, MILESTONE_LINT_CODE_CACHE: "report" },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyOfDist(change: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-dist-"));
  copies.push(dir);
  cpSync(path.join(REPO, "dist"), dir, { recursive: true });
  change(dir);
  return dir;
}

describe("the code cache of the CLI bundle", () => {
  const built = lintExample(path.join(REPO, "dist"));

  it("is taken by V8 when the build's own Node runs it", () => {
    expect(built.stderr).toBe("code cache: used\n");
    expect(built.status).toBe(1);
  });

  it("changes nothing when it is missing", () => {
    const r = lintExample(copyOfDist((dir) => rmSync(path.join(dir, "cli-main.cjs.v8cache"))));
    expect(r.stderr).toBe("code cache: missing\n");
    expect([r.status, r.stdout]).toEqual([built.status, built.stdout]);
  });

  it("changes nothing when it is damaged (V8 rejects it)", () => {
    const r = lintExample(copyOfDist((dir) => writeFileSync(path.join(dir, "cli-main.cjs.v8cache"), "not a code cache")));
    expect(r.stderr).toBe("code cache: rejected\n");
    expect([r.status, r.stdout]).toEqual([built.status, built.stdout]);
  });

  it("a missing bundle is exit 2 with one line, not a stack trace", () => {
    const r = lintExample(copyOfDist((dir) => rmSync(path.join(dir, "cli-main.cjs"))));
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^milestone-lint: internal error: cannot start \(ENOENT: no such file or directory, open '.*cli-main\.cjs'\); reinstall milestone-lint\n$/);
    expect(r.status).toBe(2);
  });
});
