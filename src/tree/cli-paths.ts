/**
 * The `cliPaths` option of the rules that judge where a milestone sits and how it is
 * named. The template (FORMAT.md §2) files a finished milestone under
 * `milestones/archive/YYYY/MM/DD/EP-…_MS###_<slug>.md`; versions of the agentrules
 * CLI have also written, for a plan in that same `<plan_slug>/` folder, a
 * `milestones/archive/` without date folders, `milestones/complete/` (or
 * `completed/`) and `MS###_<slug>.md` names. With `cliPaths: true` (the `agentrules`
 * preset) all of those are right; without it, only the template's forms are.
 */

// a type, not an interface, so that it fits the engine's `Record<string, unknown>` options
export type CliPathOptions = {
  cliPaths?: boolean;
};

export const CLI_PATHS_OPTIONS_SCHEMA = {
  type: "object",
  properties: { cliPaths: { type: "boolean" } },
  additionalProperties: false,
} as const;
