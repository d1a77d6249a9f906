/**
 * Copies of values read from a file's text that keep nothing of that text alive. V8
 * makes a substring of 13 characters or more a view into the string it was cut from,
 * so a title kept in the whole-tree index would keep its whole file's text in memory.
 * `structuredClone` copies too, but cost ≈ 6 µs a file: ≈ 65 ms for the 10 800 files of
 * a pre-commit run's index, two thirds of what reading their front matter costs.
 */

/** V8's shortest substring that is a view into its parent (SlicedString::kMinLength); shorter ones are copies. */
const SHORTEST_VIEW = 13;

/** `text` in a string of its own. */
export function detachedString(text: string): string {
  // V8 flattens the pair into a new string before slicing it: the slice is a view into that one, not into `text`'s parent
  return text.length < SHORTEST_VIEW ? text : (text + " ").slice(0, -1);
}

/**
 * A copy of front matter data of the shapes the simple reader gives
 * (src/source/simple-front-matter.ts): scalars, and lists and maps of scalars one level
 * down, so the recursion is as shallow as they are.
 */
export function detachedCopy(value: unknown): unknown {
  if (typeof value === "string") return detachedString(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(detachedCopy);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = detachedCopy(field);
  return copy;
}
