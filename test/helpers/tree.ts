/**
 * Throw-away copies of one plan of fixtures/valid (search-index: the plan, an active
 * and an archived milestone) in the temp folder, to add config files and break things in.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES } from "./fixtures.js";

const PLANS = ".agent/exec_plans/search-index";
export const MILESTONE = `${PLANS}/milestones/active/EP-20260210-003_MS002_ranked-search-api.md`;
export const ARCHIVED = `${PLANS}/milestones/archive/2026/03/02/EP-20260210-003_MS001_tsvector-column.md`;
export const EXECPLAN = `${PLANS}/EP-20260210-003_search-index.md`;

/** A milestone of the plan that is not on disk: the text of draft(), MS003 "Search box". */
export const DRAFT = `${PLANS}/milestones/active/EP-20260210-003_MS003_search-box.md`;
/** DRAFT numbered MS002, which the plan's active milestone already has. */
export const TAKEN = DRAFT.replace("MS003", "MS002");

const made: string[] = [];

/** A copy of the search-index plan of fixtures/valid with `files` (relative path → content) written over it. */
export function tree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-"));
  made.push(dir);
  cpSync(path.join(FIXTURES, "valid", PLANS), path.join(dir, PLANS), { recursive: true });
  for (const [rel, text] of Object.entries(files)) write(dir, rel, text);
  return dir;
}

export function write(dir: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), text);
}

export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), "utf8");
}

/** Rewrites one file of the tree. */
export function edit(dir: string, rel: string, change: (text: string) => string): void {
  write(dir, rel, change(read(dir, rel)));
}

/** The active milestone retold as a new one, "Search box", numbered `ms` (3 fits the tree; 2 takes MILESTONE's number). */
export function draft(dir: string, ms = 3): string {
  return read(dir, MILESTONE)
    .replace("id: EP-20260210-003/MS002", `id: EP-20260210-003/MS00${ms}`)
    .replace("ms: 2", `ms: ${ms}`)
    .replace('title: "Ranked search API"', 'title: "Search box"')
    .replace("# Ranked search API", "# Search box");
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The milestone's status set to something the schema rejects (line 6, column 9). */
export const badStatus = (text: string) => text.replace("status: in_progress", "status: in-progress");

export function removeTrees(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
