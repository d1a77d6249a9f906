/**
 * The agentrules preset on files as the CLI writes them (FORMAT.md §7): the CLI's
 * sections are required, the template's others optional in their place, a section out
 * of place a warning; and the whole-tree rules ask the project context, not the disk,
 * whether a linked file exists (so that an editor can answer from its buffers).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { defaultConfig } from "../src/config/config.js";
import { lint } from "../src/index.js";
import { runEngine } from "../src/run/engine.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { write } from "./helpers/tree.js";

const CLI_TREE = path.join(FIXTURES, "cli-trees/complete-root");
const RETRIES = ".agent/exec_plans/active/webhook-intake/milestones/active/MS002_retries.md";
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "profile-"));
  made.push(dir);
  cpSync(CLI_TREE, dir, { recursive: true });
  return dir;
}

async function diagnostics(dir: string): Promise<string[]> {
  const result = await lint({ cwd: dir, now: FIXTURE_TODAY, config: { extends: ["agentrules"] } });
  return result.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line} ${d.severity} ${d.ruleId} ${d.message}`));
}

describe("the agentrules preset", () => {
  it("requires the CLI's sections and names the one missing", async () => {
    const dir = copy();
    const text = readFileSync(path.join(dir, RETRIES), "utf8");
    write(dir, RETRIES, text.replace(/## Risks & Mitigations\n\n[^#]*/, ""));
    expect(await diagnostics(dir)).toEqual([
      `${RETRIES}:52 error section-marker-required Required section heading "## Risks & Mitigations" is missing; add it after the "## Dependencies" section.`,
    ]);
  });

  it("takes a section of its own after the Changelog, and warns of a template section moved there", async () => {
    const dir = copy();
    const text = readFileSync(path.join(dir, RETRIES), "utf8");
    const dependencies = "## Dependencies\n\n- MS001 (verified events only are retried).\n\n";
    write(dir, RETRIES, `${text.replace(dependencies, "")}\n## Validation Results\n\nChaos test passed.\n\n${dependencies.trimEnd()}\n`);
    expect(await diagnostics(dir)).toEqual([
      `${RETRIES}:66 warn section-order Section "## Dependencies" is out of order: it must come before "## Risks & Mitigations" (line 48), as in the template.`,
    ]);
  });
});

describe("links-exist", () => {
  const CASE = path.join(FIXTURES, "rules/links-exist/invalid");
  const rules = builtinRules.filter((r) => r.meta.id === "links-exist");
  const run = (files?: { exists(p: string): boolean; gitIgnored(p: string): boolean }) =>
    runEngine({ patterns: [".agent"], cwd: CASE, rules, config: defaultConfig(), today: FIXTURE_TODAY, fix: false, ...(files ? { files } : {}) });

  it("asks the project context whether a path exists, not the disk", async () => {
    const messages = async (r: ReturnType<typeof run>) => (await r).files.flatMap((f) => f.diagnostics.map((d) => d.message));
    const onDisk = await messages(run());
    expect(onDisk.some((m) => m.includes("docs/webhooks/design.md"))).toBe(true);
    // an editor holding an unsaved docs/webhooks/design.md
    const unsaved = path.join(CASE, "docs/webhooks/design.md");
    const inEditor = await messages(run({ exists: (p) => p === unsaved || existsSync(p), gitIgnored: () => false }));
    expect(inEditor).toEqual(onDisk.filter((m) => !m.includes("docs/webhooks/design.md")));
  });
});
