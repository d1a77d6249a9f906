/** Hover on a diagnostic: the rule's description, its documentation and the suggested command. */
import { MarkupKind, type Hover, type Position } from "vscode-languageserver/node";
import { ENGINE_CHECKS } from "../shared/errors.js";
import type { Diagnostic, Rule } from "../shared/types.js";
import { lspRange, overlaps } from "./convert.js";

function describe(d: Diagnostic, rules: readonly Rule[]): string {
  const meta = rules.find((r) => r.meta.id === d.ruleId)?.meta;
  const about = meta?.description ?? ENGINE_CHECKS[d.ruleId];
  return [
    `**milestone-lint** \`${d.ruleId}\` (${d.severity === "warn" ? "warning" : "error"})${about ? `: ${about}` : ""}`,
    ...(d.suggestion ? [`Suggested: \`${d.suggestion}\``] : []),
    ...(meta ? [`[Documentation](${meta.docsUrl})`] : []),
  ].join("\n\n");
}

export function hover(diagnostics: readonly Diagnostic[], position: Position, rules: readonly Rule[]): Hover | null {
  const at = { start: position, end: position };
  const here = diagnostics.filter((d) => overlaps(lspRange(d), at));
  if (here.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: here.map((d) => describe(d, rules)).join("\n\n---\n\n") } };
}
