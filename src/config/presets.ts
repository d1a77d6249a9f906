/**
 * The built-in presets a config can `extends`. Plain data, in the shape of a config
 * file. A preset may name rules that are not loaded (rules of a newer version, or
 * of a branch not merged): those settings are skipped, never an error.
 */
import type { ConfigFile } from "./config-files.js";
import { CLI_SECTIONS } from "../source/sections.js";

/** The template, strict: every rule at its default severity and options. */
const recommended: ConfigFile = {};

/**
 * What the `agentrules` CLI writes (docs/format.md §7), exactly. Its milestones carry the
 * section headings but no `<!-- SECTION: … -->` markers, and only some of the
 * template's sections: the section rules find sections by heading alone and require
 * the CLI's (the template's others are optional, in the template's place; a section
 * out of place is a warning). Its Changelog entries use a colon; its rewrites of the
 * front matter (PyYAML's `safe_dump`) fold long values; it files finished milestones
 * in the folders each of its versions used, and `archived` (which the template it
 * scaffolds still offers) counts as finished like `completed`; a milestone may have its
 * plan's `fullstack` domain, which the CLI copies into it. Its ExecPlans get their
 * body checked: the title, the purpose and the four living sections that its
 * `PLANS.md` makes mandatory.
 */
const cliSections = { markers: false, sections: CLI_SECTIONS };
const cliPaths = { cliPaths: true };
const agentrules: ConfigFile = {
  // the section rules share one section model and its options
  rules: {
    "section-marker-required": ["error", cliSections],
    "section-marker-unknown": ["error", cliSections],
    "section-marker-duplicate": ["error", cliSections],
    "section-order": ["warn", cliSections],
    "section-heading": ["error", cliSections],
    // without markers, a marker quoted in a code block changes nothing
    "section-marker-in-code": "off",
    "changelog-entry": ["error", { separator: ":" }],
    "front-matter-simple-yaml": ["error", { foldedScalars: true }],
    "status-matches-folder": ["error", cliPaths],
    "archive-date": ["error", cliPaths],
    "filename-matches-id": ["error", cliPaths],
    "plan-sections": "error",
  },
  schema: {
    mode: "extend",
    milestone: {
      properties: {
        // the CLI gives a milestone its plan's domain, and plans may be `fullstack`
        domain: { description: "the area the milestone touches", enum: ["backend", "frontend", "console", "infra", "cross-cutting", "fullstack"] },
      },
    },
  },
};

/**
 * Plans of the PLANS.md practice, which the config's `plans` names (`--init` writes
 * it): each plan judged against its repository's skeleton. The order of sections
 * and a finished plan left among the active ones are warnings.
 */
const execplan: ConfigFile = {
  rules: {
    "execplan-section-required": "error",
    "execplan-section-duplicate": "error",
    "execplan-section-order": "warn",
    "execplan-progress": "error",
    "execplan-finished": "error",
    "execplan-finished-in-active": "warn",
    "execplan-template-text": "error",
    "execplan-local-path": "error",
    "execplan-front-matter-fences": "error",
    "execplan-references": "error",
  },
};

export const PRESETS: Readonly<Record<string, ConfigFile>> = { recommended, agentrules, execplan };

/** The presets that lint plans of the PLANS.md practice: a config that extends one must say which files are plans. */
export const PLAN_PRESETS: ReadonlySet<string> = new Set(["execplan"]);
