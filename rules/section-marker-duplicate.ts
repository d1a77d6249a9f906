/**
 * # section-marker-duplicate
 *
 * Each section marker appears once. A second `<!-- SECTION: Scope -->` (often
 * left by a copy-paste) makes the file ambiguous for `agentrules` and for readers.
 * The second and later copies are reported, with the line of the first. With
 * `markers: false` the same holds for the section headings.
 *
 * Options: `sections` and `markers`, shared by the section rules.
 *
 * ## Valid
 *
 * ```md
 * <!-- SECTION: Scope -->
 * ## Scope
 * ```
 *
 * ## Invalid
 *
 * ### A marker twice
 *
 * ```md
 * <!-- SECTION: Scope -->
 * ## Scope
 *
 * <!-- SECTION: Scope -->
 * ## Scope
 * ```
 *
 * ```text output
 * 4:1  error  Section marker "<!-- SECTION: Scope -->" appears again; the first one is at line 1. Keep one: merge the two sections or remove this one.
 * ```
 *
 * ### A heading twice, with `markers: false`
 *
 * ```json milestone-lint.config.json
 * { "rules": { "section-marker-duplicate": ["error", { "markers": false }] } }
 * ```
 *
 * ```md
 * ## Scope
 *
 * ## Scope
 * ```
 *
 * ```text output
 * 3:1  error  Section heading "## Scope" appears again; the first one is at line 1. Keep one: merge the two sections or remove this one.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { lineOf } from "../src/source/body-scan.js";
import {
  SECTION_DEFAULT_OPTIONS,
  SECTION_OPTIONS_SCHEMA,
  headingLabel,
  markerText,
  readSections,
  type SectionOptions,
} from "../src/source/sections.js";

export const sectionMarkerDuplicate: FileRule<SectionOptions> = {
  meta: {
    id: "section-marker-duplicate",
    description: "Each section marker appears only once",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("section-marker-duplicate"),
    optionsSchema: SECTION_OPTIONS_SCHEMA,
    defaultOptions: { ...SECTION_DEFAULT_OPTIONS },
  },
  check(context) {
    const sections = readSections(context, context.options);
    const first = new Map<number, number>();
    for (const o of sections.occurrences) {
      const seen = first.get(o.section);
      if (seen === undefined) {
        first.set(o.section, o.range.start);
        continue;
      }
      const spec = sections.specs[o.section];
      if (!spec) continue;
      const what = sections.byMarkers ? `Section marker "${markerText(spec.marker)}"` : `Section heading "${headingLabel(spec)}"`;
      context.report({
        message: `${what} appears again; the first one is at line ${lineOf(context, seen)}. Keep one: merge the two sections or remove this one.`,
        at: o.range,
      });
    }
  },
};
