/**
 * # status-matches-folder
 *
 * A milestone's `status` agrees with the folder it is in (docs/format.md §2, §3).
 *
 * Template layout: milestones live in `milestones/active/` or
 * `milestones/archive/YYYY/MM/DD/`; `archived` only under `archive/`, and a file
 * under `archive/` is `completed` or `archived`.
 *
 * Upstream layout: milestones live in `milestones/active/` or
 * `milestones/complete/` (`archive/` is the older spelling); statuses are
 * `planned`, `in_progress`, `completed` and `blocked`, so `archived` is wrong there,
 * and a file under `complete/` is `completed`.
 *
 * A milestone elsewhere (directly in `milestones/`, in an unknown folder) is
 * reported too. When the fix is a move, the `git mv` is suggested.
 *
 * `completed/` is read as an older spelling of `complete/`, as agentrules reads it.
 * Option `cliPaths` (on in the `agentrules` preset): in the template layout, the
 * folders the agentrules CLI writes are right as well, `milestones/complete/` (or
 * `completed/`) and a `milestones/archive/` without date folders; and in the upstream
 * layout `archived` (which the template the CLI scaffolds still offers) is a finished
 * status like `completed`, right in `milestones/complete/` and wrong in `active/`. A
 * `completed` milestone still in `milestones/active/` is `finished-work-moved`'s.
 *
 * Only the statuses of open work (`planned`, `in_progress`, `blocked`) are wrong in a
 * closed folder: a value that is no status at all (`done`, which people carry over from
 * plans) is `front-matter-schema`'s to report, and the folder says the work is finished,
 * so moving the file back to `milestones/active/` would be the wrong fix.
 *
 * ## Valid
 *
 * ### The template's archive
 *
 * ```md search-index/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * status: completed
 * ---
 * ```
 *
 * ### With `cliPaths`: the CLI's folders in the template layout
 *
 * ```json milestone-lint.config.json
 * { "rules": { "status-matches-folder": ["error", { "cliPaths": true }] } }
 * ```
 *
 * ```md search-index/milestones/complete/MS001_tsvector-column.md
 * ---
 * status: completed
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md
 * ---
 * status: archived
 * ---
 * ```
 *
 * ```text output
 * 2:9  error  `status` is archived but the file is in `milestones/active/`; an archived milestone lives in `milestones/archive/YYYY/MM/DD/` (the day it was archived): move it there, or change `status`.
 *   → mkdir -p -- search-index/milestones/archive/2026/11/25 && git mv -- search-index/milestones/active/EP-20260210-003_MS001_tsvector-column.md search-index/milestones/archive/2026/11/25/EP-20260210-003_MS001_tsvector-column.md
 * ```
 */
import path from "node:path";
import type { FileContext, FileRule, Range } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { stringValue } from "../src/source/front-matter-values.js";
import { gitMv } from "../src/tree/git-mv.js";
import { CLI_PATHS_OPTIONS_SCHEMA, type CliPathOptions } from "../src/tree/cli-paths.js";
import { OPEN_MILESTONE } from "../src/tree/lifecycle.js";
import { ARCHIVE_FOLDERS } from "../src/tree/plan-tree.js";

const UPSTREAM_STATUSES = ["planned", "in_progress", "completed", "blocked"];

function report(context: FileContext<CliPathOptions>, message: string, at: Range | number, target?: string[]): void {
  const { file } = context;
  const moveTo = target && path.join(file.place.planDir, "milestones", ...target, file.place.fileName);
  context.report({ message, at, ...(moveTo ? { suggestion: gitMv(file, moveTo) } : {}) });
}

function template(context: FileContext<CliPathOptions>, status: string | undefined, at: Range | number): void {
  const { folder, subfolders = [] } = context.file.place;
  const cli = context.options.cliPaths === true;
  const archiveToday = ["archive", ...context.today.split("-")];
  const finished = status === "archived" || status === "completed";
  // the CLI's own folders for finished milestones, beside the template's archive/
  const closed = folder === "archive" || (cli && ARCHIVE_FOLDERS.has(folder ?? ""));
  if (folder !== "active" && !closed) {
    const where = folder === undefined ? "directly in `milestones/`" : `in \`milestones/${[folder, ...subfolders].join("/")}/\``;
    const homes = cli ? "`milestones/archive/` or `milestones/complete/`" : "`milestones/archive/YYYY/MM/DD/`";
    report(context, `Milestone is ${where}, which is not a milestone folder; a milestone lives in \`milestones/active/\`, or archived in ${homes}.`, at, finished ? archiveToday : ["active"]);
  } else if (closed && folder !== "archive" && subfolders.length > 0) {
    report(context, `Milestone is in \`milestones/${[folder, ...subfolders].join("/")}/\`; finished milestones sit directly in \`milestones/${folder}/\`.`, at, [folder ?? "complete"]);
  } else if (folder === "active" && subfolders.length > 0) {
    report(context, `Milestone is in \`milestones/active/${subfolders.join("/")}/\`; active milestones sit directly in \`milestones/active/\`.`, at, status === "archived" ? archiveToday : ["active"]);
  } else if (folder === "active" && status === "archived") {
    report(context, "`status` is archived but the file is in `milestones/active/`; an archived milestone lives in `milestones/archive/YYYY/MM/DD/` (the day it was archived): move it there, or change `status`.", at, archiveToday);
  } else if (closed && status !== undefined && OPEN_MILESTONE.has(status)) {
    report(context, `\`status\` is ${status} but the file is archived under \`milestones/${folder}/\`, which only holds \`completed\` or \`archived\` milestones: change \`status\`, or move the file back to \`milestones/active/\` if work goes on.`, at, ["active"]);
  }
}

function upstream(context: FileContext<CliPathOptions>, status: string | undefined, at: Range | number): void {
  const { folder, subfolders = [] } = context.file.place;
  const home = status === "completed" ? ["complete"] : ["active"];
  if (status === "archived" && !context.options.cliPaths) {
    context.report({
      message: `\`status\` is archived, which is not a status in the upstream layout (${UPSTREAM_STATUSES.join(", ")}); a finished milestone is \`completed\` and sits in \`milestones/complete/\`.`,
      at,
    });
  }
  if (folder !== "active" && !ARCHIVE_FOLDERS.has(folder ?? "")) {
    const where = folder === undefined ? "directly in `milestones/`" : `in \`milestones/${[folder, ...subfolders].join("/")}/\``;
    report(context, `Milestone is ${where}, which is not a milestone folder; in the upstream layout a milestone lives in \`milestones/active/\` or \`milestones/complete/\`.`, at, home);
  } else if (subfolders.length > 0) {
    report(context, `Milestone is in \`milestones/${[folder, ...subfolders].join("/")}/\`; in the upstream layout milestones sit directly in \`milestones/${folder}/\`.`, at, [folder ?? "complete"]);
  } else if (folder === "active" && status === "archived" && context.options.cliPaths) {
    report(context, "`status` is archived but the file is in `milestones/active/`; an archived milestone lives in `milestones/complete/`: move it there, or change `status`.", at, ["complete"]);
  } else if (folder !== "active" && status !== undefined && OPEN_MILESTONE.has(status)) {
    report(context, `\`status\` is ${status} but the file is in \`milestones/${folder}/\`, which only holds \`completed\` milestones: change \`status\`, or move the file back to \`milestones/active/\` if work goes on.`, at, ["active"]);
  }
}

export const statusMatchesFolder: FileRule<CliPathOptions> = {
  meta: {
    id: "status-matches-folder",
    description: "A milestone's `status` agrees with its folder (`active/`, `archive/YYYY/MM/DD/`, upstream `complete/`)",
    severity: "error",
    appliesTo: ["milestone"],
    docsUrl: docsUrl("status-matches-folder"),
    optionsSchema: CLI_PATHS_OPTIONS_SCHEMA,
    defaultOptions: { cliPaths: false },
    lifecycle: "place",
  },
  check(context) {
    const status = stringValue(context.frontMatter, "status");
    const at = status?.range ?? context.frontMatter.open ?? 0;
    if (context.file.place.layout === "upstream") upstream(context, status?.value, at);
    else template(context, status?.value, at);
  },
};
