/** The built-in rules, every one switched on at its default severity and options. */
import { builtinRules } from "../../rules/index.js";
import type { ActiveRule } from "../../src/run/lint-file.js";
import type { FileRule, ProjectRule, Rule, RuleMeta, Severity } from "../../src/shared/types.js";

/** A rule's default severity, or `error` for one that is off unless a config turns it on. */
export const severityOn = (meta: RuleMeta): Severity => (meta.severity === "off" ? "error" : meta.severity);

function active<R extends Rule>(scope: "file" | "project"): ActiveRule<R>[] {
  return builtinRules
    .filter((r) => (r.meta.scope === "project") === (scope === "project"))
    .map((rule) => ({ rule: rule as R, severity: severityOn(rule.meta), options: { ...rule.meta.defaultOptions } }));
}

export const ALL_FILE_RULES = active<FileRule>("file");
export const ALL_PROJECT_RULES = active<ProjectRule>("project");
