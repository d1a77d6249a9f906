/**
 * # front-matter-first-byte
 *
 * The opening `---` must be the very first bytes of the file: no byte-order mark,
 * no blank lines before it. Otherwise remark, GitHub and `agentrules` do not see
 * the block as front matter at all. Fixable: the BOM and blank lines are removed.
 *
 * ## Valid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 *
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ```text output
 * 1:1  error  Front matter must start at the first byte of the file, but blank lines come before the opening `---`; remove them.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";

export const frontMatterFirstByte: FileRule = {
  meta: {
    id: "front-matter-first-byte",
    description: "Front matter begins at the first byte: no BOM or blank lines before `---`",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    fixable: true,
    docsUrl: docsUrl("front-matter-first-byte"),
  },
  check(context) {
    const { leading } = context.frontMatter;
    if (!leading) return;
    const text = context.file.text.slice(leading.start, leading.end);
    const bom = text.startsWith("\uFEFF");
    const blank = text.length > (bom ? 1 : 0);
    const what = bom && blank ? "a byte-order mark and blank lines" : bom ? "a byte-order mark (BOM)" : "blank lines";
    context.report({
      message: `Front matter must start at the first byte of the file, but ${what} come${bom && !blank ? "s" : ""} before the opening \`---\`; remove ${bom && !blank ? "it" : "them"}.`,
      at: leading,
      fix: { range: [leading.start, leading.end], text: "" },
    });
  },
};
