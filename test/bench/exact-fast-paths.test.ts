// The fast paths in the snapping helpers (runtime/evaluation/exact.ts, which the json-rules-engine export and the
// hand-written baseline use) must never change a result: checked against the definitions (snap every operand
// to 14 significant digits, then compare / floor / round the snapped value). And the radix-sorted ranking
// against a comparison sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ceilExact, compareExact, floorExact, roundTo, snap, SIGNIFICANT_DIGITS } from '../../runtime/evaluation/exact.js';
import { rankByKeys } from '../../runtime/evaluation/population.js';
import type { Rounding } from '../../graph/graph.js';

const byDefinition = {
  compare(a: number, b: number): number {
    const x = snap(a);
    const y = snap(b);
    return x < y ? -1 : x > y ? 1 : 0;
  },
  round(x: number, places: number, mode: Rounding): number {
    if (!Number.isFinite(x)) return x;
    const scale = 10 ** places;
    const m = snap(Math.abs(snap(x)) * scale);
    const whole = Math.floor(m);
    const frac = m - whole;
    let r = whole;
    if (frac !== 0) {
      if (mode === 'up') r = whole + 1;
      else if (mode === 'half_up') r = frac >= 0.5 ? whole + 1 : whole;
      else if (mode === 'half_even') r = frac > 0.5 || (frac === 0.5 && whole % 2 === 1) ? whole + 1 : whole;
    }
    const v = r / scale;
    return x < 0 && v !== 0 ? -v : v;
  },
};

/** Decimals with few places and their float64 sums and products: the values scoring produces. */
const decimal = fc.oneof(
  fc.integer({ min: -2_000_000, max: 2_000_000 }).chain((n) => fc.integer({ min: 0, max: 6 }).map((p) => n / 10 ** p)),
  fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 4 })).map(
    ([a, b, p]) => a / 10 ** p + b / 10 ** p,
  ),
  fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })).map(([a, b]) => (a / 100) * (b / 1000)),
  fc.double({ noNaN: true }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.constantFrom(0.1 + 0.2, 0.30000000000000004, 2.8499999999999996, 1.005, 0.5, 2.5, -2.5, 1e-300, 5e-324, -0, Infinity, -Infinity, NaN),
);
const nudged = fc.tuple(decimal, fc.integer({ min: -3, max: 3 })).map(([x, k]) => {
  if (!Number.isFinite(x) || k === 0) return x;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = bits[0]! + BigInt(k);
  return f[0]!;
});
const mode = fc.constantFrom<Rounding>('half_up', 'half_even', 'down', 'up');
const runs = { numRuns: 20_000 };

/** Competition ranks by the definition: sort with compareExact on each key in turn. */
function ranksByDefinition(keys: Float64Array[], n: number, ascending: boolean): number[] {
  const idx = [...Array(n).keys()].filter((i) => keys.every((k) => !Number.isNaN(k[i]!)));
  const cmp = (a: number, b: number) => {
    for (const k of keys) {
      // Columns hold the doubles nearest to exact values: their order is the values' order.
      const c = k[a]! < k[b]! ? -1 : k[a]! > k[b]! ? 1 : 0;
      if (c !== 0) return ascending ? c : -c;
    }
    return 0;
  };
  idx.sort((a, b) => cmp(a, b) || a - b);
  const rank = new Array<number>(n).fill(0);
  idx.forEach((u, p) => (rank[u] = p > 0 && cmp(idx[p - 1]!, u) === 0 ? rank[idx[p - 1]!]! : p + 1));
  return rank;
}

describe('exact helpers: fast paths agree with the definitions', () => {
  it('snap', () => {
    const definition = (x: number) => (!Number.isFinite(x) || x === 0 ? (x === 0 ? 0 : x) : Number(x.toPrecision(SIGNIFICANT_DIGITS)));
    fc.assert(fc.property(nudged, (x) => Object.is(snap(x), definition(x))), runs);
  });
  it('rankByKeys (a radix sort) ranks as sorting the doubles does', () => {
    const key = (n: number) => fc.array(fc.oneof(nudged, fc.constantFrom(1, 2, 0.1 + 0.2, 0.3, -Infinity)), { minLength: n, maxLength: n });
    const input = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.array(key(n), { minLength: 1, maxLength: 3 }), fc.boolean()));
    fc.assert(
      fc.property(input, ([n, cols, ascending]) => {
        const keys = cols.map((c) => Float64Array.from(c));
        expect([...rankByKeys(keys, n, ascending).rank]).toEqual(ranksByDefinition(keys, n, ascending));
      }),
      { numRuns: 500 }, // each call clears a 65,537-entry radix count: 2,000 runs took over 20 s on a loaded machine
    );
  }, 120_000); // a few seconds alone; 34 s was seen on two busy cores
  it('compareExact', () => {
    fc.assert(fc.property(nudged, nudged, (a, b) => compareExact(a, b) === byDefinition.compare(a, b)), runs);
    fc.assert(fc.property(nudged, fc.integer({ min: -3, max: 3 }), (a, k) => {
      const b = a + k * Math.abs(a) * 1e-13;
      return compareExact(a, b) === byDefinition.compare(a, b);
    }), runs);
  });
  it('floorExact and ceilExact', () => {
    fc.assert(fc.property(nudged, (x) => Object.is(floorExact(x), Math.floor(snap(x))) && Object.is(ceilExact(x), Math.ceil(snap(x)))), runs);
  });
  it('roundTo', () => {
    fc.assert(fc.property(nudged, fc.integer({ min: 0, max: 6 }), mode, (x, p, m) => Object.is(roundTo(x, p, m), byDefinition.round(x, p, m))), runs);
  });
  it('keeps the documented cases', () => {
    expect(roundTo(0.1 + 0.2, 2, 'half_up')).toBe(0.3);
    expect(roundTo(2.8499999999999996, 1, 'half_up')).toBe(2.9);
    expect(roundTo(2.5, 0, 'half_even')).toBe(2);
    expect(compareExact(0.1 + 0.2, 0.3)).toBe(0);
    expect(floorExact(0.3 / 0.1)).toBe(3);
  });
});
