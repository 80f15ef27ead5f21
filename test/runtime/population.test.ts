// `X 位列 前/后 P` against its definition: a unit is in when its competition rank from that end is within
// round(P × count) places; and the selection behind it against sorting.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../runtime/index.js';
import { nthSmallest, rankByKeys } from '../../runtime/evaluation/population.js';
import { graph, indicator, input, numT, pop, section, total, units } from './build-graph.js';

const K = '单位';

function inPlaces(values: (number | null)[], share: number, fn: 'in_top' | 'in_bottom'): (number | null)[] {
  const g = graph([
    input(K, 'x', numT('number'), { kind: 'exempt' }),
    indicator(K, 'A', 1, { section: 'S', base: pop(fn, `${K}.x`, share), exemptIfMissing: [`${K}.x`] }),
    section(K, 'S', 1, ['A']),
    total(K, ['S']),
  ]);
  const rows: Record<string, Record<string, number>> = Object.fromEntries(values.map((x, i): [string, Record<string, number>] => [`u${String(i).padStart(3, '0')}`, x === null ? {} : { x }]));
  const r = evaluate(g, units(K, rows));
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const score = new Map(r.results!.units.map((u) => [u.id, u.indicators['A']!.score]));
  return Object.keys(rows).map((id) => score.get(id)!);
}

/** The definition: competition rank from that end (1 + the number of strictly better values) ≤ places. */
function byDefinition(values: (number | null)[], share: number, fn: 'in_top' | 'in_bottom'): (number | null)[] {
  const present = values.filter((x): x is number => x !== null);
  const places = Math.floor(share * present.length + 0.5);
  return values.map((x) => {
    if (x === null) return null;
    const better = present.filter((y) => (fn === 'in_top' ? y > x : y < x)).length;
    return better + 1 <= places ? 1 : 0;
  });
}

describe('in top / in bottom P', () => {
  it('agrees with the rank definition, ties at the edge all in (property)', () => {
    const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 6 }), fc.double({ min: -50, max: 50, noNaN: true }).map((x) => Math.round(x * 100) / 100));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.constantFrom(0, 0.1, 0.25, 0.3, 0.5, 0.9, 1), fc.constantFrom('in_top' as const, 'in_bottom' as const), (xs, share, fn) => {
        expect(inPlaces(xs, share, fn)).toEqual(byDefinition(xs, share, fn));
      }),
      { numRuns: 150 },
    );
  });
  it('hand-computed: bottom 10% of 20 values is 2 places; a tie on the 2nd place takes both', () => {
    const xs = [5, 1, 3, 3, 9, 7, 8, 2, 6, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    expect(inPlaces(xs, 0.1, 'in_bottom').flatMap((v, i) => (v === 1 ? [xs[i]] : []))).toEqual([1, 2]);
    const tied = [...xs.slice(0, 7), 1, ...xs.slice(8)]; // 1, 1 share the first place, 3, 3 follow
    expect(inPlaces(tied, 0.1, 'in_bottom').flatMap((v, i) => (v === 1 ? [tied[i]] : []))).toEqual([1, 1]);
    expect(inPlaces([3, 3, 3, 5], 0.25, 'in_bottom')).toEqual([1, 1, 1, 0]);
  });
});

describe('nthSmallest', () => {
  it('is the k-th of the sorted values, for runs of equal values, sorted and reversed input (property)', () => {
    const arrays = fc.oneof(
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
      fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => n - i)),
    );
    fc.assert(
      fc.property(arrays, fc.nat(), (xs, k0) => {
        const k = k0 % xs.length;
        const sorted = Float64Array.from(xs).sort();
        expect(nthSmallest(Float64Array.from(xs), k)).toBe(sorted[k]);
      }),
      { numRuns: 300 },
    );
  });
});

// Small populations are ordered by a comparison sort, large ones by a radix sort: both against the definition.
describe('ranking by keys', () => {
  it('is competition ranking, ties by the next key, at sizes on both sides of the sort switch (property)', () => {
    const sizes = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2040, max: 2100 }));
    fc.assert(
      fc.property(sizes, fc.integer(), (n, seed) => {
        let s = seed >>> 0;
        const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 7) - 3;
        const first = Float64Array.from({ length: n }, () => (next() === 3 ? NaN : next() === 0 ? -0 : next() / 2));
        const second = Float64Array.from({ length: n }, () => next());
        const { order, rank } = rankByKeys([first, second], n, true);
        const usable = [...first.keys()].filter((i) => !Number.isNaN(first[i]!));
        const cmp = (a: number, b: number) => first[a]! - first[b]! || second[a]! - second[b]!;
        const sorted = [...usable].sort((a, b) => cmp(a, b) || a - b);
        expect([...order]).toEqual(sorted);
        // competition rank: 1 + the number of units strictly before, i.e. the first place of its equals
        const expected = sorted.map((_, p) => p + 1);
        for (let p = 1; p < sorted.length; p++) if (cmp(sorted[p - 1]!, sorted[p]!) === 0) expected[p] = expected[p - 1]!;
        expect(sorted.map((i) => rank[i])).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });
});
