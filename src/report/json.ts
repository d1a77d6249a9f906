/**
 * `--format json`: a stable, versioned shape for tools. Documented in the README;
 * change `schemaVersion` with any incompatible change (a key added is not one).
 * Each diagnostic of a rule links the rule's documentation (`docsUrl`); a file that
 * fixes changed carries its fixed text (`output`), as ESLint's JSON does with
 * `--fix-dry-run`; `tree` is every plan and milestone, for views of their own.
 */
import type { Formatter } from "./types.js";

export const json: Formatter = (result, context) =>
  JSON.stringify(
    {
      schemaVersion: 1,
      tool: { name: "milestone-lint", version: context.version },
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      fixableCount: result.fixableCount,
      files: result.files.map((f) => ({
        file: f.file,
        errorCount: f.errorCount,
        warningCount: f.warningCount,
        diagnostics: f.diagnostics.map((d) => ({
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
          ruleId: d.ruleId,
          severity: d.severity,
          message: d.message,
          ...(d.fix ? { fix: d.fix } : {}),
          ...(d.suggestion ? { suggestion: d.suggestion } : {}),
          ...(context.rules[d.ruleId] ? { docsUrl: context.rules[d.ruleId]?.docsUrl } : {}),
        })),
        ...(f.output !== undefined ? { output: f.output } : {}),
      })),
      ...(result.tree ? { tree: result.tree } : {}),
    },
    null,
    2,
  ) + "\n";
