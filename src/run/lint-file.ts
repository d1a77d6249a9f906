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
import { scanBody } from "../source/body-scan.js";
import { bodySummary, planBodySummary } from "../source/body-summary.js";
import { completeSkeleton, DEFAULT_SKELETON, type SkeletonInput } from "../source/plan-sections.js";
import { planReferences } from "../source/plan-references.js";
import { localPaths } from "../source/local-paths.js";
import { UNREADABLE_FILE } from "../shared/errors.js";
import { applyFixes } from "../fix/fix.js";
import { misplacedDirectives, readDirectives, suppress, type Directive } from "./suppressions.js";
import { builtinRules } from "../../rules/index.js";
import { ruleOrigin } from "../shared/rule-origin.js";
import type {
  BodySummary,
  Diagnostic,
  FileContext,
  FilePlace,
  FileRule,
  IndexedLocalPath,
  IndexedReference,
  Rule,
  IndexEntry,
  Report,
  Severity,
  Skeleton,
  SourceFile,
} from "../shared/types.js";

export interface ActiveRule<R> {
  rule: R;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface FileOutcome<P extends FilePlace = FilePlace> {
  diagnostics: Diagnostic[];
  entry: IndexEntry<P>;
  /** Rules that threw on this file. */
  internalErrors: number;
  /** The text after `--fix`, when fixes changed it. */
  fixedText?: string;
  /** The file's `milestone-lint-*` comments; the engine applies them once project rules have run. */
  directives: Directive[];
}

/** What `--debug` gathers while linting one file: time per rule, and the stack of each crash. */
export interface FileTrace {
  rules: Record<string, number>;
  crashes: { ruleId: string; stack: string }[];
}

/**
 * What a crash says: a built-in rule's crash is ours to fix ("please report this");
 * a plugin's, or a rule given to the API, is its author's. `where`: "on this file" or "".
 */
export function crashMessage(rule: Rule, reason: string, where: string): string {
  const crashed = `crashed${where ? ` ${where}` : ""} (${reason}). The other rules still ran`;
  if (builtinRules.includes(rule)) return `Internal error: rule "${rule.meta.id}" ${crashed}; please report this.`;
  const plugin = ruleOrigin(rule);
  if (plugin) return `Plugin rule "${rule.meta.id}" (from "${plugin}") ${crashed}; report this to the plugin's author.`;
  return `Rule "${rule.meta.id}" ${crashed}; report this to the rule's author.`;
}

/** `--fix` re-lints after each pass; ESLint stops after 10 passes, and so do we. */
const MAX_FIX_PASSES = 10;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A diagnostic at the start of the file, for what went wrong with the file as a whole. */
function atStart(source: SourceFile, ruleId: string, message: string): Diagnostic {
  return { file: source.displayPath, line: 1, column: 1, endLine: 1, endColumn: 1, ruleId, severity: "error", message };
}

/** Any file rule, whatever kinds of file it applies to: the engine runs each on the kinds in its `appliesTo`. */
type KindRule = FileRule<Record<string, unknown>, FilePlace>;

/**
 * The skeleton the plan rules judge by: the config gives its `plans.skeleton` to
 * every rule that takes one, else they take the practice's own. The board reads a
 * plan as they do, from the sections they read already.
 */
function planSkeleton(rules: ActiveRule<KindRule>[]): Skeleton {
  const given = rules.find((r) => r.rule.meta.appliesTo.includes("plan") && r.options.skeleton !== undefined)?.options.skeleton;
  return completeSkeleton((given as SkeletonInput | undefined) ?? DEFAULT_SKELETON);
}

function runRules(source: SourceFile, rules: ActiveRule<KindRule>[], today: string, trace?: FileTrace) {
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
  const memoized = <T>(key: string, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  // written out, not spread from a shared object: Node 20's spreads cost microseconds, and this is every rule of every file
  const contextWith = (options: Record<string, unknown>, report: (r: Report) => void): FileContext<Record<string, unknown>, FilePlace> => ({
    file: source,
    today,
    frontMatter,
    ast: parse,
    memo: memoized,
    options,
    report,
  });
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
    const context = contextWith(options, report);
    const started = trace ? performance.now() : 0;
    try {
      rule.check(context);
    } catch (error) {
      if (error instanceof BodyNotParsed) continue;
      internalErrors++;
      const reason = reasonOf(error);
      trace?.crashes.push({ ruleId: rule.meta.id, stack: error instanceof Error && error.stack ? error.stack : reason });
      diagnostics.push(atStart(source, rule.meta.id, crashMessage(rule, reason, "on this file")));
    } finally {
      if (trace) trace.rules[rule.meta.id] = (trace.rules[rule.meta.id] ?? 0) + performance.now() - started;
    }
  }
  let directives: Directive[] = [];
  let body: BodySummary | undefined;
  let references: IndexedReference[] | undefined;
  let local: IndexedLocalPath[] | undefined;
  try {
    directives = readDirectives(source.text, parse, lines);
  } catch (error) {
    if (!(error instanceof BodyNotParsed)) {
      internalErrors++;
      diagnostics.push(atStart(source, UNREADABLE_FILE, `Internal error: the milestone-lint comments of this file could not be read (${reasonOf(error)}), so none applies. The rules still ran; please report this.`));
    }
  }
  try {
    // the board's view of the body, from the walk the body rules shared
    const context = contextWith({}, () => {});
    body = bodySummary(scanBody(context), source.text);
    if (source.place.kind === "plan") {
      const plan = planBodySummary(context, planSkeleton(rules));
      if (plan) body.plan = plan;
      // what a plan of the practice refers to, for the whole-tree rule that checks it exists
      references = planReferences(context).map((r) => ({ path: r.path, kind: r.kind, span: spanOf(lines, r.range), range: r.range }));
      local = localPaths(context, source.place.root).map((l) => ({ ...l, span: spanOf(lines, l.range) }));
    }
  } catch (error) {
    if (!(error instanceof BodyNotParsed)) {
      internalErrors++;
      diagnostics.push(atStart(source, UNREADABLE_FILE, `Internal error: what the board and the whole-tree rules read of this file's Markdown could not be read (${reasonOf(error)}). The rules still ran; please report this.`));
    }
  }
  diagnostics.push(...misplacedDirectives(directives, source.displayPath));
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
  return { diagnostics, frontMatter, lines, internalErrors, directives, body, references, local };
}

export function lintSource<P extends FilePlace>(
  source: SourceFile<P>,
  rules: ActiveRule<KindRule>[],
  today: string,
  fix = false,
  trace?: FileTrace,
): FileOutcome<P> {
  let current = source;
  let pass = runRules(current, rules, today, trace);
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
      pass = runRules(current, rules, today, trace);
    }
  }
  return {
    diagnostics: pass.diagnostics,
    entry: {
      ...indexEntry(current, pass.frontMatter, pass.lines, true),
      ...(pass.body ? { body: pass.body } : {}),
      ...(pass.references ? { references: pass.references } : {}),
      ...(pass.local ? { localPaths: pass.local } : {}),
    },
    internalErrors: pass.internalErrors,
    directives: pass.directives,
    ...(current.text !== source.text ? { fixedText: current.text } : {}),
  };
}
