/**
 * The audit's inputs (issue 12) that take seconds even when handled as they should:
 * run by `npm run fuzz`, not `npm test`. 50 000 distinct front matter keys (30 s and
 * 461 MB before), and the whole audit tree through the built CLI on one, two and
 * three threads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { lintSource } from "../src/run/lint-file.js";
import { classify } from "../src/tree/place.js";
import { runCli } from "./helpers/cli.js";
import { FIXTURES, FIXTURE_TODAY } from "./helpers/fixtures.js";
import { ACTIVE, validTree, type Tree } from "./helpers/hostile-tree.js";
import { ALL_FILE_RULES } from "./helpers/rules.js";

const REL = `${ACTIVE}/EP-20260210-003_MS002_ranked-search-api.md`;
const ABS = path.join(FIXTURES, "valid", REL);
const VALID = readFileSync(ABS, "utf8");
const ANCHOR = "- Behind the `search_v2` flag, on for internal tenants first.\n";
const withBody = (hostile: string) => VALID.replace(ANCHOR, `${ANCHOR}\n${hostile}\n`);

describe("front matter of 50 000 distinct keys", () => {
  it("each unknown key is reported at its line, and no rule crashes", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: 1\n`).join("");
    const text = VALID.replace("risk: low\n", `risk: low\n${keys}`);
    const out = lintSource({ path: ABS, displayPath: REL, place: classify(ABS)!, text }, ALL_FILE_RULES, FIXTURE_TODAY);
    expect(out.internalErrors).toBe(0);
    const unknown = out.diagnostics.filter((d) => d.ruleId === "front-matter-unknown-key");
    expect(unknown).toHaveLength(50_000);
    expect(unknown[0]).toMatchObject({ line: 13, column: 1 });
    expect(unknown.at(-1)).toMatchObject({ line: 50_012, column: 1 });
  });
});

describe("the whole audit tree through the built CLI", () => {
  let tree: Tree;
  beforeAll(() => {
    tree = validTree();
    const inputs = [
      withBody("- a\n".repeat(120_000)).replace(/\n/g, "\r"),
      withBody(`${"> ".repeat(10_000)}x`).replace(/\n/g, "\r"),
      withBody(`<!-- milestone-lint-disable -->\n${"*".repeat(10_000)}a${"*".repeat(10_000)}`),
      withBody(`${"_".repeat(10_000)}a${"_".repeat(10_000)}`),
      VALID.replace("risk: low\n", `risk: low\n${"tags: [api]\n".repeat(20_000)}`),
      VALID.replace("risk: low\n", `risk: low\n${Array.from({ length: 50_000 }, (_, i) => `k${i}: 1\n`).join("")}`),
      withBody(`x ${"<!a ".repeat(20_000)}`),
      withBody(`x ${"<![CDATA[ ".repeat(10_000)}`),
      withBody(`x <!-- ${"<!-- milestone-lint-disable a -- b ".repeat(5_000)}`),
      withBody(`\`\`\`\n${"<!-- milestone-lint-disable -->\n".repeat(9_700)}\`\`\``),
    ];
    inputs.forEach((text, i) => {
      const n = String(i + 3).padStart(3, "0");
      tree.write(`${ACTIVE}/EP-20260210-003_MS${n}_ranked-search-api.md`, text.replace("EP-20260210-003/MS002", `EP-20260210-003/MS${n}`).replace("ms: 2", `ms: ${i + 3}`));
    });
  });
  afterAll(() => tree.remove());

  it("exits 1 with every file reported, the same on one, two and three threads", () => {
    // the report (70 000 problems) goes to a file: more than a child process's output buffer holds
    const run = (concurrency: string) => {
      const r = runCli(["--now", FIXTURE_TODAY, "--format", "json", "--concurrency", concurrency, "--output-file", `report-${concurrency}.json`], { cwd: tree.dir });
      return { ...r, report: readFileSync(tree.abs(`report-${concurrency}.json`), "utf8") };
    };
    const single = run("off");
    expect(single.stderr).toBe("");
    expect(single.status).toBe(1);
    const report = JSON.parse(single.report) as { files: { file: string }[] };
    expect(report.files.filter((f) => /_MS0(0[3-9]|1[0-2])_/.test(f.file))).toHaveLength(10);
    for (const threads of ["2", "3"]) {
      const threaded = run(threads);
      expect(threaded.report).toBe(single.report);
      expect(threaded.status).toBe(1);
    }
  });
});
