/** Reads the rule fixture cases: `fixtures/rules/<rule-id>/<case>/{.agent/…, expected.json}`. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlansConfig } from "../../src/config/config-files.js";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO, "fixtures");
/** The day fixtures are judged on, unless a case says otherwise. */
export const FIXTURE_TODAY = "2026-11-25";

export interface ExpectedDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warn";
  message: string;
  /** Defaults to the rule the case is filed under. */
  ruleId?: string;
  suggestion?: string;
}

export interface Expected {
  /** Today, for rules that compare with it. */
  now?: string;
  /** Paths to lint, relative to the case folder; default `.agent`. */
  patterns?: string[];
  /** Rule settings for the case (options, or other rules turned on), a forced layout, and which files are plans of the PLANS.md practice. */
  config?: { rules?: Record<string, unknown>; layout?: "auto" | "template" | "upstream"; plans?: PlansConfig };
  diagnostics: ExpectedDiagnostic[];
}

export interface RuleCase {
  ruleId: string;
  name: string;
  dir: string;
  expected: Expected;
}

export function ruleCases(): RuleCase[] {
  const root = path.join(FIXTURES, "rules");
  if (!existsSync(root)) return [];
  const cases: RuleCase[] = [];
  for (const ruleId of readdirSync(root).sort()) {
    for (const name of readdirSync(path.join(root, ruleId)).sort()) {
      const dir = path.join(root, ruleId, name);
      const file = path.join(dir, "expected.json");
      if (!existsSync(file)) throw new Error(`${path.relative(REPO, dir)} has no expected.json`);
      cases.push({ ruleId, name, dir, expected: JSON.parse(readFileSync(file, "utf8")) as Expected });
    }
  }
  return cases;
}
