/**
 * # section-heading
 *
 * Each section marker is directly followed by its section's heading, at the
 * template's level and with the template's text (docs/format.md §5): `## Objective`
 * after `<!-- SECTION: Objective -->`, the `# <title>` heading after
 * `<!-- SECTION: Metadata -->`. Blank lines between the two are allowed; any
 * other block is not. The wrong heading is reported at the heading; a missing
 * one at the marker.
 *
 * Options: the `sections` list shared by the section rules.
 *
 * ## Valid
 *
 * ```md
 * <!-- SECTION: Risks -->
 * ## Risks & Mitigations
 * ```
 *
 * ## Invalid
 *
 * ```md
 * <!-- SECTION: Risks -->
 * ### Risks
 *
 * <!-- SECTION: Scope -->
 * Only the search endpoint.
 * ```
 *
 * ```text output
 * 2:1  error  Section marker "<!-- SECTION: Risks -->" must be directly followed by the heading "## Risks & Mitigations", but the heading that follows is "### Risks"; write "## Risks & Mitigations".
 * 4:1  error  Section marker "<!-- SECTION: Scope -->" must be directly followed by the heading "## Scope", but a paragraph follows it; put the heading on the line after the marker.
 * ```
 */
import type { RootContent } from "mdast";
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { scanBody } from "../src/source/body-scan.js";
import {
  SECTION_DEFAULT_OPTIONS,
  SECTION_OPTIONS_SCHEMA,
  headingLabel,
  headingMatches,
  headingShape,
  markerText,
  readSections,
  type SectionOptions,
} from "../src/source/sections.js";

const BLOCK_NAMES: Partial<Record<RootContent["type"], string>> = {
  paragraph: "a paragraph",
  thematicBreak: "a `---` line",
  html: "another HTML comment",
  list: "a list",
  listItem: "a list item",
  code: "a code block",
  blockquote: "a block quote",
  table: "a table",
};

export const sectionHeading: FileRule<SectionOptions> = {
  meta: {
    id: "section-heading",
    description: "Each section marker is directly followed by its heading, at the template's level and text",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("section-heading"),
    optionsSchema: SECTION_OPTIONS_SCHEMA,
    defaultOptions: { ...SECTION_DEFAULT_OPTIONS },
  },
  check(context) {
    const sections = readSections(context, context.options);
    const { headingOf } = scanBody(context);
    for (const { comment, section } of sections.markers) {
      const spec = sections.specs[section];
      if (!spec) continue;
      const shape = headingShape(spec);
      const expected = shape.text === undefined ? `the title heading "${headingLabel(spec)}"` : `the heading "${headingLabel(spec)}"`;
      const start = `Section marker "${markerText(spec.marker)}" must be directly followed by ${expected}`;
      const next = comment.next;
      const heading = next?.type === "heading" ? headingOf.get(next) : undefined;
      if (heading) {
        if (headingMatches(shape, heading)) continue;
        const found = `${"#".repeat(heading.depth)}${heading.raw === "" ? "" : ` ${heading.raw}`}`;
        const want = shape.text === undefined ? (heading.raw === "" ? undefined : `${"#".repeat(shape.depth)} ${heading.raw}`) : headingLabel(spec);
        const fix = want === undefined ? "give it the milestone title" : `write "${want}"`;
        context.report({ message: `${start}, but the heading that follows is "${found}"; ${fix}.`, at: heading.range });
        continue;
      }
      const what = next ? (BLOCK_NAMES[next.type] ?? `a ${next.type} block`) : "nothing";
      context.report({ message: `${start}, but ${what} follows it; put the heading on the line after the marker.`, at: comment.range });
    }
  },
};
