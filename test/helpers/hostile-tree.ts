/** Throw-away copies of `fixtures/valid` in a temp folder, to add hostile files to. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURES } from "./fixtures.js";

export const ACTIVE = ".agent/exec_plans/search-index/milestones/active";
/** The valid tree's active milestone, the model for the files the tests write. */
export const VALID_MILESTONE = `${ACTIVE}/EP-20260210-003_MS002_ranked-search-api.md`;

export function validMilestoneText(): string {
  return readFileSync(path.join(FIXTURES, "valid", VALID_MILESTONE), "utf8");
}

export interface Tree {
  dir: string;
  /** Absolute path of `rel` inside the tree. */
  abs(rel: string): string;
  /** Writes `content` at `rel` (folders made as needed); returns `rel`. */
  write(rel: string, content: string | Buffer): string;
  remove(): void;
}

export function validTree(): Tree {
  const dir = mkdtempSync(path.join(os.tmpdir(), "milestone-lint-"));
  cpSync(path.join(FIXTURES, "valid", ".agent"), path.join(dir, ".agent"), { recursive: true });
  const abs = (rel: string) => path.join(dir, rel);
  return {
    dir,
    abs,
    write(rel, content) {
      mkdirSync(path.dirname(abs(rel)), { recursive: true });
      writeFileSync(abs(rel), content);
      return rel;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
