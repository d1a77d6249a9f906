/**
 * micromark pairs `*` and `_` delimiters in time that grows with the square of
 * their nesting and of the runs that find no partner: one run of 10 000 `*`, a
 * letter and another run of 10 000 took 13 s and nested 5 000 deep, 16 KB of `*_`
 * took 2.8 s, and 170 paragraphs of 500 nested `*a` 5 s. Its pairing is replayed
 * here on the delimiter runs alone (CommonMark's rules: flanking, the rule of 3,
 * two markers at most a pair), counting what micromark would walk over and copy;
 * past a budget, the file is parsed with `*` and `_` read as text. Prose and tables
 * full of bold text cost next to nothing: their pairs close at once.
 */
import { blocks, codeSpans } from "./markdown-guards.js";

/**
 * Characters micromark would walk over and copy while pairing delimiters, in the
 * whole file: ≈ 0.5 s of its time on a 2-core machine (a pair of 3 000-long runs
 * costs 9 million and took 0.55 s; 2 000 bold cells in one table cost 50 000).
 */
const MAX_EMPHASIS_WORK = 8_000_000;

interface Sequence {
  marker: number;
  /** The markers not paired yet: [start, end). Openers give from their end, closers from their start. */
  start: number;
  end: number;
  open: boolean;
  close: boolean;
}

const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;

/** micromark's classes of the character before or after a run: 1 whitespace (or none), 2 punctuation, 0 other. */
function classOf(text: string, i: number, start: number, end: number): number {
  if (i < start || i >= end) return 1;
  const c = String.fromCharCode(text.codePointAt(i) ?? 0);
  return WHITESPACE.test(c) ? 1 : PUNCTUATION.test(c) ? 2 : 0;
}

const isAsciiPunctuation = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);

/** The delimiter runs of a block, outside code spans and backslash escapes, with what each may do. */
function sequencesOf(text: string, start: number, end: number): Sequence[] {
  const { spans } = codeSpans(text, start, end);
  const sequences: Sequence[] = [];
  let span = 0;
  for (let i = start; i < end; i++) {
    const current = spans[span];
    if (current && i >= current[0]) {
      i = current[1] - 1;
      span++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && isAsciiPunctuation(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (c !== 42 && c !== 95) continue;
    let j = i;
    while (j < end && text.charCodeAt(j) === c) j++;
    const before = classOf(text, i - 1, start, end);
    const after = classOf(text, j, start, end);
    const open = after !== 1 && (after !== 2 || before !== 0);
    const close = before !== 1 && (before !== 2 || after !== 0);
    sequences.push({
      marker: c,
      start: i,
      end: j,
      open: c === 42 ? open : open && (before !== 0 || !close),
      close: c === 42 ? close : close && (after !== 0 || !open),
    });
    i = j - 1;
  }
  return sequences;
}

/**
 * What micromark's `resolveAllAttention` would walk over and copy in one block,
 * stopping once past `budget`. Each closer walks back to the nearest opener that
 * can take it (to the block's start when none can); each pair made copies what lies
 * between, and the runs between become text.
 */
function emphasisWork(text: string, start: number, end: number, budget: number): number {
  const sequences = sequencesOf(text, start, end);
  // the run a walk back from each run looks at next: runs inside a pair made are skipped
  const back = sequences.map((_, i) => i - 1);
  let work = 0;
  for (let i = 0; i < sequences.length && work <= budget; i++) {
    const closer = sequences[i] as Sequence;
    if (!closer.close) continue;
    while (closer.end > closer.start && work <= budget) {
      let j = back[i] as number;
      for (; j >= 0; j = back[j] as number) {
        const opener = sequences[j] as Sequence;
        const has = opener.end - opener.start;
        const wants = closer.end - closer.start;
        if (!opener.open || opener.marker !== closer.marker || has === 0) continue;
        // the rule of 3
        if ((opener.close || closer.open) && wants % 3 !== 0 && (has + wants) % 3 === 0) continue;
        const use = has > 1 && wants > 1 ? 2 : 1;
        opener.end -= use;
        closer.start += use;
        // walked back over what lies between, then copied it into the new node
        work += 2 * (closer.start - opener.end);
        back[i] = j;
        break;
      }
      if (j < 0) {
        work += closer.start - start;
        break;
      }
    }
  }
  return work;
}

/** Whether pairing the file's `*` and `_` would cost micromark more than MAX_EMPHASIS_WORK. */
export function tooCostlyEmphasis(text: string, from: number): boolean {
  let work = 0;
  // the next `*` and `_` (-1: none left), searched again only once passed: a block with neither costs nothing more
  const next = (at: number | undefined, marker: string, i: number) => (at === undefined || (at >= 0 && at < i) ? text.indexOf(marker, i) : at);
  let star: number | undefined;
  let underscore: number | undefined;
  for (const [start, end] of blocks(text, from)) {
    star = next(star, "*", start);
    underscore = next(underscore, "_", start);
    if (!(star >= 0 && star < end) && !(underscore >= 0 && underscore < end)) continue;
    work += emphasisWork(text, start, end, MAX_EMPHASIS_WORK - work);
    if (work > MAX_EMPHASIS_WORK) return true;
  }
  return false;
}
