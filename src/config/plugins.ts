/**
 * Plugins: local modules that export `rules`, an array of rules with the same
 * contract as the built-in ones (src/shared/types.ts `Rule`). Each rule is checked as it
 * is loaded, so a broken plugin is a one-line config error, not a crash mid-run.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../shared/errors.js";
import { checkModuleFile, firstLine } from "./config-files.js";
import { optionsValidator } from "./config.js";
import type { Rule } from "../shared/types.js";
import { importModule } from "../shared/import-module.js";
import { noteUntraceable } from "../shared/fs-trace.js";
import { setRuleOrigin } from "../shared/rule-origin.js";

const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\/[a-z][a-z0-9]*(-[a-z0-9]+)*)?$/;
const KINDS = new Set(["milestone", "execplan"]);

/** Why `value` is not a rule, or undefined when it is one. */
function ruleProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return "is not an object";
  const { meta, check } = value as Partial<Rule>;
  if (typeof check !== "function") return "has no `check` function";
  if (meta === null || typeof meta !== "object") return "has no `meta` object";
  if (typeof meta.id !== "string" || !RULE_ID.test(meta.id)) return `has an invalid \`meta.id\` ${JSON.stringify(meta.id)} (kebab-case expected)`;
  if (typeof meta.description !== "string") return `"${meta.id}" has no \`meta.description\``;
  if (meta.severity !== "error" && meta.severity !== "warn") return `"${meta.id}" has \`meta.severity\` ${JSON.stringify(meta.severity)}; expected "error" or "warn"`;
  if (!Array.isArray(meta.appliesTo) || meta.appliesTo.length === 0 || !meta.appliesTo.every((k) => KINDS.has(k))) {
    return `"${meta.id}" has \`meta.appliesTo\` ${JSON.stringify(meta.appliesTo)}; expected a list of "milestone" and "execplan"`;
  }
  if (typeof meta.docsUrl !== "string") return `"${meta.id}" has no \`meta.docsUrl\``;
  if (meta.scope !== undefined && meta.scope !== "file" && meta.scope !== "project") return `"${meta.id}" has \`meta.scope\` ${JSON.stringify(meta.scope)}; expected "file" or "project"`;
  return optionsProblem(meta);
}

/** A rule's `optionsSchema` is compiled when its plugin loads (as ESLint does), and its `defaultOptions` checked against it. */
function optionsProblem(meta: Rule["meta"]): string | undefined {
  const { optionsSchema: schema, defaultOptions } = meta;
  if (schema === undefined) return undefined;
  if (schema === null || typeof schema !== "object") return `"${meta.id}" has \`meta.optionsSchema\` ${JSON.stringify(schema)}; expected a JSON Schema object`;
  let validate;
  try {
    validate = optionsValidator(schema);
  } catch (error) {
    return `"${meta.id}" has an invalid \`meta.optionsSchema\` (${firstLine(error)})`;
  }
  if (defaultOptions !== undefined && !validate(defaultOptions)) {
    const error = validate.errors?.[0];
    return `"${meta.id}" has \`meta.defaultOptions\` that its optionsSchema rejects (${error ? `${error.instancePath || "the options"} ${error.message ?? "is invalid"}` : "invalid"})`;
  }
  return undefined;
}

/** Loads the plugins a config names (paths relative to `dir`); `taken` are the ids already in use. */
export async function loadPlugins(specifiers: readonly string[], dir: string, shown: string, taken: ReadonlySet<string>): Promise<Rule[]> {
  const rules: Rule[] = [];
  const ids = new Set(taken);
  for (const specifier of specifiers) {
    const fail = (reason: string) => new UsageError(`${shown}: plugin "${specifier}" ${reason}`);
    if (!/^\.{1,2}[\\/]/.test(specifier) && !path.isAbsolute(specifier)) {
      throw fail(`is not a path; write it relative to the config file, e.g. "./${specifier}"`);
    }
    const file = path.resolve(dir, specifier);
    checkModuleFile(file, `${shown}: plugin "${specifier}"`);
    let module: { rules?: unknown; default?: { rules?: unknown } };
    try {
      // a plugin's code may read anything: a run that loads one is not replayed from the cache
      noteUntraceable(`the plugin ${file}`);
      module = (await importModule(pathToFileURL(file).href)) as typeof module;
    } catch (error) {
      throw fail(`could not be loaded (${firstLine(error)})`);
    }
    const exported = module.rules ?? module.default?.rules;
    if (!Array.isArray(exported)) throw fail("does not export `rules`, an array of rules");
    for (const [i, value] of exported.entries()) {
      const problem = ruleProblem(value);
      if (problem) throw fail(`rule ${i + 1} ${problem}`);
      const rule = value as Rule;
      if (ids.has(rule.meta.id)) throw fail(`defines rule "${rule.meta.id}", which already exists`);
      ids.add(rule.meta.id);
      setRuleOrigin(rule, specifier);
      rules.push(rule);
    }
  }
  return rules;
}
