/**
 * # no-template-placeholder
 *
 * Nothing of the template's placeholder text is left in (docs/format.md §5): the
 * `<Milestone: Short Name>` title, `@handle-or-team`, `YYYY-MM-DD`,
 * `EP-YYYYMMDD-NNN`, `MS###`, a lone `…` as a list item or table cell, the
 * `✅ / ⚠️ / ⏳` choices (in any order) in a status cell, `<Name>` in a workstream
 * heading. Looked for in the body and in the front matter values; text in code
 * spans and code blocks is left alone (it may quote the template on purpose).
 * Each occurrence is reported at its own column.
 *
 * ## Valid
 *
 * ```md
 * | Area | Status | Notes |
 * | --- | --- | --- |
 * | Implementation | ⏳ | Handler written |
 *
 * - 2026-03-02 — Milestone created.
 * - `YYYY-MM-DD` dates, as the template says.
 * ```
 *
 * ## Invalid
 *
 * ```md
 * | Area | Status | Notes |
 * | --- | --- | --- |
 * | Implementation | ✅ / ⚠️ / ⏳ | … |
 *
 * - YYYY-MM-DD — Short note on what changed and why.
 * ```
 *
 * ```text output
 * 3:20  error  Status cell still holds the template's choices "✅ / ⚠️ / ⏳"; keep the one status that applies (✅, ⚠️ or ⏳).
 * 3:33  error  Template placeholder "…" is still here as a table cell; fill in the cell.
 * 5:3  error  Template placeholder "YYYY-MM-DD" is still here; write a real date.
 * ```
 */
import { visit } from "yaml";
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { insideAny, scanBody } from "../src/source/body-scan.js";
import { nodeRange } from "../src/source/markdown.js";
import { tableRows } from "../src/source/table-cells.js";

const LITERALS: readonly { text: string; fix: string }[] = [
  { text: "<Milestone: Short Name>", fix: "write the milestone's title" },
  { text: "@handle-or-team", fix: "write the owner's handle, e.g. @codex" },
  { text: "EP-YYYYMMDD-NNN", fix: "write the ExecPlan ID, e.g. EP-20260117-014" },
  { text: "MS###", fix: "write the milestone's sequence, e.g. MS003" },
  { text: "YYYY-MM-DD", fix: "write a real date" },
];

const ELLIPSIS = "…";
const NAME = "<Name>";
const STATUS_CHOICES = ["✅", "⚠", "⏳"];

/** `✅ / ⚠️ / ⏳` in any order: the three template statuses, not one chosen. */
function isStatusChoice(cell: string): boolean {
  const parts = cell.replace(/\uFE0F/g, "").split("/").map((p) => p.trim());
  return parts.length === STATUS_CHOICES.length && STATUS_CHOICES.every((s) => parts.includes(s));
}

/** Searches `text[from, to)` only, so many small regions cost no more than the file. */
function literalsIn(context: FileContext, from: number, to: number, skip: (offset: number) => boolean): void {
  const region = context.file.text.slice(from, to);
  for (const { text: literal, fix } of LITERALS) {
    for (let i = region.indexOf(literal); i >= 0; i = region.indexOf(literal, i + literal.length)) {
      const at = from + i;
      if (skip(at)) continue;
      context.report({ message: `Template placeholder "${literal}" is still here; ${fix}.`, at: { start: at, end: at + literal.length } });
    }
  }
}

function frontMatterValues(context: FileContext): void {
  const { doc, content } = context.frontMatter;
  if (!doc || !content) return;
  visit(doc, {
    Scalar(key, node) {
      if (key === "key" || !node.range) return;
      literalsIn(context, node.range[0] + content.start, node.range[1] + content.start, () => false);
    },
  });
}

export const noTemplatePlaceholder: FileRule = {
  meta: {
    id: "no-template-placeholder",
    description: "No placeholder text left from the template (`YYYY-MM-DD`, `@handle-or-team`, a lone `…`, `✅ / ⚠️ / ⏳`, …)",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("no-template-placeholder"),
  },
  check(context) {
    const text = context.file.text;
    const body = scanBody(context);
    frontMatterValues(context);
    const bodyFrom = context.frontMatter.close?.end ?? 0;
    literalsIn(context, bodyFrom, text.length, (at) => insideAny(body.codeRanges, at));

    for (const item of body.listItems) {
      const only = item.children.length === 1 ? item.children[0] : undefined;
      if (only?.type !== "paragraph") continue;
      const r = nodeRange(only);
      if (r.end - r.start > 8 || text.slice(r.start, r.end).trim() !== ELLIPSIS) continue;
      const at = text.indexOf(ELLIPSIS, r.start);
      context.report({ message: `Template placeholder "${ELLIPSIS}" is still here as a list item; write the item or remove it.`, at: { start: at, end: at + 1 } });
    }

    for (const paragraph of body.paragraphs) {
      for (const row of tableRows(text, nodeRange(paragraph))) {
        for (const cell of row) {
          if (cell.text === ELLIPSIS) {
            context.report({ message: `Template placeholder "${ELLIPSIS}" is still here as a table cell; fill in the cell.`, at: cell.range });
          } else if (isStatusChoice(cell.text)) {
            context.report({
              message: `Status cell still holds the template's choices "${cell.text}"; keep the one status that applies (✅, ⚠️ or ⏳).`,
              at: cell.range,
            });
          }
        }
      }
    }

    for (const heading of body.headings) {
      const line = text.slice(heading.range.start, heading.range.end);
      for (let i = line.indexOf(NAME); i >= 0; i = line.indexOf(NAME, i + NAME.length)) {
        const at = heading.range.start + i;
        context.report({ message: `Template placeholder "${NAME}" is still in the heading; name the workstream.`, at: { start: at, end: at + NAME.length } });
      }
    }
  },
};
