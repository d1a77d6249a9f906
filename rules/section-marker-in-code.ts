/**
 * # section-marker-in-code
 *
 * A section marker inside a fenced or indented code block is text, not a marker:
 * it starts no section (docs/format.md §5). That is usually a mistake, e.g. a marker
 * pasted inside a fence or indented by four spaces. A warning, since a code block
 * may show a marker on purpose.
 *
 * Options: the `sections` list shared by the section rules.
 *
 * ## Valid
 *
 * ```md
 * <!-- SECTION: Dependencies -->
 * ## Dependencies
 * ```
 *
 * ## Invalid
 *
 * ``````md
 * ```
 * <!-- SECTION: Dependencies -->
 * ```
 * ## Dependencies
 * ``````
 *
 * ```text output
 * 2:1  warning  Section marker "<!-- SECTION: Dependencies -->" is inside a code block, where it does not count as a marker; move it out of the code block (on its own line, before its heading) unless it is only an example.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { SECTION_DEFAULT_OPTIONS, SECTION_OPTIONS_SCHEMA, readSections, type SectionOptions } from "../src/source/sections.js";

export const sectionMarkerInCode: FileRule<SectionOptions> = {
  meta: {
    id: "section-marker-in-code",
    description: "No section marker inside a code block, where it does not count",
    severity: "warn",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("section-marker-in-code"),
    optionsSchema: SECTION_OPTIONS_SCHEMA,
    defaultOptions: { ...SECTION_DEFAULT_OPTIONS },
  },
  check(context) {
    for (const m of readSections(context, context.options).inCode) {
      const found = m.value.length > 80 ? `${m.value.slice(0, 77)}…` : m.value;
      context.report({
        message: `Section marker "${found}" is inside a code block, where it does not count as a marker; move it out of the code block (on its own line, before its heading) unless it is only an example.`,
        at: m.range,
      });
    }
  },
};
