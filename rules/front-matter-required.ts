/**
 * # front-matter-required
 *
 * A plan or milestone file must start with a YAML front matter block: it is
 * where the `agentrules` tool and every other reader find the file's identity.
 *
 * ## Valid
 *
 * ```md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 *
 * <!-- SECTION: Metadata -->
 * # Ranked search API
 * ```
 *
 * ## Invalid
 *
 * ```md
 * # Ranked search API
 *
 * id: EP-20260210-003/MS002
 * ```
 *
 * ```text output
 * 1:1  error  File has no YAML front matter: it must begin with a `---` line, the keys (id, title, status, …), and a closing `---` line.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";

export const frontMatterRequired: FileRule = {
  meta: {
    id: "front-matter-required",
    description: "The file starts with a `---` YAML front matter block",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("front-matter-required"),
  },
  check(context) {
    if (context.frontMatter.open) return;
    context.report({
      message: "File has no YAML front matter: it must begin with a `---` line, the keys (id, title, status, …), and a closing `---` line.",
      at: 0,
    });
  },
};
