// The closest known name by edit distance, when it is close enough to be a typo ("did you mean …"). Used by
// the compiler (unknown names in a policy) and the runtime (unknown columns and fields in data), on text that
// anyone may write: the work per candidate is bounded whatever the lengths (see `boundedEditDistance`).

/** Longer names (in code points) get no suggestion: nobody mistypes a name of this length by a few letters. */
export const MAX_SUGGESTED_NAME_LENGTH = 64;

/**
 * The Levenshtein distance of `a` and `b` (arrays of code points) when it is at most `limit`, else
 * `limit + 1`. Only the diagonal band |i − j| ≤ limit can hold such a distance, and a row whose band is all
 * beyond the limit ends the search: O(min(|a|, |b|) · limit) time.
 */
export function boundedEditDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const beyond = limit + 1;
  // previous[j]: distance of a[0..i-1] and b[0..j-1]; cells outside the band count as beyond the limit.
  let previous = new Array<number>(b.length + 1).fill(beyond);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  let current = new Array<number>(b.length + 1).fill(beyond);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current.fill(beyond);
    if (i <= limit) current[0] = i;
    let rowMin = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost, beyond);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return beyond;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length]!, beyond);
}

/** The candidate closest to `name` (ties: the first given), or null when none is plausibly meant:
 *  at most one edit per three characters (at least one). */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  // A code point takes at most two UTF-16 units: the cheap test first, so a megabyte name is never spread.
  if (name.length > 2 * MAX_SUGGESTED_NAME_LENGTH) return null;
  const x = [...name];
  if (x.length > MAX_SUGGESTED_NAME_LENGTH) return null;
  const limit = Math.max(1, Math.floor(x.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === name || candidate.length > 2 * (x.length + limit)) continue;
    const d = boundedEditDistance(x, [...candidate], Math.min(limit, bestDistance - 1));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
