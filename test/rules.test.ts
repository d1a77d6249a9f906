/**
 * Every rule alone over its fixture cases: the diagnostics must be exactly the ones
 * declared in each case's expected.json (file, line, column, severity, message).
 */
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { defaultConfig, resolveConfig } from "../src/config/config.js";
import { runEngine } from "../src/run/engine.js";
import type { RuleSetting } from "../src/shared/types.js";
import { FIXTURE_TODAY, ruleCases } from "./helpers/fixtures.js";

const cases = ruleCases();

describe("every built-in rule has fixture cases", () => {
  it.each(builtinRules.map((r) => r.meta.id))("%s has a valid and an invalid case", (id) => {
    const mine = cases.filter((c) => c.ruleId === id);
    expect(mine.some((c) => c.expected.diagnostics.length === 0), "a case with no diagnostics").toBe(true);
    expect(mine.some((c) => c.expected.diagnostics.length > 0), "a case with diagnostics").toBe(true);
  });

  it("no fixture folder names an unknown rule", () => {
    const ids = new Set(builtinRules.map((r) => r.meta.id));
    expect(cases.map((c) => c.ruleId).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe.each(cases.map((c) => [`${c.ruleId} / ${c.name}`, c] as const))("%s", (_label, c) => {
  it("reports exactly the expected diagnostics", async () => {
    const rule = builtinRules.find((r) => r.meta.id === c.ruleId);
    expect(rule, `rule ${c.ruleId}`).toBeDefined();
    const extra = (c.expected.config?.rules ?? {}) as Record<string, RuleSetting>;
    const rules = builtinRules.filter((r) => r.meta.id === c.ruleId || extra[r.meta.id]);
    const settings: Record<string, RuleSetting> = {};
    for (const [id, s] of Object.entries(extra)) settings[id] = { severity: s.severity ?? "error", options: s.options ?? {} };
    // a rule that is off by default is on in its own cases
    if (rule && rule.meta.severity === "off" && !settings[c.ruleId]) settings[c.ruleId] = { severity: "error", options: {} };
    // the case's plans, resolved as a config file in the case folder would be (the skeleton handed to the rules that take it)
    const plans = c.expected.config?.plans && resolveConfig({ plans: c.expected.config.plans }, { name: c.name, dir: c.dir }, rules);
    const result = await runEngine({
      patterns: c.expected.patterns ?? [".agent"],
      cwd: c.dir,
      rules,
      config: {
        ...defaultConfig(),
        rules: { ...plans?.rules, ...settings },
        ...(c.expected.config?.layout ? { layout: c.expected.config.layout } : {}),
        ...(plans?.plans ? { plans: plans.plans } : {}),
      },
      today: c.expected.now ?? FIXTURE_TODAY,
      fix: false,
    });
    const actual = result.files.flatMap((f) =>
      f.diagnostics.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        severity: d.severity,
        message: d.message,
        ...(d.ruleId !== c.ruleId ? { ruleId: d.ruleId } : {}),
        ...(d.suggestion ? { suggestion: d.suggestion } : {}),
      })),
    );
    expect(actual).toEqual(c.expected.diagnostics);
  });
});
