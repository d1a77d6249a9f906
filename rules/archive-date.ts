/**
 * # archive-date
 *
 * The date folders of an archived file name a real day that has happened.
 *
 * - Template layout: an archived milestone sits in `milestones/archive/YYYY/MM/DD/`,
 *   the day it was archived: the three folders exist, form a real calendar date,
 *   not before the milestone's `created`, not after today.
 * - Upstream layout: a completed plan sits in `complete/YYYY/MM/DD/<plan>/`: the
 *   date is real and not after today (nor before the plan's `created`). Reported
 *   on the ExecPlan file only, not again on each of its milestones.
 *
 * Today is the local date, or `--now`.
 *
 * Option `cliPaths` (on in the `agentrules` preset): a template-layout milestone
 * directly in `milestones/archive/`, without date folders, is right too (newer
 * agentrules versions archive it there).
 *
 * ## Valid
 *
 * ### A dated archive
 *
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * created: 2026-02-11
 * ---
 * ```
 *
 * ### With `cliPaths`: an archive without date folders
 *
 * ```json milestone-lint.config.json
 * { "rules": { "archive-date": ["error", { "cliPaths": true }] } }
 * ```
 *
 * ```md search-index/milestones/archive/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * created: 2026-02-11
 * ---
 * ```
 *
 * ## Invalid
 *
 * ### No 30 February
 *
 * ```md search-index/milestones/archive/2026/02/30/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * created: 2026-02-11
 * ---
 * ```
 *
 * ```text output
 * 1:1  error  Archived milestone is in `milestones/archive/2026/02/30/`, but 2026-02-30 is not a real calendar date; the folders must name the day it was archived.
 * ```
 *
 * ### No day folder
 *
 * ```md search-index/milestones/archive/2026/03/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * created: 2026-02-11
 * ---
 * ```
 *
 * ```text output
 * 1:1  error  Archived milestone is in `milestones/archive/2026/03/`, but it belongs in `milestones/archive/YYYY/MM/DD/`, the day it was archived (e.g. `milestones/archive/2026/11/25/`).
 * ```
 *
 * ### A plan completed after today
 *
 * ```md complete/2026/12/01/EP-20260210-003_search-index/EP-20260210-003_search-index.md
 * ---
 * id: EP-20260210-003
 * created: 2026-02-10
 * ---
 * ```
 *
 * ```text output
 * 1:1  error  Plan is in `complete/2026/12/01/`, but 2026-12-01 is after today (2026-11-25); the folders must name the day it was completed.
 * ```
 */
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { isIsoDate } from "../src/tree/dates.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { CLI_PATHS_OPTIONS_SCHEMA, type CliPathOptions } from "../src/tree/cli-paths.js";

/** Checks `YYYY/MM/DD` folders below `base` and reports what is wrong with them. */
function checkDateFolders(context: FileContext<CliPathOptions>, folders: readonly string[], base: string, what: string, verb: string): void {
  const shown = `\`${[base, ...folders].join("/")}/\``;
  const at = context.frontMatter.open ?? 0;
  const [year = "", month = "", day = ""] = folders;
  if (folders.length !== 3 || !/^\d{4}$/.test(year) || !/^\d{2}$/.test(month) || !/^\d{2}$/.test(day)) {
    context.report({
      message: `${what} is in ${shown}, but it belongs in \`${base}/YYYY/MM/DD/\`, the day it was ${verb} (e.g. \`${base}/${context.today.replace(/-/g, "/")}/\`).`,
      at,
    });
    return;
  }
  const date = `${year}-${month}-${day}`;
  if (!isIsoDate(date)) {
    context.report({ message: `${what} is in ${shown}, but ${date} is not a real calendar date; the folders must name the day it was ${verb}.`, at });
    return;
  }
  if (date > context.today) {
    context.report({ message: `${what} is in ${shown}, but ${date} is after today (${context.today}); the folders must name the day it was ${verb}.`, at });
  }
  const created = stringValue(context.frontMatter, "created");
  if (created && isIsoDate(created.value) && date < created.value) {
    context.report({
      message: `${what} is in ${shown}, but ${date} is before \`created\` (${created.value}); it cannot be ${verb} before it was created: fix the folders or \`created\`.`,
      at: created.range,
    });
  }
}

export const archiveDate: FileRule<CliPathOptions> = {
  meta: {
    id: "archive-date",
    description: "Archive date folders `YYYY/MM/DD` are a real date, not before `created`, not in the future",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("archive-date"),
    optionsSchema: CLI_PATHS_OPTIONS_SCHEMA,
    defaultOptions: { cliPaths: false },
  },
  check(context) {
    const { place } = context.file;
    if (place.kind === "milestone" && place.layout === "template" && place.folder === "archive") {
      if (context.options.cliPaths && (place.subfolders ?? []).length === 0) return;
      checkDateFolders(context, place.subfolders ?? [], "milestones/archive", "Archived milestone", "archived");
    } else if (place.kind === "execplan" && place.planDate) {
      checkDateFolders(context, place.planDate, place.planFolder ?? "complete", "Plan", "completed");
    }
  },
};
