/**
 * Our diagnostics as LSP sees them: lines and columns 0-based (ours are 1-based),
 * columns in UTF-16 code units on both sides, so a column needs no other change.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver/node";
import type { Diagnostic, Rule, Span } from "../shared/types.js";

/** The `source` of every diagnostic and code action of ours. */
export const SOURCE = "milestone-lint";

/** Id of the diagnostic given when the run could not lint at all (a config that cannot be read); not a rule. */
export const CANNOT_LINT = "cannot-lint";

export function lspRange(span: Span): Range {
  return { start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } };
}

export function toLspDiagnostic(d: Diagnostic, rules: readonly Rule[]): LspDiagnostic {
  const docs = rules.find((r) => r.meta.id === d.ruleId)?.meta.docsUrl;
  return {
    range: lspRange(d),
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    ...(docs ? { codeDescription: { href: docs } } : {}),
    source: SOURCE,
    message: d.message,
  };
}

export function toLspDiagnostics(diagnostics: readonly Diagnostic[], rules: readonly Rule[]): LspDiagnostic[] {
  return diagnostics.map((d) => toLspDiagnostic(d, rules));
}

/** The one diagnostic of a file the run could not lint. */
export function configProblem(message: string): LspDiagnostic {
  return {
    range: lspRange({ line: 1, column: 1, endLine: 1, endColumn: 1 }),
    severity: DiagnosticSeverity.Error,
    code: CANNOT_LINT,
    source: SOURCE,
    message: `milestone-lint cannot lint this file: ${message}`,
  };
}

/** Whether two ranges share a position (an empty range touches what it sits on). */
export function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range["start"], y: Range["start"]) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
