/** The identities of FORMAT.md §1, read from front matter values and file names. */
import { compactToIso } from "./dates.js";

export const PLAN_ID = /^EP-(\d{8})-(\d{3})$/;
const MILESTONE_ID = /^(EP-\d{8}-\d{3})\/MS(\d{3})$/;
const PLAN_FILE_NAME = /^(EP-\d{8}-\d{3})(?:_(.+))?\.md$/;
const MILESTONE_FILE_NAME = /^(?:(EP-\d{8}-\d{3})_)?MS(\d{3})(?:_(.+))?\.md$/;

export function isPlanId(value: unknown): value is string {
  return typeof value === "string" && PLAN_ID.test(value);
}

/** `EP-20260117-014/MS003` → plan and number. */
export function parseMilestoneId(value: unknown): { planId: string; ms: number } | undefined {
  const m = typeof value === "string" ? MILESTONE_ID.exec(value) : null;
  return m ? { planId: m[1] as string, ms: Number(m[2]) } : undefined;
}

/** `EP-20260117-014_auth-refresh.md` → plan ID and slug. */
export function parsePlanFileName(name: string): { planId: string; slug?: string } | undefined {
  const m = PLAN_FILE_NAME.exec(name);
  if (!m) return undefined;
  return { planId: m[1] as string, ...(m[2] !== undefined ? { slug: m[2] } : {}) };
}

/** `EP-20260117-014_MS003_x.md` or `MS003_x.md` → plan ID (when in the name), number and slug. */
export function parseMilestoneFileName(name: string): { planId?: string; ms: number; slug?: string } | undefined {
  const m = MILESTONE_FILE_NAME.exec(name);
  if (!m) return undefined;
  return { ...(m[1] !== undefined ? { planId: m[1] } : {}), ms: Number(m[2]), ...(m[3] !== undefined ? { slug: m[3] } : {}) };
}

/** 3 → `MS003`. */
export function msLabel(ms: number): string {
  return `MS${String(ms).padStart(3, "0")}`;
}

/** `EP-20260117-014` → `2026-01-17` (no validation). */
export function planIdDate(planId: string): string {
  return compactToIso(planId.slice(3, 11));
}
