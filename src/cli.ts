#!/usr/bin/env node
/**
 * `milestone-lint [options] [paths…]`. Exit 0: no errors; 1: errors found;
 * 2: the tool could not do its job (one line on stderr, never a stack trace).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { FORMATTERS } from "./formatters/index.js";
import { UsageError } from "./errors.js";
import { VERSION } from "./version.js";
import { writeAtomic } from "./write-atomic.js";
import { builtinRules, lint } from "./index.js";
import type { ResolvedConfig, RuleMeta } from "./types.js";

const HELP = `Usage: milestone-lint [options] [paths…]

Lint ExecPlan and milestone files under .agent/exec_plans.
Paths are files, folders or globs; default: .agent

Options:
  -f, --format <name>   Output format: ${Object.keys(FORMATTERS).join(", ")} (default: stylish)
  -o, --output-file <path>
                        Write the report to this file instead of stdout
      --fix             Apply safe fixes and write the files back
      --now <date>      Today as YYYY-MM-DD, for rules that compare with today
      --layout <name>   template, upstream or auto (default): report files not in the forced layout
      --color           Force colours on
      --no-color        Force colours off (NO_COLOR is honoured too)
      --list-rules      Print the rules with their default severity and exit
  -v, --version         Print the version and exit
  -h, --help            Print this help and exit

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

function listRules(): string {
  const width = Math.max(...builtinRules.map((r) => r.meta.id.length));
  return (
    builtinRules
      .map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.fixable ? "fix" : "   "}  ${r.meta.description}`)
      .join("\n") + "\n"
  );
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f", default: "stylish" },
      "output-file": { type: "string", short: "o" },
      fix: { type: "boolean" },
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
  if (values["list-rules"]) {
    process.stdout.write(listRules());
    return 0;
  }
  const loadFormatter = FORMATTERS[values.format];
  if (!loadFormatter) {
    throw new UsageError(`Unknown format "${values.format}"; expected one of: ${Object.keys(FORMATTERS).join(", ")}`);
  }
  const result = await lint({
    // lint() checks the value
    ...(values.layout !== undefined ? { config: { layout: values.layout as ResolvedConfig["layout"] } } : {}),
    patterns: positionals.length > 0 ? positionals : [".agent"],
    ...(values.now !== undefined ? { now: values.now } : {}),
    fix: values.fix ?? false,
  });
  const rules: Record<string, RuleMeta> = {};
  for (const r of builtinRules) rules[r.meta.id] = r.meta;
  const formatter = await loadFormatter();
  const outputFile = values["output-file"];
  // a file gets colours only when asked for with --color, whatever stdout is
  const color = useColor(values, outputFile === undefined && process.stdout.isTTY === true);
  const report = formatter(result, { cwd: process.cwd(), color, rules, version: VERSION });
  if (outputFile !== undefined) await writeReport(outputFile, report);
  else process.stdout.write(report);
  if (result.internalErrors > 0) return 2;
  return result.errorCount > 0 ? 1 : 0;
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
