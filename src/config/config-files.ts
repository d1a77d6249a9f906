/**
 * Where configuration lives and how each kind of file is read. In one folder the
 * first of CONFIG_FILE_NAMES that exists wins; walking up from a linted file, the
 * nearest folder with one wins (configs do not cascade).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import stripJsonComments from "strip-json-comments";
import { UsageError } from "../shared/errors.js";
import { existsOnDisk, type Exists } from "../shared/folders.js";
import { LineIndex } from "../source/line-index.js";
import { importModule } from "../shared/import-module.js";
import type { JsonSchema } from "./schemas.js";
import type { SkeletonInput } from "../source/plan-sections.js";
import type { ResolvedConfig, SeveritySetting } from "../shared/types.js";

/** A severity as a config may write it: ESLint's 0, 1, 2 are `off`, `warn`, `error`. */
export type SeverityInput = SeveritySetting | 0 | 1 | 2;
export type RuleEntry = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

/** A configuration as written; `schemas/config.schema.json` is its schema. */
export interface ConfigFile {
  $schema?: string;
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  schema?: { mode?: "extend" | "replace"; milestone?: string | JsonSchema; execplan?: string | JsonSchema };
  ignores?: string[];
  layout?: ResolvedConfig["layout"];
  gitignore?: boolean;
  plugins?: string[];
  plans?: PlansConfig;
}

/** The config's `plans` as written: the plans of the PLANS.md practice. */
export interface PlansConfig {
  document?: string;
  files: string[];
  ignores?: string[];
  active?: string[];
  completed?: string[];
  skeleton?: SkeletonInput;
}

/** In order of precedence within one folder. */
export const CONFIG_FILE_NAMES = [
  "milestone-lint.config.json",
  "milestone-lint.config.jsonc",
  "milestone-lint.config.mjs",
  "milestone-lint.config.js",
  ".milestonelintrc.json",
  ".milestonelintrc.jsonc",
  "package.json",
] as const;

/** The key of package.json that holds the configuration. */
export const PACKAGE_KEY = "milestone-lint";

function hasPackageKey(file: string): boolean {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return data !== null && typeof data === "object" && Object.hasOwn(data, PACKAGE_KEY);
  } catch {
    // a package.json that does not parse is npm's problem, not a config of ours
    return false;
  }
}

/** The config file in `dir` itself, if any. */
export function configFileIn(dir: string, exists: Exists = existsOnDisk): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    if (!exists(dir, name)) continue;
    const file = path.join(dir, name);
    if (name === "package.json" && !hasPackageKey(file)) continue;
    return file;
  }
  return undefined;
}

/** The config file that applies in `dir`: the first one in it or in a folder above it. */
export function nearestConfigFile(dir: string, exists: Exists = existsOnDisk): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = configFileIn(current, exists);
    if (file || path.dirname(current) === current) return file;
  }
}

/** "Unexpected token } in JSON at position 42" → "line 3, column 5: Unexpected token }". */
function jsonError(text: string, error: Error): string {
  const message = error.message.replace(/\s*\(line \d+ column \d+\)$/, "");
  const at = /at position (\d+)/.exec(message);
  if (!at) return message;
  const { line, column } = new LineIndex(text).position(Number(at[1]));
  return `line ${line}, column ${column}: ${message.replace(/,? in JSON at position \d+/, "")}`;
}

/** Reads a config file as it is written (its shape is checked later). `shown` names it in errors. */
export async function readConfigFile(file: string, shown: string): Promise<unknown> {
  const ext = path.extname(file);
  if (ext === ".js" || ext === ".mjs") {
    let module: { default?: unknown };
    try {
      module = (await importModule(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw new UsageError(`${shown}: cannot be loaded (${firstLine(error)})`);
    }
    if (module.default === undefined) throw new UsageError(`${shown}: has no default export; export the configuration object as default`);
    return module.default;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`);
  }
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const isPackage = path.basename(file) === "package.json";
  // comments in .json and .jsonc, as markdownlint-cli2 and VS Code accept; blanked, so that error positions still hold
  const body = isPackage ? unmarked : stripJsonComments(unmarked);
  if (body.trim() === "") {
    throw new UsageError(`${shown}: the file is empty${unmarked.trim() === "" ? "" : " (comments only)"}; write a configuration object, e.g. { "extends": ["recommended"] }, or delete the file`);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new UsageError(`${shown}: invalid JSON at ${jsonError(body, error as Error)}`);
  }
  if (isPackage) return (data as Record<string, unknown>)[PACKAGE_KEY];
  return data;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
