/**
 * # front-matter-closed
 *
 * The front matter block opened by `---` must be closed by another `---` line.
 * An unclosed block swallows the whole file (or none of it, depending on the reader).
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
 * ---
 * id: EP-20260210-003/MS002
 *
 * <!-- SECTION: Metadata -->
 * # Ranked search API
 * ```
 *
 * ```text output
 * 1:1  error  Front matter opened by `---` here is never closed: add a `---` line after the last key.
 * ```
 */
import type { FilePlace, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";

export const frontMatterClosed: FileRule<Record<string, never>, FilePlace> = {
  meta: {
    id: "front-matter-closed",
    description: "The front matter block is closed by a `---` line",
    severity: "error",
    appliesTo: ["milestone", "execplan", "plan"],
    docsUrl: docsUrl("front-matter-closed"),
  },
  check(context) {
    const { open, close } = context.frontMatter;
    if (!open || close) return;
    context.report({
      message: "Front matter opened by `---` here is never closed: add a `---` line after the last key.",
      at: open,
    });
  },
};
