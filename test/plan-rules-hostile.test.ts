/**
 * The rules of plans of the PLANS.md practice on hostile input: they do not crash,
 * and their time on top of the Markdown parse (which they share and do not control)
 * stays small: no backtracking regular expression, no quadratic scan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { lintSource, type ActiveRule } from "../src/run/lint-file.js";
import type { FilePlace, FileRule, PlanPlace } from "../src/shared/types.js";
import { FIXTURE_TODAY } from "./helpers/fixtures.js";
import { timeOverParse } from "./helpers/over-parse.js";

type AnyRule = FileRule<Record<string, unknown>, FilePlace>;
const PLAN_RULES: ActiveRule<AnyRule>[] = builtinRules
  .filter((r) => r.meta.scope !== "project" && (r.meta.appliesTo as readonly string[]).includes("plan"))
  .map((r) => ({ rule: r as AnyRule, severity: r.meta.severity === "warn" ? "warn" : "error", options: { ...r.meta.defaultOptions } }));

const place: PlanPlace = { kind: "plan", root: "/repo", fileName: "x.md", state: "completed" };
const N = 5_000;
const spaces = " ".repeat(N * 4);

const hostile: Record<string, string> = {
  "many sections, each a heading": "## Progress\n\n- [ ] a\n\n### Decision Log\n\n## Notes\n".repeat(N / 5),
  "a heading of spaces and separators": `## Progress${spaces}/${spaces}-${spaces}(x\n`,
  "a long entry label": `- Evidence:${spaces}x\n- Date/Author:${" **".repeat(N)}\n`,
  "a long status line": `# T\n\nStatus:${spaces}done${spaces}x\n\n## Progress\n\n- [ ] a\n`,
  "a long progress list": `# T\n\n## Progress\n\n${"- [ ] step\n- plain\n".repeat(N / 2)}`,
  "local paths without end": `/Users/${"a/".repeat(N)} /home/${"b/".repeat(N)} C:\\Users\\${"c\\".repeat(N)}\n`,
  "link openers": `${"](x".repeat(N)} ${"](".repeat(N)}${spaces}\n`,
  "a code span of many folders": `\`${"a/".repeat(N)}x\`\n`,
  "key lines at the top": `${"key: value\n".repeat(N)}`,
  "placeholders everywhere": "(YYYY-MM-DD HH:MMZ) (completed: X; remaining: Y) … ".repeat(N / 10),
};

describe("plan rules on hostile input", () => {
  // compiled once before timing, as a long run would have them
  beforeAll(() => {
    lintSource({ path: "/repo/plans/x.md", displayPath: "x.md", text: "# T\n\n## Progress\n\n- [x] a\n", place }, PLAN_RULES, FIXTURE_TODAY);
  });

  it.each(Object.entries(hostile))("%s", (_name, text) => {
    const { ms, outcome } = timeOverParse({ path: "/repo/plans/completed/x.md", displayPath: "x.md", text, place }, PLAN_RULES);
    expect(outcome.internalErrors).toBe(0);
    expect(ms).toBeLessThan(1500);
  }, 30_000); // the machine may be busy: the bound that matters is the one above
});
