/**
 * # title-matches-heading
 *
 * The `#` heading after `<!-- SECTION: Metadata -->` repeats the front matter
 * `title` (docs/format.md §5): when one is edited and the other is not, listings
 * (which read `title`) and the rendered page disagree. Without a Metadata marker
 * the file's first `#` heading is used. The heading matches when its text as
 * written, or with its Markdown removed, equals the title.
 *
 * ## Valid
 *
 * ```md
 * ---
 * title: "Ranked search API"
 * ---
 *
 * <!-- SECTION: Metadata -->
 * # Ranked search API
 * ```
 *
 * ## Invalid
 *
 * ```md
 * ---
 * title: "Ranked search API"
 * ---
 *
 * <!-- SECTION: Metadata -->
 * # Ranked Search
 * ```
 *
 * ```text output
 * 6:3  error  The title heading "# Ranked Search" does not match the front matter title "Ranked search API"; make them the same.
 * ```
 */
import type { FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { scanBody } from "../src/source/body-scan.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { markerText } from "../src/source/sections.js";
import { quotePair } from "../src/shared/quote-pair.js";
import { quoteValue } from "../src/shared/quote.js";

const METADATA = markerText("Metadata");

export const titleMatchesHeading: FileRule = {
  meta: {
    id: "title-matches-heading",
    description: "The `#` title heading equals the front matter `title`",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("title-matches-heading"),
  },
  check(context) {
    const title = stringValue(context.frontMatter, "title")?.value;
    if (title === undefined || title.trim() === "") return;
    const body = scanBody(context);
    const marker = body.comments.find((c) => c.value === METADATA);
    const heading =
      (marker?.next?.type === "heading" && marker.next.depth === 1 ? body.headingOf.get(marker.next) : undefined) ??
      body.headings.find((h) => h.depth === 1);
    if (!heading || heading.raw === "") return;
    const wanted = title.trim();
    // a title broken over lines can match no heading: front-matter-schema reports the line break, the one problem
    if (/[\r\n]/.test(wanted)) return;
    if (heading.raw === wanted || heading.plain === wanted) return;
    const [written, titled] = quotePair(heading.raw, wanted);
    context.report({
      message: `The title heading ${quoteValue(`# ${written}`, Infinity)} does not match the front matter title ${quoteValue(titled, Infinity)}; make them the same.`,
      at: heading.textRange,
    });
  },
};
