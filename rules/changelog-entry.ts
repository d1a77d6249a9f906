/**
 * # changelog-entry
 *
 * The entries under `## Changelog` have the template's form,
 * `- YYYY-MM-DD — note` (docs/format.md §5): a `YYYY-MM-DD` date that exists on the
 * calendar, a dash (`—`, `–` or `-`, or a colon), and a note. An entry dated after
 * the front matter `updated` means `updated` was not bumped with it. Date
 * problems are reported at the date. The template's own `YYYY-MM-DD` is left to
 * `no-template-placeholder`.
 *
 * Option `separator`: the separator messages ask for, `"—"` (the template's, the
 * default) or `":"` (what the agentrules CLI writes, `- 2026-03-02: Milestone
 * created.`; the `agentrules` preset's). Either is accepted whatever the option says.
 *
 * ## Valid
 *
 * ```md
 * ---
 * updated: 2026-03-20
 * ---
 *
 * ## Changelog
 *
 * - 2026-03-02 — Milestone created.
 * - 2026-03-20: Pagination switched to cursors.
 * ```
 *
 * ## Invalid
 *
 * ### The template's form
 *
 * ```md
 * ---
 * updated: 2026-03-20
 * ---
 *
 * ## Changelog
 *
 * - 2026-02-30 — Milestone created.
 * - 2026/03/04 — Pagination switched to cursors.
 * - 2026-03-24 — Ranking weights tuned.
 * - 2026-03-18
 * ```
 *
 * ```text output
 * 7:3  error  Changelog entry date "2026-02-30" is not a real calendar date; expected `- YYYY-MM-DD — note` with a day that exists.
 * 8:3  error  Changelog entry date "2026/03/04" is not in the form YYYY-MM-DD; write "2026-03-04".
 * 9:3  error  Changelog entry date "2026-03-24" is after the front matter `updated` (2026-03-20); bump `updated` to 2026-03-24, or correct the entry's date.
 * 10:3  error  Changelog entry "2026-03-18" has no note; expected `- YYYY-MM-DD — note`, saying what changed and why.
 * ```
 *
 * ### With `separator: ":"`, as the agentrules CLI writes them
 *
 * ```json milestone-lint.config.json
 * { "rules": { "changelog-entry": ["error", { "separator": ":" }] } }
 * ```
 *
 * ```md
 * ---
 * updated: 2026-03-20
 * ---
 *
 * ## Changelog
 *
 * - 2026-03-02: Milestone created.
 * - 2026-03-20 cursors
 * ```
 *
 * ```text output
 * 8:14  error  Changelog entry has no ":" between its date and its note; expected `- YYYY-MM-DD: note`.
 * ```
 */
import type { ListItem } from "mdast";
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { scanBody } from "../src/source/body-scan.js";
import { isIsoDate, isRealDate } from "../src/tree/dates.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { nodeRange } from "../src/source/markdown.js";

// a type, not an interface, so that it fits the engine's `Record<string, unknown>` options
type ChangelogOptions = { separator?: "—" | ":" };

/** The entry form messages ask for. */
const formOf = (options: ChangelogOptions): string => (options.separator === ":" ? "`- YYYY-MM-DD: note`" : "`- YYYY-MM-DD — note`");
const PLACEHOLDER = "YYYY-MM-DD";
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** Year first, any of `-`, `/`, `.` between, one or two digits for month and day. */
const LOOSE_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const SEPARATORS = new Set(["—", "–", "-", "--", ":"]);

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `2026/3/4` → `2026-03-04`, when it names a real day. */
function isoFromLoose(token: string): string | undefined {
  const m = LOOSE_DATE.exec(token);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}` : undefined;
}

function checkEntry(context: FileContext<ChangelogOptions>, item: ListItem, updated: string | undefined): void {
  const text = context.file.text;
  const form = formOf(context.options);
  const first = item.children[0];
  if (first?.type !== "paragraph") {
    context.report({ message: `Changelog entry does not start with a date; expected ${form}.`, at: first ? nodeRange(first) : nodeRange(item) });
    return;
  }
  const { start, end } = nodeRange(first);
  let tokenEnd = start;
  while (tokenEnd < end && !isBlank(text.charCodeAt(tokenEnd)) && text.charCodeAt(tokenEnd) !== 10 && text.charCodeAt(tokenEnd) !== 13) tokenEnd++;
  let token = text.slice(start, tokenEnd);
  let colon = false;
  if (token.length > 1 && (token.endsWith(":") || token.endsWith(","))) {
    colon = token.endsWith(":");
    token = token.slice(0, -1);
  }
  const at = { start, end: start + token.length };
  if (token === PLACEHOLDER) return;
  if (!isDigit(token.charCodeAt(0))) {
    context.report({ message: `Changelog entry does not start with a date; expected ${form}.`, at });
    return;
  }
  const shown = token.length > 40 ? `${token.slice(0, 37)}…` : token;
  if (!ISO_SHAPE.test(token)) {
    const iso = isoFromLoose(token);
    context.report({
      message: `Changelog entry date "${shown}" is not in the form YYYY-MM-DD; ${iso ? `write "${iso}"` : `expected ${form}`}.`,
      at,
    });
    return;
  }
  if (!isIsoDate(token)) {
    context.report({ message: `Changelog entry date "${token}" is not a real calendar date; expected ${form} with a day that exists.`, at });
    return;
  }
  if (updated !== undefined && token > updated) {
    context.report({
      message: `Changelog entry date "${token}" is after the front matter \`updated\` (${updated}); bump \`updated\` to ${token}, or correct the entry's date.`,
      at,
    });
  }
  // the separator and the note
  let i = start + token.length + (colon ? 1 : 0);
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  let sep = colon;
  if (!sep) {
    let j = i;
    while (j < end && !isBlank(text.charCodeAt(j)) && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    const word = text.slice(i, j);
    if (SEPARATORS.has(word)) {
      sep = true;
      i = j;
    } else if (word.startsWith("—") || word.startsWith("–")) {
      sep = true;
      i++;
    }
  }
  const note = text.slice(i, end).trim();
  if (!sep && note !== "") {
    const between = context.options.separator === ":" ? `":"` : `" — "`;
    context.report({ message: `Changelog entry has no ${between} between its date and its note; expected ${form}.`, at: i });
  } else if (note === "") {
    context.report({ message: `Changelog entry "${token}" has no note; expected ${form}, saying what changed and why.`, at });
  }
}

export const changelogEntry: FileRule<ChangelogOptions> = {
  meta: {
    id: "changelog-entry",
    description: "Changelog entries are `- YYYY-MM-DD — note` with a real date, not after `updated`",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("changelog-entry"),
    optionsSchema: { type: "object", properties: { separator: { enum: ["—", ":"] } }, additionalProperties: false },
    defaultOptions: { separator: "—" },
  },
  check(context) {
    const body = scanBody(context);
    const raw = stringValue(context.frontMatter, "updated")?.value;
    const updated = raw !== undefined && isIsoDate(raw) ? raw : undefined;
    // one pass over the top-level blocks: lists between `## Changelog` and the next heading of its level or above
    let inChangelog = false;
    for (const node of body.root.children) {
      if (node.type === "heading" && node.depth <= 2) {
        const heading = body.headingOf.get(node);
        inChangelog = node.depth === 2 && heading !== undefined && (heading.raw === "Changelog" || heading.plain === "Changelog");
      } else if (inChangelog && node.type === "list") {
        for (const item of node.children) checkEntry(context, item, updated);
      }
    }
  },
};
