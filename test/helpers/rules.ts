/** The built-in rules, every one switched on at its default severity and options. */
import { builtinRules } from "../../rules/index.js";
import type { ActiveRule } from "../../src/run/lint-file.js";
import type { FileRule, ProjectRule, Rule } from "../../src/shared/types.js";

function active<R extends Rule>(scope: "file" | "project"): ActiveRule<R>[] {
  return builtinRules
    .filter((r) => (r.meta.scope === "project") === (scope === "project"))
    .map((rule) => ({ rule: rule as R, severity: rule.meta.severity, options: { ...rule.meta.defaultOptions } }));
}

export const ALL_FILE_RULES = active<FileRule>("file");
export const ALL_PROJECT_RULES = active<ProjectRule>("project");
