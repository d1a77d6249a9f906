/**
 * # filename-matches-id
 *
 * The file name agrees with the `id` in the front matter, which is the real
 * identity (docs/format.md §1–§3):
 *
 * - a milestone is `EP-YYYYMMDD-NNN_MS###_<slug>.md`, with the plan and `MS###` of
 *   its `id`; in the upstream layout `MS###_<slug>.md` is right as well, and, as
 *   `agentrules` reads them there, `MS###-<slug>.md` and `MS###.md`;
 * - an ExecPlan is `EP-YYYYMMDD-NNN_<slug>.md` or `EP-YYYYMMDD-NNN.md`, with its `id`;
 * - the slug is letters, digits, `-` and `_`, starting with a letter or digit.
 *
 * Option `cliPaths` (on in the `agentrules` preset): milestones of template-layout
 * plans may have the upstream names too (newer agentrules versions write
 * `MS###_<slug>.md` there).
 *
 * Reported at the `id` value, with the `git mv` that renames the file.
 *
 * ## Valid
 *
 * ### The template's name
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ### With `cliPaths`: the CLI's short name in the template layout
 *
 * ```json milestone-lint.config.json
 * { "rules": { "filename-matches-id": ["error", { "cliPaths": true }] } }
 * ```
 *
 * ```md search-index/milestones/active/MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS002
 * ---
 * ```
 *
 * ## Invalid
 *
 * ```md search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md
 * ---
 * id: EP-20260210-003/MS003
 * ---
 * ```
 *
 * ```text output
 * 2:5  error  File name `EP-20260210-003_MS002_ranked-search-api.md` does not match `id` EP-20260210-003/MS003: it names MS002, not MS003. Expected EP-YYYYMMDD-NNN_MS###_<slug>.md: rename the file to `EP-20260210-003_MS003_ranked-search-api.md`.
 *   → git mv -- search-index/milestones/active/EP-20260210-003_MS002_ranked-search-api.md search-index/milestones/active/EP-20260210-003_MS003_ranked-search-api.md
 * ```
 */
import path from "node:path";
import type { FileContext, FileRule } from "../src/shared/types.js";
import { docsUrl } from "../src/shared/docs-url.js";
import { MILESTONE_ID, PLAN_ID, SLUG, slugify, splitMilestoneFileName, splitPlanFileName } from "../src/tree/identity.js";
import { stringValue, type Located } from "../src/source/front-matter-values.js";
import { gitMv } from "../src/tree/git-mv.js";
import { CLI_PATHS_OPTIONS_SCHEMA, type CliPathOptions } from "../src/tree/cli-paths.js";

interface Expectation {
  problems: string[];
  /** The right file name, when one can be given. */
  rename?: string;
}

/** The slug to keep, or a problem with it and a slug to use instead. */
function checkSlug(slug: string | undefined, title: string | undefined, problems: string[], required: boolean): string | undefined {
  if (slug === undefined || slug === "") {
    if (!required) return undefined;
    problems.push("it has no `_<slug>` after the ID");
    return title !== undefined && slugify(title) !== "" ? slugify(title) : undefined;
  }
  if (SLUG.test(slug)) return slug;
  problems.push(`its slug \`${slug}\` is not letters, digits, \`-\` and \`_\` starting with a letter or digit`);
  const fixed = slugify(slug);
  return fixed === "" ? undefined : fixed;
}

/** Whether the upstream milestone names (`MS###_<slug>.md`, `MS###-<slug>.md`, `MS###.md`) are right for this file. */
function upstreamNames(context: FileContext<CliPathOptions>): boolean {
  return context.file.place.layout === "upstream" || context.options.cliPaths === true;
}

function milestone(context: FileContext<CliPathOptions>, id: string): Expectation {
  const { place } = context.file;
  const [plan = "", msPart = ""] = id.split("/");
  const name = splitMilestoneFileName(place.fileName);
  const problems: string[] = [];
  const upstream = upstreamNames(context);
  const upstreamShort = upstream && name.plan === undefined;
  if (name.plan === undefined && !upstreamShort) problems.push(`it does not start with the plan ID ${plan}`);
  else if (name.plan !== undefined && name.plan !== plan) problems.push(`it names plan ${name.plan}, not ${plan}`);
  if (name.ms === undefined) problems.push(`it has no ${msPart}`);
  else if (name.ms !== msPart) problems.push(`it names ${name.ms}, not ${msPart}`);
  // agentrules itself reads `MS###-<slug>.md` and `MS###.md` in its newer layout
  if (!upstream && name.separator === "-") problems.push(`\`_\`, not \`-\`, goes between ${msPart} and the slug`);
  const slug = checkSlug(name.slug, stringValue(context.frontMatter, "title")?.value, problems, !upstream);
  if (problems.length === 0) return { problems };
  const prefix = upstreamShort ? msPart : `${plan}_${msPart}`;
  if (slug === undefined) return upstream ? { problems, rename: `${prefix}${name.extension}` } : { problems };
  const separator = upstream ? (name.separator ?? "_") : "_";
  return { problems, rename: `${prefix}${separator}${slug}${name.extension}` };
}

function execplan(context: FileContext, id: string): Expectation {
  const name = splitPlanFileName(context.file.place.fileName);
  const problems: string[] = [];
  if (name.plan !== id) problems.push(`it names plan ${name.plan}, not ${id}`);
  const slug = checkSlug(name.slug, undefined, problems, false);
  const invalidSlug = name.slug !== undefined && name.slug !== "" && slug === undefined;
  if (problems.length === 0) return { problems };
  return { problems, ...(invalidSlug ? {} : { rename: `${id}${slug !== undefined ? `_${slug}` : ""}${name.extension}` }) };
}

export const filenameMatchesId: FileRule<CliPathOptions> = {
  meta: {
    id: "filename-matches-id",
    description: "The file name agrees with `id` (plan ID, `MS###`) and has a valid slug",
    severity: "error",
    appliesTo: ["milestone", "execplan"],
    docsUrl: docsUrl("filename-matches-id"),
    optionsSchema: CLI_PATHS_OPTIONS_SCHEMA,
    defaultOptions: { cliPaths: false },
  },
  check(context) {
    const { file } = context;
    const kind = file.place.kind;
    const id: Located<string> | undefined = stringValue(context.frontMatter, "id");
    // without a valid ID there is nothing to name the file after (the schema and id-valid say why)
    if (!id || !(kind === "milestone" ? MILESTONE_ID : PLAN_ID).test(id.value)) return;
    const { problems, rename } = kind === "milestone" ? milestone(context, id.value) : execplan(context, id.value);
    if (problems.length === 0) return;
    const form = kind === "execplan"
      ? "EP-YYYYMMDD-NNN_<slug>.md or EP-YYYYMMDD-NNN.md"
      : upstreamNames(context) ? "EP-YYYYMMDD-NNN_MS###_<slug>.md or MS###_<slug>.md" : "EP-YYYYMMDD-NNN_MS###_<slug>.md";
    context.report({
      message: `File name \`${file.place.fileName}\` does not match \`id\` ${id.value}: ${problems.join("; ")}. Expected ${form}${rename ? `: rename the file to \`${rename}\`` : ""}.`,
      at: id.range,
      ...(rename ? { suggestion: gitMv(file, path.join(path.dirname(file.path), rename)) } : {}),
    });
  },
};
