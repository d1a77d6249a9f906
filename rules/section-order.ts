/**
 * # section-order
 *
 * The sections come in the template's order (docs/format.md §5): Metadata, Objective,
 * Definition of Done, Scope, … Changelog. Optional sections may be left out, but
 * what is there keeps its place. The fewest sections that explain the disorder
 * are reported (one moved section is one report), each saying which section it
 * must come before or after. Repeated markers are left to `section-marker-duplicate`.
 *
 * Options: `sections` and `markers`, shared by the section rules.
 *
 * ## Valid
 *
 * ```md
 * <!-- SECTION: Objective -->
 * ## Objective
 *
 * <!-- SECTION: Definition of Done -->
 * ## Definition of Done
 * ```
 *
 * ## Invalid
 *
 * ```md
 * <!-- SECTION: Definition of Done -->
 * ## Definition of Done
 *
 * <!-- SECTION: Objective -->
 * ## Objective
 * ```
 *
 * ```text output
 * 4:1  error  Section "Objective" is out of order: it must come before "Definition of Done" (line 1), as in the template.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { lineOf } from "../src/source/body-scan.js";
import { movesInOrder } from "../src/shared/order.js";
import {
  SECTION_DEFAULT_OPTIONS,
  SECTION_OPTIONS_SCHEMA,
  readSections,
  sectionLabel,
  type SectionOptions,
} from "../src/source/sections.js";

export const sectionOrder: FileRule<SectionOptions> = {
  meta: {
    id: "section-order",
    description: "Sections come in the template's order",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("section-order"),
    optionsSchema: SECTION_OPTIONS_SCHEMA,
    defaultOptions: { ...SECTION_DEFAULT_OPTIONS },
  },
  check(context) {
    const sections = readSections(context, context.options);
    for (const { item, where, other } of movesInOrder(sections.occurrences, (o) => o.section)) {
      context.report({
        message: `Section "${sectionLabel(sections, item.section)}" is out of order: it must come ${where} "${sectionLabel(sections, other.section)}" (line ${lineOf(context, other.range.start)}), as in the template.`,
        at: item.range,
      });
    }
  },
};
