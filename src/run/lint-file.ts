/**
 * Phase one of a run: every file rule over one file, with its fixes applied when
 * asked. Takes and returns plain data, so it can run in a worker thread. Each step
 * (parse, each rule, the disable comments, each fix pass) that fails becomes a
 * diagnostic on the file, and the others still run.
 */
import type { Root } from "mdast";
import { readFrontMatter } from "../source/front-matter.js";
import { indexEntry } from "../tree/index-entry.js";
import { LineIndex, spanOf } from "../source/line-index.js";
import { BodyNotParsed, parseMarkdown } from "../source/markdown.js";
import { UNREADABLE_FILE } from "../shared/errors.js";
import { applyFixes } from "../fix/fix.js";
import { readDirectives, suppress, type Directive } from "./suppressions.js";
import type {
  Diagnostic,
  FileContext,
  FileRule,
  IndexEntry,
  Report,
  Severity,
  SourceFile,
} from "../shared/types.js";

export interface ActiveRule<R> {
  rule: R;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface FileOutcome {
  diagnostics: Diagnostic[];
  entry: IndexEntry;
  /** Rules that threw on this file. */
  internalErrors: number;
  /** The text after `--fix`, when fixes changed it. */
  fixedText?: string;
  /** The file's `milestone-lint-*` comments; the engine applies them once project rules have run. */
  directives: Directive[];
}

/** `--fix` re-lints after each pass; ESLint stops after 10 passes, and so do we. */
const MAX_FIX_PASSES = 10;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A diagnostic at the start of the file, for what went wrong with the file as a whole. */
function atStart(source: SourceFile, ruleId: string, message: string): Diagnostic {
  return { file: source.displayPath, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, severity: "error", message };
}

function runRules(source: SourceFile, rules: ActiveRule<FileRule>[], today: string) {
  const lines = new LineIndex(source.text);
  const frontMatter = readFrontMatter(source.text);
  const diagnostics: Diagnostic[] = [];
  const memo = new Map<string, unknown>();
  let ast: Root | undefined;
  // a body refused by the parser is reported once, and the rules that need it skipped
  let refused: BodyNotParsed | undefined;
  const parse = (): Root => {
    if (refused) throw refused;
    try {
      return (ast ??= parseMarkdown(source.text, frontMatter));
    } catch (error) {
      // the parser failing on this input (a stack overflow, say) is this file's problem, said once
      refused =
        error instanceof BodyNotParsed
          ? error
          : new BodyNotParsed(0, `The Markdown of this file could not be parsed (${reasonOf(error)}): it was not checked (its front matter was).`);
      throw refused;
    }
  };
  let internalErrors = 0;
  for (const { rule, severity, options } of rules) {
    if (!rule.meta.appliesTo.includes(source.place.kind)) continue;
    const report = (r: Report): void => {
      const at = r.at === undefined ? { start: 0, end: 0 } : typeof r.at === "number" ? { start: r.at, end: r.at } : r.at;
      diagnostics.push({
        file: source.displayPath,
        ...spanOf(lines, at),
        ruleId: rule.meta.id,
        severity,
        message: r.message,
        ...(r.fix && rule.meta.fixable ? { fix: r.fix } : {}),
        ...(r.suggestion ? { suggestion: r.suggestion } : {}),
      });
    };
    const context: FileContext = {
      file: source,
      options,
      today,
      frontMatter,
      ast: parse,
      memo: <T>(key: string, compute: () => T): T => {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
      report,
    };
    try {
      rule.check(context);
    } catch (error) {
      if (error instanceof BodyNotParsed) continue;
      internalErrors++;
      diagnostics.push(atStart(source, rule.meta.id, `Internal error: rule "${rule.meta.id}" crashed on this file (${reasonOf(error)}). The other rules still ran; please report this.`));
    }
  }
  let directives: Directive[] = [];
  try {
    directives = readDirectives(source.text, parse, lines);
  } catch (error) {
    if (!(error instanceof BodyNotParsed)) {
      internalErrors++;
      diagnostics.push(atStart(source, UNREADABLE_FILE, `Internal error: the milestone-lint comments of this file could not be read (${reasonOf(error)}), so none applies. The rules still ran; please report this.`));
    }
  }
  if (refused) {
    const at = lines.position(refused.offset);
    diagnostics.push({
      file: source.displayPath,
      line: at.line,
      column: at.column,
      endLine: at.line,
      endColumn: at.column,
      ruleId: UNREADABLE_FILE,
      severity: "error",
      message: refused.message,
    });
  }
  return { diagnostics, frontMatter, lines, internalErrors, directives };
}

export function lintSource(
  source: SourceFile,
  rules: ActiveRule<FileRule>[],
  today: string,
  fix = false,
): FileOutcome {
  let current = source;
  let pass = runRules(current, rules, today);
  if (fix) {
    for (let i = 0; i < MAX_FIX_PASSES; i++) {
      let text: string;
      try {
        // a suppressed problem is not fixed
        const fixes = suppress(pass.diagnostics, pass.directives).kept.flatMap((d) => (d.fix ? [d.fix] : []));
        if (fixes.length === 0) break;
        text = applyFixes(current.text, fixes);
      } catch (error) {
        // the fixes made so far stand; the problems left are reported as they are
        pass.internalErrors++;
        pass.diagnostics.push(atStart(current, UNREADABLE_FILE, `Internal error: the fixes of this file could not be applied (${reasonOf(error)}); the problems left are reported. Please report this.`));
        break;
      }
      if (text === current.text) break;
      current = { ...current, text };
      pass = runRules(current, rules, today);
    }
  }
  return {
    diagnostics: pass.diagnostics,
    entry: indexEntry(current, pass.frontMatter, pass.lines, true),
    internalErrors: pass.internalErrors,
    directives: pass.directives,
    ...(current.text !== source.text ? { fixedText: current.text } : {}),
  };
}
