/**
 * `milestone-lint [options] [paths…]`. Exit 0: no errors; 1: errors found;
 * 2: the tool could not do its job (one line on stderr, never a stack trace).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { FORMATTERS } from "../report/index.js";
import { UsageError } from "../shared/errors.js";
import { VERSION } from "../shared/version.js";
import { writeAtomic } from "../fix/write-atomic.js";
import { configForFile, errorsOnly, lint, rulesFor } from "../index.js";
import type { Rule, RuleMeta } from "../shared/types.js";
import type { Concurrency } from "../run/workers.js";

const HELP = `Usage: milestone-lint [options] [paths…]

Lint ExecPlan and milestone files under .agent/exec_plans, and the plans of the
PLANS.md practice that the config's \`plans\` names.
Paths are files, folders or globs; default: .agent and the folders of the plans

Options:
  -f, --format <name>          Output format: ${Object.keys(FORMATTERS).join(", ")} (default: stylish)
  -o, --output-file <path>     Write the report to this file instead of stdout
  -c, --config <path>          Use this config file instead of looking for one
      --fix                    Apply safe fixes and write the files back
      --fix-dry-run            Print what --fix would change as a unified diff; write nothing
      --cache                  Reuse results of unchanged files from the cache file
      --cache-location <path>  Cache file, or folder for it (default: .milestonelintcache)
      --concurrency <n|auto|off>
                               Threads for per-file rules, this one included (default: auto)
      --now <date>             Today as YYYY-MM-DD, for rules that compare with today
      --layout <name>          template, upstream or auto (default): report files not in the forced layout
      --quiet                  Report errors only
      --max-warnings <n>       Exit 1 when there are more than n warnings
      --report-unused-disables Report milestone-lint-disable comments that suppress nothing
      --color                  Force colours on
      --no-color               Force colours off (NO_COLOR is honoured too)
      --print-config <file>    Print the configuration that applies to <file> and exit
      --list-rules             Print the rules (plugins included) with their default severity and exit
  -v, --version                Print the version and exit
  -h, --help                   Print this help and exit

Exit status: 0 no errors, 1 errors found, 2 the tool could not run.
`;

function useColor(flags: { color?: boolean; "no-color"?: boolean }, tty: boolean): boolean {
  if (flags["no-color"]) return false;
  if (flags.color) return true;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
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

function listRules(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return (
    rules
      .map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.fixable ? "fix" : "   "}  ${r.meta.description}`)
      .join("\n") + "\n"
  );
}

function parseConcurrency(value: string): Concurrency {
  if (value === "auto" || value === "off") return value;
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new UsageError(`--concurrency must be a number of threads, "auto" or "off", got "${value}"`);
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f", default: "stylish" },
      "output-file": { type: "string", short: "o" },
      config: { type: "string", short: "c" },
      fix: { type: "boolean" },
      "fix-dry-run": { type: "boolean" },
      cache: { type: "boolean" },
      "cache-location": { type: "string" },
      concurrency: { type: "string", default: "auto" },
      quiet: { type: "boolean" },
      "max-warnings": { type: "string" },
      "report-unused-disables": { type: "boolean" },
      "print-config": { type: "string" },
      now: { type: "string" },
      layout: { type: "string" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      "list-rules": { type: "boolean" },
      version: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const configOption = values.config !== undefined ? { config: values.config } : {};
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
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) {
    throw new UsageError(`--max-warnings must be a whole number, got "${maxWarnings}"`);
  }
  const loadFormatter = FORMATTERS[values.format];
  if (!loadFormatter) {
    throw new UsageError(`Unknown format "${values.format}"; expected one of: ${Object.keys(FORMATTERS).join(", ")}`);
  }
  const result = await lint({
    cache: values.cache ?? false,
    ...(values["cache-location"] !== undefined ? { cacheLocation: values["cache-location"] } : {}),
    concurrency: parseConcurrency(values.concurrency),
    // lint() checks the value
    ...(values.layout !== undefined ? { layout: values.layout } : {}),
    ...(positionals.length > 0 ? { patterns: positionals } : {}),
    ...(values.now !== undefined ? { now: values.now } : {}),
    ...configOption,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    reportUnusedDisables: values["report-unused-disables"] ?? false,
  });
  const outputFile = values["output-file"];
  let report: string;
  if (values["fix-dry-run"]) {
    report = (await import("../fix/unified-diff.js")).fixDiff(result);
  } else {
    const rules: Record<string, RuleMeta> = {};
    for (const r of await rulesFor(configOption)) rules[r.meta.id] = r.meta;
    const formatter = await loadFormatter();
    // a file gets colours only when asked for with --color, whatever stdout is
    const color = useColor(values, outputFile === undefined && process.stdout.isTTY === true);
    report = formatter(values.quiet ? errorsOnly(result) : result, { cwd: process.cwd(), color, rules, version: VERSION });
  }
  if (outputFile !== undefined) await writeReport(outputFile, report);
  else process.stdout.write(report);
  if (result.internalErrors > 0) return 2;
  if (result.errorCount > 0) return 1;
  // as in ESLint, --max-warnings counts the warnings --quiet hides
  if (maxWarnings !== undefined && result.warningCount > Number(maxWarnings)) {
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
    const known = error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`milestone-lint: ${known ? message : `internal error: ${message}`}\n`);
    process.exitCode = 2;
  },
);
