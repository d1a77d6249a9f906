/**
 * The identities of docs/format.md §1 — plan IDs `EP-YYYYMMDD-NNN`, milestone IDs
 * `EP-YYYYMMDD-NNN/MS###`, slugs — and the file names built from them. IDs are
 * read leniently (any number of digits) so rules can say what is wrong with one.
 */

/** A plan ID in its exact form. */
export const PLAN_ID = /^EP-\d{8}-\d{3}$/;
/** A milestone ID in its exact form. */
export const MILESTONE_ID = /^EP-\d{8}-\d{3}\/MS\d{3}$/;
/** Letters, digits, `-` and `_`, starting with a letter or digit. */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const LOOSE_ID = /^EP-(\d+)-(\d+)(?:\/MS(\d+))?$/;

export interface IdParts {
  /** The `YYYYMMDD` digits as written. */
  date: string;
  /** The `NNN` digits as written. */
  number: string;
  /** The digits after `MS`, when the ID is a milestone ID. */
  ms?: string;
}

/** The parts of `EP-<digits>-<digits>[/MS<digits>]`, or undefined for anything else. */
export function idParts(value: string): IdParts | undefined {
  const m = LOOSE_ID.exec(value);
  if (!m) return undefined;
  return { date: m[1] ?? "", number: m[2] ?? "", ...(m[3] !== undefined ? { ms: m[3] } : {}) };
}

/** True when two IDs, read leniently, name the same plan (`EP-20260117-14` is `EP-20260117-014`). */
export function samePlan(a: IdParts, b: IdParts): boolean {
  return a.date === b.date && Number(a.number) === Number(b.number);
}

/** `3` → `MS003`. */
export function msLabel(ms: number | string): string {
  return `MS${String(Number(ms)).padStart(3, "0")}`;
}

/**
 * The parts of a milestone file name: `EP-…_MS###_<slug>.md`, `MS###_<slug>.md`, or a
 * bare slug. `agentrules` also reads `-` between `MS###` and the slug, and no slug.
 */
export interface MilestoneFileName {
  plan?: string;
  ms?: string;
  /** What stands between `MS###` and the slug: `_`, `-`, or nothing. */
  separator?: string;
  slug: string;
  extension: string;
}

export function splitMilestoneFileName(fileName: string): MilestoneFileName {
  const dot = fileName.lastIndexOf(".");
  const stem = fileName.slice(0, dot);
  const m = /^(?:(EP-[^_]*)(?:_|$))?(?:(MS\d+)(?:([_-])|$))?(.*)$/i.exec(stem);
  // fields set one by one, not spread in: Node 20's spreads cost microseconds, and every file of the tree is split
  const parts: MilestoneFileName = { slug: m?.[4] ?? stem, extension: fileName.slice(dot) };
  if (m?.[1]) parts.plan = m[1];
  if (m?.[2]) parts.ms = m[2];
  if (m?.[3]) parts.separator = m[3];
  return parts;
}

/** The parts of an ExecPlan file name: `EP-YYYYMMDD-NNN_<slug>.md` or `EP-YYYYMMDD-NNN.md`. */
export function splitPlanFileName(fileName: string): { plan: string; slug?: string; extension: string } {
  const dot = fileName.lastIndexOf(".");
  const stem = fileName.slice(0, dot);
  const underscore = stem.indexOf("_");
  return underscore < 0
    ? { plan: stem, extension: fileName.slice(dot) }
    : { plan: stem.slice(0, underscore), slug: stem.slice(underscore + 1), extension: fileName.slice(dot) };
}

/** A slug made from free text (`Ranked search API` → `ranked-search-api`); empty when nothing is left. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** True for a plan ID in its exact form. */
export function isPlanId(value: unknown): value is string {
  return typeof value === "string" && PLAN_ID.test(value);
}

/** `EP-20260117-014/MS003` (exact form) → its plan ID and number. */
export function milestoneIdParts(value: unknown): { planId: string; ms: number } | undefined {
  if (typeof value !== "string" || !MILESTONE_ID.test(value)) return undefined;
  return { planId: value.slice(0, value.indexOf("/")), ms: Number(value.slice(value.indexOf("/") + 3)) };
}
