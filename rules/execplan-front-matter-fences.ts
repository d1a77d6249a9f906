/**
 * # execplan-front-matter-fences
 *
 * Lines at the top of a plan that look like front matter (`status: active`,
 * `owner: dana`, one lower-case `key: value` a line) but have no opening `---` are
 * not front matter: Markdown shows them as one run-on paragraph (or, with a `---`
 * below them, as a heading), and no tool reads them. Reported when two or more such
 * lines open the file, or one followed by a lone `---`. `Status: Draft` under a title
 * is a plan's own metadata line, and is left alone.
 *
 * `--fix` puts `---` above the lines (and below them when the closing line is
 * missing too) when they are valid YAML.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * ---
 * status: active
 * owner: dana
 * ---
 *
 * # Export invoices as CSV
 *
 * Status: Draft
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * status: active
 * owner: dana
 *
 * # Export invoices as CSV
 * ```
 *
 * ```text output
 * 1:1  error  These 2 lines look like front matter but have no "---" fences, so Markdown shows them as text and no tool reads them: put a "---" line above them and one below them.
 * ```
 */
import { parseDocument, isMap } from "yaml";
import type { FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { lineEnding } from "../src/source/line-ending.js";
import { lineIndex } from "../src/source/body-scan.js";

const KEY_LINE = /^[a-z][a-z0-9_-]*:(?:[ \t].*)?$/;
/** A line that continues the value of the key above it: an indented line or a block list item. */
const CONTINUATION = /^(?:[ \t]+\S|-[ \t])/;
const FENCE = /^---[ \t]*$/;

export const execplanFrontMatterFences: FileRule<Record<string, never>, PlanPlace> = {
  meta: {
    id: "execplan-front-matter-fences",
    description: "Key-value lines at the top of a plan are fenced by `---` lines, as front matter",
    severity: "error",
    appliesTo: ["plan"],
    fixable: true,
    docsUrl: docsUrl("execplan-front-matter-fences"),
  },
  check(context) {
    if (context.frontMatter.open) return;
    const text = context.file.text;
    const lines = lineIndex(context);
    let line = 1;
    while (line < lines.lineCount && text.slice(lines.lineStart(line), lines.lineEnd(line)).trim().replace(/^\uFEFF/, "") === "") line++;
    const first = line;
    let keys = 0;
    for (; line <= lines.lineCount; line++) {
      const content = text.slice(lines.lineStart(line), lines.lineEnd(line)).replace(/^\uFEFF/, "");
      if (KEY_LINE.test(content)) keys++;
      else if (keys === 0 || !CONTINUATION.test(content)) break;
    }
    const last = line - 1;
    const closed = line <= lines.lineCount && FENCE.test(text.slice(lines.lineStart(line), lines.lineEnd(line)));
    if (keys === 0 || (keys < 2 && !closed)) return;
    const start = lines.lineStart(first) + (text.charCodeAt(lines.lineStart(first)) === 0xfeff ? 1 : 0);
    const end = lines.lineEnd(last);
    const eol = lineEnding(text);
    const yaml = parseDocument(text.slice(start, end));
    const valid = yaml.errors.length === 0 && isMap(yaml.contents);
    const count = last - first + 1;
    context.report({
      message: closed
        ? `These ${count === 1 ? "line looks" : `${count} lines look`} like front matter, closed by the "---" below, but no "---" opens ${count === 1 ? "it" : "them"}: put a "---" line above ${count === 1 ? "it" : "them"}.`
        : `These ${count} lines look like front matter but have no "---" fences, so Markdown shows them as text and no tool reads them: put a "---" line above them and one below them.`,
      at: { start, end: lines.lineEnd(first) },
      ...(valid
        ? {
            fix: closed
              ? { range: [start, start] as [number, number], text: `---${eol}` }
              : { range: [start, end] as [number, number], text: `---${eol}${text.slice(start, end)}${eol}---` },
          }
        : {}),
    });
  },
};
