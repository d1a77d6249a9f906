/**
 * # front-matter-yaml-syntax
 *
 * The front matter must be valid YAML. Each error is reported at the line and
 * column the YAML parser gives, with its own explanation; duplicate keys are errors.
 *
 * ## Valid
 *
 * ```md
 * ---
 * title: "Prototype: streaming"
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * title: Prototype: streaming
 * status: planned
 * status: in_progress
 * ---
 * ```
 *
 * ```text output
 * 2:8  error  Front matter is not valid YAML: Nested mappings are not allowed in compact mappings
 * 4:1  error  Front matter is not valid YAML: key `status` appears more than once; keep one `status:` line
 * ```
 */
import type { FilePlace, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";

export const frontMatterYamlSyntax: FileRule<Record<string, never>, FilePlace> = {
  meta: {
    id: "front-matter-yaml-syntax",
    description: "The front matter is valid YAML (no syntax errors, no duplicate keys)",
    severity: "error",
    appliesTo: ["milestone", "execplan", "plan"],
    docsUrl: docsUrl("front-matter-yaml-syntax"),
  },
  check(context) {
    for (const error of context.frontMatter.errors) {
      context.report({ message: `Front matter is not valid YAML: ${error.message}`, at: error.range });
    }
  },
};
