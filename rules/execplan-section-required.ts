/**
 * # execplan-section-required
 *
 * A plan of the PLANS.md practice has every section its repository's skeleton
 * requires (`plans.skeleton` in the config, read from `PLANS.md` by `--init`; by
 * default the four living sections: Progress, Surprises & Discoveries, Decision Log,
 * Outcomes & Retrospective), as a heading at the skeleton's level, and a title when
 * the skeleton has one (a `title` in front matter counts). Wordings of the same
 * section are accepted (`Decision log`, `Surprises and discoveries`, `Progress Log`,
 * either half of a bilingual heading such as `進捗 / Progress`, the config's
 * `aliases`); plans may add sections of their own.
 *
 * A heading one typo away from a missing section (`## Suprises & Discoveries`) is
 * reported as that misspelling, and a missing section's heading at another level
 * (`### Decision Log`) as the wrong level; `--fix` renames or re-levels it. A file
 * with none of the skeleton's sections is left alone: it is no plan (a note that the
 * `plans.files` patterns caught), and judging it would only bury the real reports.
 *
 * Options: `skeleton`, filled in from the config's `plans.skeleton`.
 *
 * ## Valid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * # Export invoices as CSV
 *
 * ## Progress
 *
 * - [ ] Write the CSV writer.
 *
 * ## Surprises and Discoveries
 *
 * ## Decision log
 *
 * ## Outcomes & Retrospective
 * ```
 *
 * ## Invalid
 *
 * ```json milestone-lint.config.json
 * { "plans": { "files": ["plans/**\/*.md"] } }
 * ```
 *
 * ```md plans/csv-export.md
 * # Export invoices as CSV
 *
 * ## Progress
 *
 * - [ ] Write the CSV writer.
 *
 * ## Suprises & Discoveries
 *
 * ### Decision Log
 * ```
 *
 * ```text output
 * 7:4  error  Required section "## Surprises & Discoveries" is missing; the heading "## Suprises & Discoveries" looks like a misspelling of it: rename it to "Surprises & Discoveries".
 * 9:1  error  Section "## Decision Log" is a level-3 heading here; the skeleton puts its sections at level 2: write "## Decision Log".
 * 9:17  error  Required section "## Outcomes & Retrospective" is missing; add it after the "## Decision Log" section.
 * ```
 */
import type { FileContext, FileRule, PlanPlace } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { quoteValue } from "../src/shared/quote.js";
import { scanBody, type ScannedHeading } from "../src/source/body-scan.js";
import { nodeRange } from "../src/source/markdown.js";
import {
  SKELETON_OPTIONS,
  headingKey,
  looksLikePlan,
  nearMiss,
  readPlanSections,
  sectionHeadingLabel,
  skeletonOf,
  wordingOf,
  type PlanSection,
  type PlanSections,
  type SkeletonOptions,
} from "../src/source/plan-sections.js";

/**
 * Where a missing section belongs: where the next section starts after the nearest
 * earlier one of the skeleton that is there (`there` counts misspelled and misleveled ones).
 */
function placement(context: FileContext<SkeletonOptions, PlanPlace>, sections: PlanSections, there: readonly PlanSection[], missing: number): { at: number; where: string } {
  const before = there.filter((f) => f.section < missing).reduce<PlanSection | undefined>((best, f) => (!best || f.section > best.section ? f : best), undefined);
  if (before) {
    const blocks = scanBody(context).root.children;
    const last = blocks[blocks.length - 1];
    const bodyEnd = last ? nodeRange(last).end : context.file.text.length;
    return { at: Math.min(before.end, bodyEnd), where: `after the ${quoteValue(sectionHeadingLabel(sections.skeleton, before.section), Infinity)} section` };
  }
  const first = [...there].sort((a, b) => a.heading.range.start - b.heading.range.start)[0];
  return first
    ? { at: first.heading.range.start, where: `before the ${quoteValue(sectionHeadingLabel(sections.skeleton, first.section), Infinity)} section` }
    : { at: sections.bodyStart, where: "at the start of the plan" };
}

/** A heading that is a typo of section `index`, among the headings at the skeleton's level that are no section. */
function misspelling(sections: PlanSections, index: number, taken: ReadonlySet<ScannedHeading>): PlanSections["others"][number] | undefined {
  const keys = [...(sections.accepted[index] ?? [])];
  return sections.others.find((o) => !taken.has(o.heading) && keys.some((k) => nearMiss(headingKey(o.heading.plain), k)));
}

/** The `#`s of an ATX heading, when the heading is one (a setext heading has none to change). */
function atxMarks(text: string, heading: ScannedHeading): { start: number; end: number } | undefined {
  let end = heading.range.start;
  while (text.charCodeAt(end) === 35 /* # */) end++;
  return end - heading.range.start === heading.depth ? { start: heading.range.start, end } : undefined;
}

export const execplanSectionRequired: FileRule<SkeletonOptions, PlanPlace> = {
  meta: {
    id: "execplan-section-required",
    description: "A plan has its title and every section its skeleton requires, at the skeleton's heading level",
    severity: "error",
    appliesTo: ["plan"],
    fixable: true,
    docsUrl: docsUrl("execplan-section-required"),
    ...SKELETON_OPTIONS,
  },
  check(context) {
    const skeleton = skeletonOf(context);
    const sections = readPlanSections(context, skeleton);
    if (!looksLikePlan(sections)) return;
    const text = context.file.text;
    // a title in the front matter is the plan's title
    if (skeleton.title && !sections.title && !context.frontMatter.get("title")) {
      context.report({
        message: `The plan has no title: start it with a heading above its sections ("${"#".repeat(Math.max(1, skeleton.level - 1))} …") that says what the plan does, as the skeleton does.`,
        at: sections.bodyStart,
      });
    }
    const present = new Set(sections.found.map((f) => f.section));
    // what stands for each missing required section: its heading at another level, or a misspelling of it
    const misleveled = new Map<number, PlanSection>();
    const misspelt = new Map<number, PlanSection>();
    const taken = new Set<ScannedHeading>();
    skeleton.sections.forEach((spec, index) => {
      if (!spec.required || present.has(index)) return;
      const elsewhere = sections.misleveled.find((m) => m.section === index);
      const typo = elsewhere ? undefined : misspelling(sections, index, taken);
      if (elsewhere) misleveled.set(index, elsewhere);
      if (typo) {
        taken.add(typo.heading);
        misspelt.set(index, { section: index, ...typo });
      }
    });
    const there = [...sections.found, ...misleveled.values(), ...misspelt.values()];
    skeleton.sections.forEach((spec, index) => {
      if (!spec.required || present.has(index)) return;
      const label = quoteValue(sectionHeadingLabel(skeleton, index), Infinity);
      const elsewhere = misleveled.get(index);
      if (elsewhere) {
        const marks = atxMarks(text, elsewhere.heading);
        context.report({
          message: `Section ${label} is a level-${elsewhere.heading.depth} heading here; the skeleton puts its sections at level ${skeleton.level}: write ${quoteValue(`${"#".repeat(skeleton.level)} ${elsewhere.heading.raw}`, Infinity)}.`,
          at: elsewhere.heading.range,
          ...(marks ? { fix: { range: [marks.start, marks.end] as [number, number], text: "#".repeat(skeleton.level) } } : {}),
        });
        return;
      }
      const typo = misspelt.get(index)?.heading;
      if (typo) {
        context.report({
          message: `Required section ${label} is missing; the heading ${quoteValue(`${"#".repeat(typo.depth)} ${typo.raw}`, Infinity)} looks like a misspelling of it: rename it to ${quoteValue(wordingOf(spec.heading), Infinity)}.`,
          at: typo.textRange,
          fix: { range: [typo.textRange.start, typo.textRange.end], text: wordingOf(spec.heading) },
        });
        return;
      }
      const { at, where } = placement(context, sections, there, index);
      context.report({ message: `Required section ${label} is missing; add it ${where}.`, at });
    });
  },
};
