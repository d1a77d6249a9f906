/**
 * The command line as ESLint users write it: node's parseArgs underneath, with
 * ESLint's spellings accepted as aliases, a mistyped option answered in one line
 * with the option most likely meant, and `--rule 'id: severity'` read.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../shared/errors.js";
import { didYouMean } from "../shared/suggest.js";
import type { RuleEntry } from "../config/config-files.js";
import { severityOf } from "../config/config.js";

const OPTIONS = {
  init: { type: "boolean" },
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  config: { type: "string", short: "c" },
  "no-config-lookup": { type: "boolean" },
  rule: { type: "string", multiple: true },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  cache: { type: "boolean" },
  "cache-location": { type: "string" },
  "cache-strategy": { type: "string" },
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
  debug: { type: "boolean" },
  "env-info": { type: "boolean" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const;

/** ESLint's (and markdownlint-cli2's) names for our options. */
const ALIASES: Record<string, keyof typeof OPTIONS> = {
  "report-unused-disable-directives": "report-unused-disables",
};

export type CliValues = ReturnType<typeof parse>["values"];

/** `--max-warnings -1`: parseArgs takes a value starting with `-` for an option only when written `--opt=-1`. */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && !name.includes("=") && OPTIONS[name as keyof typeof OPTIONS]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function renameAliases(argv: readonly string[]): string[] {
  return argv.map((arg) => {
    const m = /^--([^=]+)(=.*)?$/.exec(arg);
    const alias = m && ALIASES[m[1] as string];
    return alias ? `--${alias}${m?.[2] ?? ""}` : arg;
  });
}

const KNOWN = [...Object.keys(OPTIONS), ...Object.keys(ALIASES)].map((name) => `--${name}`);

/** parseArgs' several-line messages as one line each. */
function oneLine(error: Error & { code?: string }): UsageError {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  // "'-f, --format <value>' argument missing": the long name
  const option = /--[^\s=,]+/.exec(quoted)?.[0] ?? quoted.split(/[\s,]/)[0] ?? quoted;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const guess = option.startsWith("--") ? didYouMean(option, KNOWN) : undefined;
      return new UsageError(`Unknown option "${option}".${guess ? ` Did you mean "${guess}"?` : ""} Run milestone-lint --help for the options.`);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/does not take an argument/.test(error.message)) return new UsageError(`${option} takes no value`);
      if (/ambiguous/.test(error.message)) return new UsageError(`${option} needs a value; to give one that starts with "-", write ${option}=<value>`);
      return new UsageError(`${option} needs a value`);
    default:
      return new UsageError(error.message.split("\n")[0] ?? error.message);
  }
}

export function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: renameAliases(joinNegativeValues(argv)), allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    if (error instanceof Error && String((error as { code?: string }).code).startsWith("ERR_PARSE_ARGS")) throw oneLine(error);
    throw error;
  }
}

const RULE_FORM = `expected "rule-id: severity" (off, warn, error, or 0, 1, 2) or "rule-id: [severity, {…options}]", e.g. --rule 'section-order: off'`;

/**
 * `--rule 'id: severity'`, `--rule 'id: ["error", {"min": 2}]'` or ESLint's
 * `--rule '{"id": "error"}'`; later ones win.
 */
export function parseRuleOptions(values: readonly string[]): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const value of values) {
    const text = value.trim();
    let entries: [string, unknown][];
    if (text.startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`--rule "${value}" is not valid JSON (${(error as Error).message}); ${RULE_FORM}`);
      }
      entries = Object.entries(parsed as Record<string, unknown>);
    } else {
      const colon = text.indexOf(":");
      if (colon <= 0) throw new UsageError(`--rule "${value}": ${RULE_FORM}`);
      const setting = text.slice(colon + 1).trim();
      let parsed: unknown = setting;
      if (setting.startsWith("[")) {
        try {
          parsed = JSON.parse(setting);
        } catch (error) {
          throw new UsageError(`--rule "${value}": the setting is not valid JSON (${(error as Error).message}); ${RULE_FORM}`);
        }
      } else if (/^\d+$/.test(setting)) parsed = Number(setting);
      entries = [[text.slice(0, colon).trim(), parsed]];
    }
    for (const [id, setting] of entries) {
      const list = Array.isArray(setting) ? setting : [setting];
      const [severity, options] = list as [unknown, unknown];
      if (severityOf(severity) === undefined || list.length > 2 || (options !== undefined && (options === null || typeof options !== "object" || Array.isArray(options)))) {
        throw new UsageError(`--rule "${value}": ${RULE_FORM}`);
      }
      rules[id] = (options === undefined ? severity : [severity, options]) as RuleEntry;
    }
  }
  return rules;
}
