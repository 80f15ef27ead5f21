// "Did you mean …" help: the closest known name by edit distance, when it is close enough to be a typo.
import { commonMessage, type MessageRef } from '../messages/index.js';

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The candidate closest to `name` (ties: the first given), or null when none is plausibly meant. */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  const length = [...name].length;
  const limit = Math.max(1, Math.floor(length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = editDistance(name, candidate);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

export function didYouMean(name: string, candidates: Iterable<string>): { help?: MessageRef } {
  const best = closestName(name, candidates);
  return best === null ? {} : { help: commonMessage('didYouMean', { name: best }) };
}
