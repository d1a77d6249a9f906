/**
 * The bundled example tree, linted as the README's first command does: the whole
 * stylish output must equal examples/expected-output.txt, reviewed line by line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { FIXTURE_TODAY, REPO } from "./helpers/fixtures.js";

it("prints exactly the reviewed diagnostics for examples/.agent and exits 1", () => {
  const r = runCli(["examples/.agent", "--now", FIXTURE_TODAY, "--no-color"]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe(readFileSync(path.join(REPO, "examples/expected-output.txt"), "utf8"));
  expect(r.status).toBe(1);
});
