/**
 * Elements out of order, reported as the fewest moves that put them in order: the
 * elements outside one longest increasing run stay where they are not, and each is
 * told which element that stays it must come before (or after).
 */

/** Indices (into `seq`) of one longest strictly increasing subsequence; `seq` is short (one entry a section). */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const length: number[] = [];
  const previous: number[] = [];
  let best = -1;
  for (let i = 0; i < seq.length; i++) {
    length[i] = 1;
    previous[i] = -1;
    for (let j = 0; j < i; j++) {
      if ((seq[j] as number) < (seq[i] as number) && (length[j] as number) + 1 > (length[i] as number)) {
        length[i] = (length[j] as number) + 1;
        previous[i] = j;
      }
    }
    if (best < 0 || (length[i] as number) > (length[best] as number)) best = i;
  }
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = previous[i] as number) keep.add(i);
  return keep;
}

/** One element to move: it must come before the element at `before`, or after the one at `after` (indices into the sequence). */
type Move = { index: number; before: number } | { index: number; after: number };

/** The fewest elements of `seq` (ranks, e.g. template positions) that must move for it to increase, and where each goes. */
function fewestMoves(seq: readonly number[]): Move[] {
  const keep = longestIncreasing(seq);
  const moves: Move[] = [];
  seq.forEach((rank, i) => {
    if (keep.has(i)) return;
    const later = seq.findIndex((r, j) => j < i && keep.has(j) && r > rank);
    if (later >= 0) {
      moves.push({ index: i, before: later });
      return;
    }
    let earlier = -1;
    seq.forEach((r, j) => {
      if (j > i && keep.has(j) && r < rank) earlier = j;
    });
    if (earlier >= 0) moves.push({ index: i, after: earlier });
  });
  return moves;
}

/** The moves that put `items` in order of `rank`, the first item of each rank only (repeats are another rule's business). */
export function movesInOrder<T>(items: readonly T[], rank: (item: T) => number): { item: T; where: "before" | "after"; other: T }[] {
  const seen = new Set<number>();
  const firsts = items.filter((item) => !seen.has(rank(item)) && Boolean(seen.add(rank(item))));
  return fewestMoves(firsts.map(rank)).map((move) => ({
    item: firsts[move.index] as T,
    where: "before" in move ? "before" : "after",
    other: firsts["before" in move ? move.before : move.after] as T,
  }));
}
