/**
 * The default human format: one line a problem, `path:line:column severity message rule-id`,
 * grouped by file, then a summary line.
 */
import { createColors } from "picocolors";
import { escapeControls } from "../shared/quote.js";
import type { Formatter } from "./types.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const stylish: Formatter = (result, context) => {
  const c = createColors(context.color);
  const out: string[] = [];
  for (const file of result.files) {
    if (file.diagnostics.length === 0) continue;
    for (const d of file.diagnostics) {
      // file names, messages (quoting the file) and suggestions come from the tree: never printed raw
      const where = c.underline(`${escapeControls(file.file)}:${d.line}:${d.column}`);
      const severity = d.severity === "error" ? c.red("error") : c.yellow("warning");
      out.push(`${where}  ${severity}  ${escapeControls(d.message)}  ${c.dim(escapeControls(d.ruleId))}`);
      if (d.suggestion) out.push(`  ${c.dim("→")} ${escapeControls(d.suggestion)}`);
    }
    out.push("");
  }
  const problems = result.errorCount + result.warningCount;
  const withProblems = result.files.filter((f) => f.diagnostics.length > 0).length;
  if (problems === 0) {
    out.push(c.green(`No problems found in ${plural(result.files.length, "file")}.`));
  } else {
    const summary = `${plural(problems, "problem")} (${plural(result.errorCount, "error")}, ${plural(result.warningCount, "warning")}) in ${plural(withProblems, "file")}`;
    out.push(c.bold(result.errorCount > 0 ? c.red(`✖ ${summary}`) : c.yellow(`⚠ ${summary}`)));
    if (result.fixableCount > 0) out.push(`${plural(result.fixableCount, "problem")} can be fixed with --fix.`);
  }
  return out.join("\n") + "\n";
};
