/**
 * What "finished" means for plans and milestones (FORMAT.md §8), and the agentrules
 * commands that finish them: shared by the rules that compare a status with a folder,
 * with a plan's milestones, or with a body's checklists.
 */
import type { Layout } from "../shared/types.js";

/** Milestone statuses of finished work: `archived` is the template's, `completed` the CLI's. */
export const CLOSED_MILESTONE: ReadonlySet<string> = new Set(["completed", "archived"]);
/** Milestone statuses of work still to do. */
export const OPEN_MILESTONE: ReadonlySet<string> = new Set(["planned", "in_progress", "blocked"]);
/** Plan statuses of finished work: `done` as people set it, `archived` as `agentrules execplan complete` sets it. */
export const FINISHED_PLAN: ReadonlySet<string> = new Set(["done", "archived"]);

/**
 * The command that moves a finished milestone to its closed folder: `complete` where
 * finished milestones go to `milestones/complete/`, `archive` where they go to
 * `milestones/archive/` (the template layout, and trees of the older CLI, which knows
 * only that name; newer ones keep it as an alias).
 */
export function milestoneCloseCommand(planId: string, ms: number | "<N>", verb: "complete" | "archive"): string {
  return `agentrules execplan milestone ${verb} ${planId} --ms ${ms}`;
}

/** The command that moves a finished plan, with its milestones, to `complete/YYYY/MM/DD/` (`archive/…` with the older CLI's `archive`). */
export function planCompleteCommand(planId: string, verb: "complete" | "archive" = "complete"): string {
  return `agentrules execplan ${verb} ${planId}`;
}

/** The verb of a milestone's move: `archive` in the template layout, else the tree's name for the folder. */
export function milestoneVerb(layout: Layout, name: "complete" | "archive"): "complete" | "archive" {
  return layout === "upstream" ? name : "archive";
}
