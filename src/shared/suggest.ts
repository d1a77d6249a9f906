/** "Did you mean …?" for near misses: `in-progress` → `in_progress`, `statsu` → `status`. */

function normalize(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, "_");
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > 64 || b.length > 64) return a === b ? 0 : cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? cap + 1;
}

/** The candidate `value` most likely meant, or undefined when none is close. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const v = normalize(value);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === value) return undefined;
    const n = normalize(c);
    if (n === v) return c;
    // "medium" → "med": a value that starts with a candidate (or the reverse) is a near miss
    const prefix = Math.min(v.length, n.length) >= 3 && (v.startsWith(n) || n.startsWith(v));
    const d = prefix ? 1 : editDistance(v, n);
    const limit = Math.max(1, Math.floor(Math.min(v.length, n.length) / 3));
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Status words people write for one another; `done` is no typo of `completed`, but it is what was meant. */
const SYNONYMS: readonly (readonly string[])[] = [
  ["completed", "done", "complete", "finished", "closed", "shipped"],
  ["in_progress", "active", "wip", "doing", "started", "ongoing", "in_flight"],
  ["planned", "todo", "to_do", "not_started", "backlog", "pending", "proposed", "draft", "new"],
  ["blocked", "paused", "on_hold", "waiting", "stalled"],
];

/** True for a status word that says the work is finished: `done`, `Completed`, `shipped`. */
export function meansDone(value: string): boolean {
  return (SYNONYMS[0] as readonly string[]).includes(normalize(value));
}

function synonymOf(value: string, candidates: readonly string[]): string | undefined {
  const v = normalize(value);
  const group = SYNONYMS.find((g) => g.includes(v));
  return group && candidates.find((c) => group.includes(normalize(c)));
}

/** ` Did you mean "x"?` for a value outside an allowed list, or the empty string. */
export function didYouMeanSentence(value: string, candidates: readonly string[]): string {
  const s = didYouMean(value, candidates) ?? synonymOf(value, candidates);
  return s === undefined ? "" : ` Did you mean "${s}"?`;
}
