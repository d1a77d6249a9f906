/**
 * Where configuration lives and how each kind of file is read. In one folder the
 * first of CONFIG_FILE_NAMES that exists wins; walking up from a linted file, the
 * nearest folder with one wins (configs do not cascade).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import stripJsonComments from "strip-json-comments";
import { UsageError } from "../shared/errors.js";
import { existsOnDisk, type Exists } from "../shared/folders.js";
import { findJsonError } from "../source/json-error.js";
import { LineIndex } from "../source/line-index.js";
import { checkRegularFile, FileRefused, readTextBounded, refusalOf } from "../source/read-file.js";
import { importModule } from "../shared/import-module.js";
import { noteUntraceable } from "../shared/fs-trace.js";
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

/** Config files, schemas and package.json are a few KiB; more than this is not read. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

function hasPackageKey(file: string): boolean {
  try {
    const data = JSON.parse(readTextBounded(file, CONFIG_MAX_BYTES)) as unknown;
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

/**
 * Whether the search for a config file stops at `dir`, once it is looked in: at the
 * repository root (the folder holding `.git`), so that a config file above the
 * repository, someone else's (a `.mjs` one would run), is never found; outside a
 * repository, at the file system's root.
 */
export function configSearchStopsAt(dir: string, exists: Exists = existsOnDisk): boolean {
  return path.dirname(dir) === dir || exists(dir, ".git");
}

/** The config file that applies in `dir`: the first one in it or in a folder above it, up to the repository root. */
export function nearestConfigFile(dir: string, exists: Exists = existsOnDisk): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const file = configFileIn(current, exists);
    if (file || configSearchStopsAt(current, exists)) return file;
  }
}

/**
 * Where and why `text` is not JSON, as "line 3, column 5: expected …". Not V8's
 * message: it quotes the text around the error, and a path pointing at a file that
 * is not ours (a system file) must not print its content.
 */
export function jsonError(text: string): string {
  const found = findJsonError(text) ?? { offset: 0, message: "it does not parse" };
  const { line, column } = new LineIndex(text).position(found.offset);
  return `line ${line}, column ${column}: ${found.message}`;
}

/** Reads a configuration file (a config, a schema) as text. `what` names it in errors ("nope.json:"). */
export function readConfigText(file: string, what: string): string {
  try {
    return readTextBounded(file, CONFIG_MAX_BYTES);
  } catch (error) {
    throw new UsageError(`${what} cannot be read (${refusalOf(error).message})`);
  }
}

/** Refuses to import what is not a regular file: `import()` of a named pipe waits forever. */
export function checkModuleFile(file: string, what: string): void {
  try {
    checkRegularFile(file);
  } catch (error) {
    // a missing module is left to import(), which says it best
    if (error instanceof FileRefused && error.reason !== "missing") throw new UsageError(`${what} cannot be loaded (${error.message})`);
  }
}

/** Reads a config file as it is written (its shape is checked later). `shown` names it in errors. */
export async function readConfigFile(file: string, shown: string): Promise<unknown> {
  const ext = path.extname(file);
  if (ext === ".js" || ext === ".mjs") {
    checkModuleFile(file, `${shown}:`);
    let module: { default?: unknown };
    try {
      // a JavaScript config may compute anything: a run that loads one is not replayed from the cache
      noteUntraceable(`the JavaScript config ${file}`);
      module = (await importModule(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw new UsageError(`${shown}: cannot be loaded (${firstLine(error)})`);
    }
    if (module.default === undefined) throw new UsageError(`${shown}: has no default export; export the configuration object as default`);
    return module.default;
  }
  const unmarked = readConfigText(file, `${shown}:`);
  const isPackage = path.basename(file) === "package.json";
  // comments in .json and .jsonc, as markdownlint-cli2 and VS Code accept; blanked, so that error positions still hold
  const body = isPackage ? unmarked : stripJsonComments(unmarked);
  if (body.trim() === "") {
    throw new UsageError(`${shown}: the file is empty${unmarked.trim() === "" ? "" : " (comments only)"}; write a configuration object, e.g. { "extends": ["recommended"] }, or delete the file`);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new UsageError(`${shown}: invalid JSON at ${jsonError(body)}`);
  }
  if (isPackage) return (data as Record<string, unknown>)[PACKAGE_KEY];
  return data;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
