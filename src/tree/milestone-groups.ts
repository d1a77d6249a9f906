/**
 * Deciding, among milestone files that claim the same identity, which one is kept
 * and what happens to the others (deleted as a stale copy, or renumbered).
 */
import path from "node:path";
import { displayPathOf } from "./git-mv.js";
import { msLabel } from "./identity.js";
import type { MilestoneNode } from "./plan-tree.js";
import type { ProjectReport } from "../shared/types.js";

export function titleOf(m: MilestoneNode): string | undefined {
  const t = m.entry.keys.title?.value;
  return typeof t === "string" && t.trim() !== "" ? t.trim() : undefined;
}

/** Two files of one milestone: the same title (an edited title makes them different milestones, which is the safe side). */
export function sameTitle(a: MilestoneNode, b: MilestoneNode): boolean {
  const ta = titleOf(a);
  return ta !== undefined && ta.toLowerCase() === titleOf(b)?.toLowerCase();
}

export function stateOf(m: MilestoneNode): string {
  const folder = m.entry.place.folder ?? "archive";
  return m.archived ? (folder.endsWith("d") ? folder : `${folder}d`) : "active";
}

const text = (m: MilestoneNode, key: string): string => {
  const v = m.entry.keys[key]?.value;
  return typeof v === "string" ? v : "";
};

/**
 * The kept file sorts first: archived before active (archiving is the later step),
 * then created first (a later one is renumbered), then updated last (of two copies
 * the newer wins), then by path.
 */
export function keeperOrder(a: MilestoneNode, b: MilestoneNode): number {
  if (a.archived !== b.archived) return a.archived ? -1 : 1;
  const created = text(a, "created").localeCompare(text(b, "created"));
  if (created !== 0 && text(a, "created") && text(b, "created")) return created;
  const updated = text(b, "updated").localeCompare(text(a, "updated"));
  if (updated !== 0) return updated;
  return a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0;
}

/** The file's path (as shown) with its `MS###` changed to `ms`, or undefined when the name has none. */
export function renamedMilestone(m: MilestoneNode, ms: number): string | undefined {
  const name = m.entry.place.fileName;
  const renamed = name.replace(/(^|_)MS\d{3}(?=[_.])/, `$1${msLabel(ms)}`);
  if (renamed === name) return undefined;
  return displayPathOf(m.entry, path.join(path.dirname(m.entry.path), renamed));
}

/** A report on a milestone at its `id` (else `ms`) value. */
export function reportOn(m: MilestoneNode, message: string, suggestion?: string): ProjectReport {
  const key = m.entry.keys.id ? "id" : m.entry.keys.ms ? "ms" : undefined;
  return { entry: m.entry, message, ...(key ? { key } : {}), ...(suggestion ? { suggestion } : {}) };
}
