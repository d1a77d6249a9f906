/**
 * `milestone-lint [options] [paths…]`. Exit 0: no errors; 1: errors found;
 * 2: the tool could not do its job (one line on stderr, never a stack trace).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { FORMATTERS, SHOWS_TREE } from "../report/index.js";
import { UsageError } from "../shared/errors.js";
import { VERSION } from "../shared/version.js";
import { writeAtomic } from "../fix/write-atomic.js";
import { configForFile, errorsOnly, lint, lintText, rulesFor } from "../index.js";
import { init } from "./init.js";
import { configWithout } from "../detect/without-config.js";
import type { CacheStrategy, Rule, RuleMeta } from "../shared/types.js";
import { ownCollector, type Concurrency } from "../run/workers.js";
import { didYouMeanSentence } from "../shared/suggest.js";
import { escapeControls } from "../shared/quote.js";
import { parse, parseRuleOptions } from "./args.js";

const HELP = `Usage: milestone-lint [options] [paths…]
       milestone-lint [options] --stdin --stdin-filename <path>

Lint ExecPlan and milestone files under .agent/exec_plans (or .agents/exec_plans),
and the plans of the PLANS.md practice that the config's \`plans\` names.
Paths are files, folders or globs; default: .agent and .agents, whichever exist,
and the folders of the plans. !pattern leaves files out. "-" as the only path
means --stdin.

Without a config file, the tree is linted with the config --init would write, and
a last line says so when that is not the defaults.

Options:
      --init                   Look at the tree, write milestone-lint.config.json to fit it, say why; never overwrites
  -f, --format <name>          Output format: ${Object.keys(FORMATTERS).join(", ")} (default: stylish)
  -o, --output-file <path>     Write the report to this file instead of stdout
  -c, --config <path>          Use this config file instead of looking for one
      --no-config-lookup       Use no config file: the defaults and --rule only
      --rule <id: severity>    Set a rule, over the config: 'section-order: off', 'id: [error, {…}]'
      --fix                    Apply safe fixes and write the files back
                               (with --stdin: print the fixed text; write nothing)
      --fix-dry-run            Print what --fix would change as a unified diff (with --format:
                               the problems left after fixing); write nothing
      --stdin                  Lint the text on standard input instead of files
      --stdin-filename <path>  Where the --stdin text lives: its place in the tree,
                               config and whole-tree rules apply as if it were there
      --cache                  Reuse results of unchanged files from the cache file
      --cache-location <path>  Cache file, or folder for it (default: .milestonelintcache)
      --cache-strategy <name>  How a file is known unchanged: metadata (its stat: size, times,
                               inode; the file is not opened) or content (read and hashed);
                               default: metadata
      --concurrency <n|auto|off>
                               Threads for per-file rules, this one included (default: auto)
      --now <date>             Today as YYYY-MM-DD, for rules that compare with today
      --layout <name>          template, upstream or auto (default): report files not in the forced layout
      --quiet                  Report errors only
      --max-warnings <n>       Exit 1 when there are more than n warnings (-1: no limit)
      --report-unused-disables Report milestone-lint-disable comments that suppress nothing
                               (also --report-unused-disable-directives)
      --color                  Force colours on (so does FORCE_COLOR)
      --no-color               Force colours off (NO_COLOR and FORCE_COLOR=0 too)
      --print-config <file>    Print the configuration that applies to <file> and exit
      --list-rules             Print the rules (plugins included), their severity and docs, and exit
      --debug                  Print on stderr each file's config, timings per phase and rule, crash stacks
      --env-info               Print the versions and platform, for a bug report, and exit
  -v, --version                Print the version and exit
  -h, --help                   Print this help and exit

Exit status: 0 no errors, 1 errors found, 2 the tool could not run.
`;

/** `--color`/`--no-color`, then FORCE_COLOR (as --color; 0 or false: off), then NO_COLOR, then whether it is a TTY. */
function useColor(flags: { color?: boolean; "no-color"?: boolean }, tty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flags["no-color"]) return false;
  if (flags.color) return true;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return tty;
}

/** `--output-file`: the whole report or nothing (created or replaced atomically), its folder made if missing. */
async function writeReport(file: string, report: string): Promise<void> {
  const target = path.resolve(file);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeAtomic(target, report, { create: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "EISDIR" ? "it is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOTDIR" || code === "EEXIST" ? "a parent of it is not a directory" : ((error as Error).message ?? String(error));
    throw new UsageError(`Cannot write the report to ${file}: ${reason}`);
  }
}

/** One line a rule: id, default severity, whether it fixes, what it checks, and where its documentation is. */
function listRules(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return (
    rules
      .map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.fixable ? "fix" : "   "}  ${r.meta.description}  ${r.meta.docsUrl}`)
      .join("\n") + "\n"
  );
}

/** `--stdin`, or `-` as the only path; refuses the mixes that cannot mean anything. */
function stdinFile(values: { stdin?: boolean; "stdin-filename"?: string }, positionals: string[]): string | undefined {
  const dash = positionals.includes("-");
  if (dash && positionals.length > 1) throw new UsageError("`-` (standard input) must be the only path");
  const stdin = values.stdin === true || dash;
  const file = values["stdin-filename"];
  if (!stdin) {
    if (file !== undefined) throw new UsageError("--stdin-filename names the file --stdin lints; add --stdin");
    return undefined;
  }
  if (positionals.length > 0 && !dash) throw new UsageError("--stdin lints standard input only; give no paths");
  if (file === undefined) throw new UsageError("--stdin needs --stdin-filename <path>: where the text lives decides its rules, config and tree");
  return file;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseConcurrency(value: string): Concurrency {
  if (value === "auto" || value === "off") return value;
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new UsageError(`--concurrency must be a number of threads, "auto" or "off", got "${value}"`);
}

export async function main(argv: string[]): Promise<number> {
  // this process is the CLI's own: its collector may be tuned for the threads that lint (src/run/workers.ts)
  ownCollector();
  const { values, positionals } = parse(argv);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.init) {
    if (positionals.length > 0) throw new UsageError("--init takes no paths: it looks at the folder it runs in");
    process.stdout.write(await init(process.cwd()));
    return 0;
  }
  if (values.config !== undefined && values["no-config-lookup"]) throw new UsageError("--config and --no-config-lookup cannot be used together");
  const overrideRules = values.rule ? parseRuleOptions(values.rule) : undefined;
  // without any config file, the tree is linted as --init would configure it (lint() looks itself, sharing its walk of the tree)
  const lookup = values.config === undefined && !values["no-config-lookup"];
  const showsConfig = values["env-info"] || values["print-config"] !== undefined || values["list-rules"];
  const without = lookup && showsConfig ? await configWithout(process.cwd()) : undefined;
  const configOption = {
    // --no-config-lookup: an empty inline config, the defaults
    ...(values.config !== undefined ? { config: values.config } : values["no-config-lookup"] ? { config: {} } : {}),
    ...(without ? { defaults: without.defaults } : {}),
    ...(overrideRules ? { overrideRules } : {}),
  };
  if (values["env-info"]) {
    process.stdout.write(await (await import("./env-info.js")).envInfo(configOption));
    return 0;
  }
  if (values["print-config"] !== undefined) {
    process.stdout.write(`${JSON.stringify(await configForFile(values["print-config"], configOption), null, 2)}\n`);
    return 0;
  }
  if (values["list-rules"]) {
    process.stdout.write(listRules(await rulesFor(configOption)));
    return 0;
  }
  if (values.fix && values["fix-dry-run"]) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  const maxWarnings = values["max-warnings"];
  // -1 is ESLint's "no limit"
  if (maxWarnings !== undefined && !/^(\d+|-1)$/.test(maxWarnings)) {
    throw new UsageError(`--max-warnings must be a whole number (or -1 for no limit), got "${maxWarnings}"`);
  }
  const format = values.format ?? "stylish";
  const loadFormatter = FORMATTERS[format];
  if (!loadFormatter) {
    throw new UsageError(`Unknown format "${format}"; expected one of: ${Object.keys(FORMATTERS).join(", ")}.${didYouMeanSentence(format, Object.keys(FORMATTERS))}`);
  }
  const stdinPath = stdinFile(values, positionals);
  const stdin = stdinPath === undefined ? undefined : { path: path.resolve(stdinPath), bytes: await readStdin() };
  const options = {
    cache: values.cache ?? false,
    ...(values["cache-location"] !== undefined ? { cacheLocation: values["cache-location"] } : {}),
    // lint() checks the value
    ...(values["cache-strategy"] !== undefined ? { cacheStrategy: values["cache-strategy"] as CacheStrategy } : {}),
    concurrency: parseConcurrency(values.concurrency),
    // lint() checks the value
    ...(values.layout !== undefined ? { layout: values.layout } : {}),
    ...(values.now !== undefined ? { now: values.now } : {}),
    ...configOption,
    // with --stdin, --fix prints the fixed text: no file is written
    fix: (values.fix ?? false) && !stdin,
    fixDryRun: (values["fix-dry-run"] ?? false) || (stdin !== undefined && values.fix === true),
    reportUnusedDisables: values["report-unused-disables"] ?? false,
    ...(values.debug ? { debug: true } : {}),
    ...(SHOWS_TREE.has(format) ? {} : { tree: false }),
    ...(lookup ? { detectDefaults: true } : {}),
  };
  const result = stdin
    ? await lintText(stdin.bytes, { ...options, filePath: stdin.path })
    : await lint({ ...options, ...(positionals.length > 0 ? { patterns: positionals } : {}) });
  for (const warning of result.warnings ?? []) process.stderr.write(`milestone-lint: warning: ${escapeControls(warning)}.\n`);
  const outputFile = values["output-file"];
  const started = performance.now();
  const formatted = async (): Promise<string> => {
    const rules: Record<string, RuleMeta> = {};
    for (const r of await rulesFor(configOption)) rules[r.meta.id] = r.meta;
    const formatter = await loadFormatter();
    // a file gets colours only when asked for (--color, FORCE_COLOR), whatever stdout is
    const color = useColor(values, outputFile === undefined && process.stdout.isTTY === true);
    const overrides = stdin ? { overrides: new Map([[stdin.path, stdin.bytes]]) } : {};
    return formatter(values.quiet ? errorsOnly(result) : result, { cwd: process.cwd(), color, rules, version: VERSION, ...overrides });
  };
  if (stdin && values.fix) {
    // the text, fixed or as it came (never nothing: an editor replaces its buffer with it); the report goes to --output-file only
    process.stdout.write(result.files[0]?.output ?? stdin.bytes);
    if (outputFile !== undefined) await writeReport(outputFile, await formatted());
  } else {
    // --fix-dry-run alone is a diff; with a --format, the fixed output and the problems that remain, as in ESLint
    const diff = values["fix-dry-run"] && values.format === undefined;
    const report = diff ? (await import("../fix/unified-diff.js")).fixDiff(result) : await formatted();
    if (outputFile !== undefined) await writeReport(outputFile, report);
    // a diff keeps the files' bytes for `git apply`, but a person at a terminal sees no raw control sequence
    else process.stdout.write(diff && process.stdout.isTTY === true ? escapeControls(report, "\t\r\n") : report);
  }
  if (result.trace) process.stderr.write((await import("./debug.js")).debugReport(result.trace, performance.now() - started));
  if (result.notice) process.stderr.write(result.notice);
  if (result.internalErrors > 0) return 2;
  if (result.errorCount > 0) return 1;
  // as in ESLint, --max-warnings counts the warnings --quiet hides
  if (maxWarnings !== undefined && maxWarnings !== "-1" && result.warningCount > Number(maxWarnings)) {
    process.stderr.write(`milestone-lint: ${result.warningCount} warnings, more than --max-warnings ${maxWarnings} allows.\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError;
    const message = error instanceof Error ? error.message : String(error);
    // a usage error may name a path or a value from the tree: never printed raw
    process.stderr.write(`milestone-lint: ${escapeControls(known ? message : `internal error: ${message}`)}\n`);
    if (!known && error instanceof Error && process.argv.includes("--debug")) process.stderr.write(`${error.stack ?? ""}\n`);
    process.exitCode = 2;
  },
);
