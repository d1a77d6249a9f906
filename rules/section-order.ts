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
import {
  SECTION_DEFAULT_OPTIONS,
  SECTION_OPTIONS_SCHEMA,
  readSections,
  sectionLabel,
  type Occurrence,
  type SectionOptions,
} from "../src/source/sections.js";

/** Indices (into `seq`) of one longest strictly increasing subsequence; `seq` is short (one entry a section). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  let best = -1;
  for (let i = 0; i < seq.length; i++) {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if ((seq[j] as number) < (seq[i] as number) && (length[j] as number) + 1 > (length[i] as number)) {
        length[i] = (length[j] as number) + 1;
        previous[i] = j;
      }
    }
    if (best < 0 || (length[i] as number) > (length[best] as number)) best = i;
  }
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = previous[i] as number) keep.add(i);
  return keep;
}

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
    const seen = new Set<number>();
    const firsts: Occurrence[] = [];
    for (const o of sections.occurrences) {
      if (seen.has(o.section)) continue;
      seen.add(o.section);
      firsts.push(o);
    }
    const keep = longestIncreasing(firsts.map((o) => o.section));
    firsts.forEach((o, i) => {
      if (keep.has(i)) return;
      const name = sectionLabel(sections, o.section);
      const laterInTemplate = firsts.find((p, j) => j < i && keep.has(j) && p.section > o.section);
      if (laterInTemplate) {
        context.report({
          message: `Section "${name}" is out of order: it must come before "${sectionLabel(sections, laterInTemplate.section)}" (line ${lineOf(context, laterInTemplate.range.start)}), as in the template.`,
          at: o.range,
        });
        return;
      }
      const earlierInTemplate = firsts.filter((p, j) => j > i && keep.has(j) && p.section < o.section).pop();
      if (earlierInTemplate) {
        context.report({
          message: `Section "${name}" is out of order: it must come after "${sectionLabel(sections, earlierInTemplate.section)}" (line ${lineOf(context, earlierInTemplate.range.start)}), as in the template.`,
          at: o.range,
        });
      }
    });
  },
};
