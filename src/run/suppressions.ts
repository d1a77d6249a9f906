/**
 * Suppressions written in the Markdown as HTML comments, ESLint's way:
 *
 *     <!-- milestone-lint-disable rule-a, rule-b -->     from here on (no id: every rule)
 *     <!-- milestone-lint-enable rule-a -->              until here
 *     <!-- milestone-lint-disable-next-line rule-a -->   the line below only
 *     | a | b | <!-- milestone-lint-disable-line rule-a --> the line the comment is on
 *     <!-- milestone-lint-disable-file rule-a -->        the whole file, front matter included
 *
 * Comments inside code blocks are not directives. They apply to file and project
 * diagnostics alike. A `disable-next-line` comment between two rows of a table ends
 * the table (an HTML block interrupts it), so the rows below are no longer a table:
 * it is reported (MISPLACED_DIRECTIVE), with `disable-line` at the end of the row as
 * the way to say it.
 */
import type { Nodes, Root } from "mdast";
import { nodeRange } from "../source/markdown.js";
import { tableRows } from "../source/table-cells.js";
import type { LineIndex } from "../source/line-index.js";
import { didYouMeanSentence } from "../shared/suggest.js";
import { MISPLACED_DIRECTIVE } from "../shared/errors.js";
import type { Diagnostic, Span } from "../shared/types.js";

export type DirectiveKind = "disable" | "enable" | "disable-next-line" | "disable-line" | "disable-file";

/** One directive comment. Plain data: it travels with the file's outcome. */
export interface Directive extends Span {
  kind: DirectiveKind;
  /** The rules it names; empty means every rule. */
  ruleIds: string[];
  /** A `disable-next-line` between two table rows: it breaks the table (reported, see MISPLACED_DIRECTIVE). */
  inTable?: boolean;
}

/** Id of the diagnostics `--report-unused-disables` gives; not a rule. */
export const UNUSED_DISABLE = "unused-disable-directive";


const PREFIX = "milestone-lint-";
const DIRECTIVE = /^milestone-lint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/;

/** An HTML node, and the sibling just before it (a table arrives as a paragraph: the parse is CommonMark). */
interface HtmlNode {
  node: Nodes;
  before?: Nodes;
}

function htmlNodes(node: Nodes, out: HtmlNode[]): HtmlNode[] {
  if (!("children" in node)) return out;
  node.children.forEach((child: Nodes, i: number) => {
    if (child.type === "html") out.push({ node: child, ...(i > 0 ? { before: node.children[i - 1] as Nodes } : {}) });
    else htmlNodes(child, out);
  });
  return out;
}

/** The text of the line after `offset`'s line, or undefined at the end. */
function nextLine(text: string, offset: number): string | undefined {
  const end = text.slice(offset).search(/\r\n?|\n/);
  if (end < 0) return undefined;
  const start = offset + end + (text.startsWith("\r\n", offset + end) ? 2 : 1);
  const stop = text.slice(start).search(/\r|\n/);
  return text.slice(start, stop < 0 ? undefined : start + stop);
}

/** A comment on its own line right under the last row of a table, with a row-like line under it. */
function betweenTableRows(text: string, html: HtmlNode, lines: LineIndex): boolean {
  const { before, node } = html;
  if (before?.type !== "paragraph") return false;
  const range = nodeRange(node);
  const above = nodeRange(before);
  // directly below the paragraph, and the paragraph a table
  if (lines.position(range.start).line !== lines.position(above.end).line + 1) return false;
  if (tableRows(text, above).length === 0) return false;
  return nextLine(text, range.end)?.includes("|") ?? false;
}

/** The directives of a file; the Markdown is parsed only when the text mentions one. */
export function readDirectives(text: string, ast: () => Root, lines: LineIndex): Directive[] {
  if (!text.includes(PREFIX)) return [];
  const directives: Directive[] = [];
  for (const html of htmlNodes(ast(), [])) {
    const { start, end } = nodeRange(html.node);
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
        const kind = match[1] as DirectiveKind;
        const inTable = kind === "disable-next-line" && betweenTableRows(text, html, lines);
        directives.push({ kind, ruleIds: ids, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, ...(inTable ? { inTable } : {}) });
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
    if (d.kind === "disable-line" && diagnostic.line >= d.line && diagnostic.line <= d.endLine) return i;
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

/** One error per `disable-next-line` comment that breaks its table. */
export function misplacedDirectives(directives: readonly Directive[], file: string): Diagnostic[] {
  return directives.flatMap((d) => {
    if (!d.inTable) return [];
    const ids = d.ruleIds.length > 0 ? ` ${d.ruleIds.join(", ")}` : "";
    return [
      {
        file,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ruleId: MISPLACED_DIRECTIVE,
        severity: "error" as const,
        message: `This milestone-lint-disable-next-line comment sits between two table rows: it ends the table, so the rows below it are no longer a table (nor checked as one). Remove the line and put \`<!-- milestone-lint-disable-line${ids} -->\` at the end of the row instead.`,
      },
    ];
  });
}

/** One error per disable directive (or per id it names) that suppressed nothing. */
export function unusedDirectives(directives: readonly Directive[], used: ReadonlySet<string>, file: string, ruleIds: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [i, d] of directives.entries()) {
    // a misplaced directive has its own error already
    if (d.kind === "enable" || d.inTable) continue;
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
