/**
 * execplan-local-path in a repository of its own name: a plan that says where to run
 * commands from gives the repository's folder on the author's machine, which is the
 * repository root for every other reader (found in real plans: "Run all commands from
 * `/Users/<name>/workspace/<repository>`").
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { lint } from "../src/index.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The messages execplan-local-path gives for `plan`, the only plan of a repository in a folder named `shop`. */
async function messages(plan: string): Promise<string[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ml-local-path-"));
  made.push(tmp);
  const repo = path.join(tmp, "shop");
  mkdirSync(path.join(repo, "plans"), { recursive: true });
  mkdirSync(path.join(repo, "app", "models"), { recursive: true });
  writeFileSync(path.join(repo, "app", "models", "cart.rb"), "class Cart; end\n");
  writeFileSync(path.join(repo, "plans", "cart-totals.md"), plan);
  const off = Object.fromEntries(builtinRules.filter((r) => r.meta.id !== "execplan-local-path").map((r) => [r.meta.id, "off" as const]));
  const result = await lint({ cwd: repo, patterns: ["."], now: FIXTURE_TODAY, concurrency: "off", config: { plans: { files: ["plans/**/*.md"] }, rules: off } });
  return result.files.flatMap((f) => f.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`));
}

describe("execplan-local-path and the repository's own folder", () => {
  it("says the repository root may be meant, where a plan gives the repository's folder on one machine", async () => {
    expect(await messages("# Cart totals\n\nRun all commands from `/Users/dana/workspace/shop`.\n")).toEqual([
      '3:24 Machine-local path "/Users/dana/workspace/shop" names this repository\'s folder on one machine; write "the repository root" where that is meant, or leave the path out.',
    ]);
  });

  it("still gives the relative path of a file below it, and reports a home folder whose user was scrubbed away", async () => {
    expect(await messages("Edit `/Users/dana/workspace/shop/app/models/cart.rb`; notes in `/Users//Desktop/cart.txt`, homes under /Users/.\n")).toEqual([
      '1:7 Machine-local path "/Users/dana/workspace/shop/app/models/cart.rb"; write it relative to the repository: "app/models/cart.rb".',
      '1:65 Machine-local path "/Users//Desktop/cart.txt": it exists on one machine only; write a path relative to the repository, or leave it out.',
    ]);
  });
});
