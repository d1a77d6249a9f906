/**
 * Suppressions written in the Markdown as HTML comments, ESLint's way:
 *
 *     <!-- milestone-lint-disable rule-a, rule-b -->     from here on (no id: every rule)
 *     <!-- milestone-lint-enable rule-a -->              until here
 *     <!-- milestone-lint-disable-next-line rule-a -->   the line below only
 *     <!-- milestone-lint-disable-file rule-a -->        the whole file, front matter included
 *
 * Comments inside code blocks are not directives. They apply to file and project
 * diagnostics alike.
 */
import type { Nodes, Root } from "mdast";
import { nodeRange } from "../source/markdown.js";
import type { LineIndex } from "../source/line-index.js";
import { didYouMeanSentence } from "../shared/suggest.js";
import type { Diagnostic, Span } from "../shared/types.js";

export type DirectiveKind = "disable" | "enable" | "disable-next-line" | "disable-file";

/** One directive comment. Plain data: it travels with the file's outcome. */
export interface Directive extends Span {
  kind: DirectiveKind;
  /** The rules it names; empty means every rule. */
  ruleIds: string[];
}

/** Id of the diagnostics `--report-unused-disables` gives; not a rule. */
export const UNUSED_DISABLE = "unused-disable-directive";

const PREFIX = "milestone-lint-";
const DIRECTIVE = /^milestone-lint-(disable-next-line|disable-file|disable|enable)(?=\s|$)/;

function htmlNodes(node: Nodes, out: Nodes[]): Nodes[] {
  if (node.type === "html") out.push(node);
  else if ("children" in node) for (const child of node.children) htmlNodes(child, out);
  return out;
}

/** The directives of a file; the Markdown is parsed only when the text mentions one. */
export function readDirectives(text: string, ast: () => Root, lines: LineIndex): Directive[] {
  if (!text.includes(PREFIX)) return [];
  const directives: Directive[] = [];
  for (const node of htmlNodes(ast(), [])) {
    const { start, end } = nodeRange(node);
    let open = text.indexOf("<!--", start);
    while (open >= 0 && open < end) {
      const close = text.indexOf("-->", open + 4);
      if (close < 0 || close + 3 > end) break;
      const body = text.slice(open + 4, close).trim();
      const match = DIRECTIVE.exec(body);
      if (match) {
        // `-- reason` after the ids is a comment for people
        const ids = (body.slice(match[0].length).split(/\s--\s/)[0] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
        const from = lines.position(open);
        const to = lines.position(close + 3);
        directives.push({ kind: match[1] as DirectiveKind, ruleIds: ids, line: from.line, column: from.column, endLine: to.line, endColumn: to.column });
      }
      open = text.indexOf("<!--", close + 3);
    }
  }
  return directives;
}

const names = (d: Directive, ruleId: string) => d.ruleIds.length === 0 || d.ruleIds.includes(ruleId);
const atOrBefore = (d: Directive, x: Diagnostic) => d.line < x.line || (d.line === x.line && d.column <= x.column);
const usedKey = (i: number, d: Directive, ruleId: string) => `${i}\u0000${d.ruleIds.length === 0 ? "*" : ruleId}`;

/** Index of the directive that suppresses `diagnostic`, if any. */
function suppressor(directives: readonly Directive[], diagnostic: Diagnostic): number | undefined {
  let block: number | undefined;
  for (const [i, d] of directives.entries()) {
    if (!names(d, diagnostic.ruleId)) continue;
    if (d.kind === "disable-file") return i;
    if (d.kind === "disable-next-line" && diagnostic.line === d.endLine + 1) return i;
    if (d.kind === "disable" && atOrBefore(d, diagnostic)) block = i;
    if (d.kind === "enable" && atOrBefore(d, diagnostic)) block = undefined;
  }
  return block;
}

/** The diagnostics no directive suppresses, and which directive/rule pairs suppressed something. */
export function suppress(diagnostics: readonly Diagnostic[], directives: readonly Directive[]): { kept: Diagnostic[]; used: Set<string> } {
  const used = new Set<string>();
  if (directives.length === 0) return { kept: [...diagnostics], used };
  const kept: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const i = suppressor(directives, diagnostic);
    if (i === undefined) kept.push(diagnostic);
    else used.add(usedKey(i, directives[i] as Directive, diagnostic.ruleId));
  }
  return { kept, used };
}

/** One error per disable directive (or per id it names) that suppressed nothing. */
export function unusedDirectives(directives: readonly Directive[], used: ReadonlySet<string>, file: string, ruleIds: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [i, d] of directives.entries()) {
    if (d.kind === "enable") continue;
    const report = (message: string) =>
      out.push({ file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, ruleId: UNUSED_DISABLE, severity: "error", message });
    if (d.ruleIds.length === 0) {
      if (!used.has(`${i}\u0000*`)) report(`Unused milestone-lint-${d.kind} directive: no problem was reported here; remove it.`);
      continue;
    }
    for (const id of d.ruleIds) {
      if (used.has(`${i}\u0000${id}`)) continue;
      const unknown = ruleIds.includes(id) ? "" : ` "${id}" is not a rule.${didYouMeanSentence(id, ruleIds)}`;
      report(`Unused milestone-lint-${d.kind} directive: no problem from "${id}" was reported here; remove it.${unknown}`);
    }
  }
  return out;
}
