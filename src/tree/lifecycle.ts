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
 * The command that moves a finished milestone to its closed folder: `complete` in the
 * upstream layout; `archive` in the template's, whose older CLI versions know only
 * that name (newer ones keep it as an alias).
 */
export function milestoneCloseCommand(planId: string, ms: number | "<N>", layout: Layout): string {
  return `agentrules execplan milestone ${layout === "upstream" ? "complete" : "archive"} ${planId} --ms ${ms}`;
}

/** The command that moves a finished plan, with its milestones, to `complete/YYYY/MM/DD/`. */
export function planCompleteCommand(planId: string): string {
  return `agentrules execplan complete ${planId}`;
}
