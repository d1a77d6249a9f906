/**
 * # section-marker-unknown
 *
 * A comment that is meant as a section marker but is not one of the template's
 * (docs/format.md §5): a misspelling (`<!-- SECTON: Objective -->`), a wrong name
 * (`<!-- SECTION: Objectives -->`), wrong case, a missing space. Markers are
 * matched exactly, so such a comment starts no section; the message names the
 * marker it most likely means. Other comments (`<!-- TODO -->`) are left alone.
 *
 * Options: the `sections` list shared by the section rules.
 *
 * ## Valid
 *
 * ```md
 * <!-- SECTION: Objective -->
 * ## Objective
 *
 * <!-- TODO: link the design doc -->
 * ```
 *
 * ## Invalid
 *
 * ```md
 * <!-- SECTION: Objectives -->
 * ## Objective
 *
 * <!-- SECTON: Scope -->
 * ## Scope
 * ```
 *
 * ```text output
 * 1:1  error  Unknown section marker "<!-- SECTION: Objectives -->": markers must match the template exactly, so this one starts no section. Did you mean "<!-- SECTION: Objective -->"?
 * 4:1  error  Unknown section marker "<!-- SECTON: Scope -->": markers must match the template exactly, so this one starts no section. Did you mean "<!-- SECTION: Scope -->"?
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { SECTION_DEFAULT_OPTIONS, SECTION_OPTIONS_SCHEMA, markerText, readSections, type SectionOptions } from "../src/source/sections.js";

export const sectionMarkerUnknown: FileRule<SectionOptions> = {
  meta: {
    id: "section-marker-unknown",
    description: "Section markers are spelled exactly as in the template; a near miss names the marker meant",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("section-marker-unknown"),
    optionsSchema: SECTION_OPTIONS_SCHEMA,
    defaultOptions: { ...SECTION_DEFAULT_OPTIONS },
  },
  check(context) {
    const sections = readSections(context, context.options);
    for (const m of sections.misspelt) {
      const meant = m.suggestion === undefined ? undefined : sections.specs[m.suggestion];
      const found = m.comment.value.length > 80 ? `${m.comment.value.slice(0, 77)}…` : m.comment.value;
      context.report({
        message: meant
          ? `Unknown section marker "${found}": markers must match the template exactly, so this one starts no section. Did you mean "${markerText(meant.marker)}"?`
          : `Unknown section marker "${found}": it is not one of the template's sections (${sections.specs.map((s) => s.marker).join(", ")}); use one of those or remove it.`,
        at: m.comment.range,
      });
    }
  },
};
