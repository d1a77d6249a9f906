/**
 * `--format github`: one GitHub Actions workflow command a problem,
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule-id>::<message>`
 * (`::warning` for warnings). The runner turns them into annotations on the
 * run and on the pull request's diff. Paths are relative to the repository root,
 * as the runner expects, whatever folder the linter ran in.
 */
import path from "node:path";
import { findRepoRoot, pathUnder } from "../shared/paths.js";
import type { Diagnostic } from "../shared/types.js";
import { escapeControls } from "../shared/quote.js";
import type { Formatter } from "./types.js";

/** Escaping of a command's message, as `@actions/core` does it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a property value: also `:` and `,`, which end the command name and separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(d: Diagnostic, file: string): string {
  const props = [`file=${escapeProperty(escapeControls(file))}`, `line=${d.line}`];
  // columns are only accepted on a one-line annotation
  if (d.endLine === d.line) props.push(`col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`);
  else props.push(`endLine=${d.endLine}`);
  props.push(`title=${escapeProperty(escapeControls(d.ruleId))}`);
  // the runner prints the message in the log, where escape sequences act: written as escapes first
  const message = d.suggestion ? `${escapeControls(d.message)}\n${escapeControls(d.suggestion)}` : escapeControls(d.message);
  return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(message)}`;
}

export const github: Formatter = (result, context) => {
  const root = findRepoRoot(context.cwd);
  const lines: string[] = [];
  for (const f of result.files) {
    const file = (root && pathUnder(root, context.cwd, f.file)) ?? path.resolve(context.cwd, f.file);
    for (const d of f.diagnostics) lines.push(annotation(d, file));
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
};
