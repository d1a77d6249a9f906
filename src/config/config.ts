/**
 * A configuration as written (a config file, or an inline object given to `lint()`)
 * and its resolution against the presets and the rules that are loaded: severities,
 * options checked against each rule's `optionsSchema`, front matter schemas.
 * Every mistake is a UsageError naming where the config came from.
 */
import path from "node:path";
import { createRequire } from "node:module";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import configSchema from "../../schemas/config.schema.json" with { type: "json" };
import AJV_CONFIG_OPTIONS from "./ajv-config-options.json" with { type: "json" };
import { UsageError } from "../shared/errors.js";
import { firstLine, jsonError, readConfigText, type ConfigFile, type PlansConfig, type RuleEntry } from "./config-files.js";
import { precompiled } from "./precompiled-config-schema.js";
import { PLAN_PRESETS, PRESETS } from "./presets.js";
import { completeSkeleton } from "../source/plan-sections.js";
import { BUNDLED_SCHEMAS, validatorFor, type JsonSchema } from "./schemas.js";
import { didYouMeanSentence } from "../shared/suggest.js";
import type { Place, PlanSettings, ResolvedConfig, Rule, RuleSetting, SeveritySetting } from "../shared/types.js";

/** Where a config came from: its file (or a label such as "inline config") and the folder its paths are relative to. */
export interface ConfigSource {
  name: string;
  dir: string;
}

/** The configuration a run uses when nothing else is said: every rule at its default severity. */
export function defaultConfig(): ResolvedConfig {
  return { rules: {}, layout: "auto", ignores: [], gitignore: true };
}

// ajv's compiler costs a start ~100 ms (it compiles its meta-schema first), so it is
// loaded only for what was not compiled at build time: rule options a config sets.
// Its options say verbose: errors carry the offending value, for "did you mean".
let ajv: Ajv | undefined;
function compile(schema: object): ValidateFunction {
  if (!ajv) {
    const { Ajv: AjvClass } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
    ajv = new AjvClass(AJV_CONFIG_OPTIONS);
  }
  return ajv.compile(schema);
}
let validateConfigShape = precompiled.config;
const optionValidators = new WeakMap<object, ValidateFunction>();

function where(instancePath: string): string {
  return instancePath === "" ? "the config" : `\`${instancePath.slice(1).replace(/\//g, ".")}\``;
}

function explain(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties") return `unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[]).map(String);
    const hint = typeof error.data === "string" ? didYouMeanSentence(error.data, allowed) : "";
    return `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(", ")}${hint ? `.${hint}` : ""}`;
  }
  return error.message ?? "is invalid";
}

/** Checks a config's shape against schemas/config.schema.json. */
export function checkConfigShape(value: unknown, source: ConfigSource): ConfigFile {
  validateConfigShape ??= compile(configSchema);
  if (validateConfigShape(value)) return value as ConfigFile;
  const error = validateConfigShape.errors?.[0];
  if (!error) throw new UsageError(`${source.name}: the config is invalid`);
  const rule = /^\/rules\/([^/]+)/.exec(error.instancePath);
  if (rule) {
    const id = (rule[1] ?? "").replace(/~1/g, "/").replace(/~0/g, "~");
    throw new UsageError(
      `${source.name}: rule "${id}" must be "off", "warn", "error" (or 0, 1, 2) or ["error", { …options }], not ${JSON.stringify((value as ConfigFile).rules?.[id])}`,
    );
  }
  if (error.instancePath === "" && error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys(configSchema.properties);
    throw new UsageError(`${source.name}: unknown setting "${key}"; expected one of: ${known.join(", ")}.${didYouMeanSentence(key, known)}`);
  }
  throw new UsageError(`${source.name}: ${where(error.instancePath)} ${explain(error)}`);
}

function readSchemaFile(file: string, source: ConfigSource): JsonSchema {
  const what = `${source.name}: schema file "${file}"`;
  const text = readConfigText(path.resolve(source.dir, file), what);
  try {
    return JSON.parse(text) as JsonSchema;
  } catch {
    throw new UsageError(`${what} is not valid JSON (at ${jsonError(text)})`);
  }
}

/** `extend`: the given properties replace or add to the base ones; `required`, when given, replaces the base list. */
function extendSchema(base: JsonSchema, extension: JsonSchema): JsonSchema {
  return { ...base, ...extension, properties: { ...base.properties, ...extension.properties } };
}

const SEVERITY_NUMBERS: readonly SeveritySetting[] = ["off", "warn", "error"];

/** A severity as written: `off`, `warn`, `error`, or ESLint's 0, 1, 2; undefined for anything else. */
export function severityOf(value: unknown): SeveritySetting | undefined {
  if (value === "off" || value === "warn" || value === "error") return value;
  return typeof value === "number" ? SEVERITY_NUMBERS[value] : undefined;
}

function entrySetting(entry: RuleEntry): { severity: SeveritySetting; options?: Record<string, unknown> } {
  const [written, options] = Array.isArray(entry) ? entry : [entry];
  // the config schema let only these through
  const severity = severityOf(written) as SeveritySetting;
  return options === undefined ? { severity } : { severity, options };
}

function presetNames(value: ConfigFile["extends"], source: ConfigSource): string[] {
  const names = value === undefined ? [] : typeof value === "string" ? [value] : value;
  const known = Object.keys(PRESETS);
  for (const name of names) {
    if (!Object.hasOwn(PRESETS, name)) {
      throw new UsageError(`${source.name}: unknown preset "${name}" in \`extends\`; expected one of: ${known.join(", ")}.${didYouMeanSentence(name, known)}`);
    }
  }
  return names;
}

/** The validator of a rule's `optionsSchema`, compiled once; throws ajv's error for a schema that is not valid. */
export function optionsValidator(schema: object): ValidateFunction {
  let validate = optionValidators.get(schema);
  if (!validate) optionValidators.set(schema, (validate = compile(schema)));
  return validate;
}

function checkOptions(rule: Rule, options: Record<string, unknown>, source: ConfigSource): void {
  const schema = rule.meta.optionsSchema;
  if (!schema) {
    if (Object.keys(options).length > 0) throw new UsageError(`${source.name}: rule "${rule.meta.id}" takes no options`);
    return;
  }
  let validate: ValidateFunction;
  try {
    validate = optionsValidator(schema);
  } catch (error) {
    throw new UsageError(`${source.name}: rule "${rule.meta.id}" has an invalid optionsSchema (${(error as Error).message})`);
  }
  if (validate(options)) return;
  const error = validate.errors?.[0];
  if (error?.instancePath === "" && error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys((schema as { properties?: object }).properties ?? {});
    const expected = known.length > 0 ? `; its options are: ${known.join(", ")}.${didYouMeanSentence(key, known)}` : "";
    throw new UsageError(`${source.name}: rule "${rule.meta.id}" has no option "${key}"${expected}`);
  }
  const at = error && error.instancePath !== "" ? `option ${where(error.instancePath)}` : "options";
  throw new UsageError(`${source.name}: rule "${rule.meta.id}": ${at} ${error ? explain(error) : "are invalid"}`);
}

/**
 * Presets (in `extends` order), then the config's own settings. A severity given
 * without options keeps the options set before it; options given replace them.
 */
export function resolveConfig(config: ConfigFile, source: ConfigSource, rules: readonly Rule[], overrides?: Record<string, RuleEntry>): ResolvedConfig {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const settings: Record<string, { severity: SeveritySetting; options?: Record<string, unknown> }> = {};
  const schemas: Partial<Record<Place["kind"], JsonSchema>> = {};
  const layers: { config: ConfigFile; preset: boolean }[] = [
    ...presetNames(config.extends, source).map((name) => ({ config: PRESETS[name] as ConfigFile, preset: true })),
    { config, preset: false },
    // `--rule` on the command line: after the file, as a severity alone keeping the options set before
    ...(overrides ? [{ config: { rules: overrides }, preset: false }] : []),
  ];
  for (const layer of layers) {
    for (const [id, entry] of Object.entries(layer.config.rules ?? {})) {
      if (!byId.has(id)) {
        if (layer.preset) continue;
        throw new UsageError(`${source.name}: unknown rule "${id}".${didYouMeanSentence(id, [...byId.keys()])}`);
      }
      const next = entrySetting(entry);
      const options = next.options ?? settings[id]?.options;
      settings[id] = options === undefined ? { severity: next.severity } : { severity: next.severity, options };
    }
    const schema = layer.config.schema;
    for (const kind of ["milestone", "execplan"] as const) {
      const given = schema?.[kind];
      if (given === undefined) continue;
      const loaded = typeof given === "string" ? readSchemaFile(given, source) : given;
      const merged = schema?.mode === "replace" ? loaded : extendSchema(schemas[kind] ?? BUNDLED_SCHEMAS[kind], loaded);
      // two compiled schemas may not share an $id in one ajv instance (the bundled one has it)
      const { $id: _id, ...own } = merged;
      schemas[kind] = own;
      compileSchema(own, `the ${kind} schema`, source);
    }
  }

  const plans = config.plans && resolvePlans(config.plans, source);
  const planPreset = presetNames(config.extends, source).find((name) => PLAN_PRESETS.has(name));
  if (!plans && planPreset) {
    throw new UsageError(
      `${source.name}: the "${planPreset}" preset lints the plans that \`plans.files\` names, but this config has no \`plans\`; run \`milestone-lint --init\` to write it.`,
    );
  }
  const skeleton = plans?.skeleton;
  const resolved: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    const setting = settings[rule.meta.id];
    // a rule that declares a `schemas` option receives the config's front matter schemas, one with `skeleton` its plans' skeleton
    const takesSchemas = Object.keys(schemas).length > 0 && hasOption(rule, "schemas");
    const takesSkeleton = skeleton !== undefined && hasOption(rule, "skeleton");
    if (!setting && !takesSchemas && !takesSkeleton) continue;
    const options = { ...rule.meta.defaultOptions, ...(takesSchemas ? { schemas } : {}), ...(takesSkeleton ? { skeleton } : {}), ...setting?.options };
    // a rule's defaults are its own; only options a config gives need checking
    if (setting?.options !== undefined || takesSchemas || takesSkeleton) checkOptions(rule, options, source);
    // compiled now, so that a bad schema is a config error rather than a rule crashing on every file
    if (takesSchemas || hasOption(rule, "schemas")) {
      for (const [kind, schema] of Object.entries((options.schemas ?? {}) as Record<string, JsonSchema>)) {
        compileSchema(schema, `rule "${rule.meta.id}": the ${kind} schema`, source);
      }
    }
    resolved[rule.meta.id] = { severity: setting?.severity ?? rule.meta.severity, options };
  }
  return {
    rules: resolved,
    layout: config.layout ?? "auto",
    ignores: config.ignores ?? [],
    gitignore: config.gitignore ?? true,
    ...(plans ? { plans } : {}),
  };
}

/** The config's `plans` with its defaults: paths stay patterns, relative to the config's folder. */
function resolvePlans(plans: PlansConfig, source: ConfigSource): PlanSettings {
  return {
    root: source.dir,
    ...(plans.document !== undefined ? { document: plans.document } : {}),
    files: plans.files,
    ignores: plans.ignores ?? [],
    active: plans.active ?? [],
    completed: plans.completed ?? [],
    ...(plans.skeleton ? { skeleton: completeSkeleton(plans.skeleton) } : {}),
  };
}

function compileSchema(schema: JsonSchema, what: string, source: ConfigSource): void {
  try {
    validatorFor(schema);
  } catch (error) {
    throw new UsageError(`${source.name}: ${what} is not a valid JSON Schema (${firstLine(error)})`);
  }
}

function hasOption(rule: Rule, name: string): boolean {
  const properties = (rule.meta.optionsSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties !== undefined && Object.hasOwn(properties, name);
}
