/** Bad input never crashes a rule: every built-in rule over front matter of odd shapes, in odd places. */
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { lintSource } from "../src/run/lint-file.js";
import { classify } from "../src/tree/place.js";
import type { FileRule } from "../src/shared/types.js";

const PATHS = [
  "/r/.agent/exec_plans/p/EP-20260117-014_p.md",
  "/r/.agent/exec_plans/p/milestones/active/EP-20260117-014_MS003_x.md",
  "/r/.agent/exec_plans/p/milestones/archive/2026/02/30/EP-20260117-014_MS003_x.md",
  "/r/.agent/exec_plans/p/milestones/MS001_x.md",
  "/r/.agent/exec_plans/active/p/milestones/complete/MS003.md",
  "/r/.agent/exec_plans/complete/9999/99/99/EP-1_p/EP-1.md",
];

const TEXTS = [
  "",
  "---\n---\n",
  "---\n- a\n- b\n---\n",
  "---\njust a string\n---\n",
  "---\nid: [EP-20260117-014]\nms: {a: 1}\ncreated: 2026-02-30\nupdated: 1999-01-01\n---\n",
  "---\nid: null\nexecplan_id: ~\nms: -1\nstatus: 3\ncreated: \nupdated:\n---\n",
  "---\n? [complex, key]\n: value\n&a id: *a\n---\n",
  "---\nid: EP-99999999-999/MS999\nexecplan_id: EP-0-0\nms: 99999999999999999999\n---\n",
  "---\nid: 'EP-20260117-1/MS1'\nlinks: {a: {b: [c]}}\ntags: [[a], {b: c}]\n---\n",
  "---\nid: EP-20260117-014/MS003\nid: EP-20260117-015/MS003\n---\n",
  "\uFEFF\n\n---\nid: |\n  EP-20260117-014/MS003\n---\n",
  "---\nid: EP-20260117-014/MS003\n",
];

describe("rules on odd front matter", () => {
  it.each(PATHS)("no rule crashes on files at %s", (file) => {
    const place = classify(file);
    expect(place).toBeDefined();
    const rules = builtinRules.filter((r) => r.meta.scope !== "project").map((rule) => ({ rule: rule as FileRule, severity: "error" as const, options: {} }));
    for (const text of TEXTS) {
      const outcome = lintSource({ path: file, displayPath: file, text, place: place! }, rules, "2026-11-25", true);
      expect(outcome.internalErrors, JSON.stringify(text)).toBe(0);
    }
  });
});
