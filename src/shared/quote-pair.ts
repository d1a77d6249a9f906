/**
 * Two long values in one message ("the registry says X, but the file is Y"): both are
 * shown whole when they are short; otherwise only what they share is shortened, with
 * a few characters kept on each side, so that the part that differs is never cut.
 */

import { quoteValue } from "./quote.js";

const ELLIPSIS = "…";
/** Up to this length, a value is always shown whole. */
const SHORT = 100;
/** Characters of the shared text kept next to the difference (at most). */
const CONTEXT = 20;
/** Where a cut reads well: after a path separator or a space. */
const BREAKS = /[/\\ ]/;

/** `a` and `b` as they should appear in the message (unquoted: the caller quotes them its own way). */
export function quotePair(a: string, b: string): [string, string] {
  if (a === b || (a.length <= SHORT && b.length <= SHORT)) return [a, b];
  let prefix = 0;
  const shorter = Math.min(a.length, b.length);
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  // the cut falls in the shared text only, and only where it saves more than it costs
  let from = prefix - CONTEXT > ELLIPSIS.length ? prefix - CONTEXT : 0;
  if (from > 0) {
    const shared = a.slice(from, prefix);
    const brk = shared.search(BREAKS);
    if (brk >= 0 && brk < shared.length - 1) from += brk + 1;
  }
  const keptSuffix = suffix - CONTEXT > ELLIPSIS.length ? suffix - CONTEXT : 0;
  const cut = (s: string): string => {
    // never split a surrogate pair
    const start = from > 0 && isLowSurrogate(s.charCodeAt(from)) ? from - 1 : from;
    let end = s.length - keptSuffix;
    if (keptSuffix > 0 && isLowSurrogate(s.charCodeAt(end))) end++;
    return `${start > 0 ? ELLIPSIS : ""}${s.slice(start, end)}${end < s.length ? ELLIPSIS : ""}`;
  };
  return [cut(a), cut(b)];
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Both values in double quotes with their control characters escaped (as `quoteValue` writes one), shortened only where they agree. */
export function quotedPair(a: string, b: string): [string, string] {
  const [x, y] = quotePair(a, b);
  return [quoteValue(x, Infinity), quoteValue(y, Infinity)];
}
