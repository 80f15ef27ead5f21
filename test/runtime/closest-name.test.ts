// The bounded edit distance behind every "did you mean" agrees with the textbook distance wherever that is
// within the limit, and stays cheap on names of any length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, closestName, MAX_SUGGESTED_NAME_LENGTH } from '../../runtime/data/closest-name.js';

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}

describe('bounded edit distance', () => {
  it('equals the full distance up to the limit, and says "beyond" past it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '收', '入', '😀'), maxLength: 12 }).map((s) => [...s]);
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 6 }), (a, b, limit) => {
        const full = levenshtein(a, b);
        expect(boundedEditDistance(a, b, limit)).toBe(full <= limit ? full : limit + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('suggests the nearest name, the first on ties, and nothing when too far', () => {
    expect(closestName('收入进度', ['收入增幅', '收入进度完成率', '收入进度率'])).toBe('收入进度率');
    expect(closestName('abcd', ['abce', 'abcf'])).toBe('abce');
    expect(closestName('abcdef', ['uvwxyz'])).toBeNull();
    expect(closestName('x', ['x'])).toBeNull();
  });

  it('gives no suggestion for names past the length cap, so a megabyte name costs nothing', () => {
    const long = 'n'.repeat(MAX_SUGGESTED_NAME_LENGTH);
    expect(closestName(long, [long + 'x'])).toBe(long + 'x');
    expect(closestName(long + 'n', [long + 'nx'])).toBeNull();
    const huge = 'x'.repeat(1_000_000);
    expect(closestName(huge, [huge.slice(1), 'y'.repeat(500_000), 'x'])).toBeNull();
    // A short name against a huge candidate is refused by length before any distance is computed.
    expect(closestName('xx', [huge])).toBeNull();
  });
});
