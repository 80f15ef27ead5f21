// Exactness: the float64-with-snapping evaluator agrees with decimal arithmetic (decimal.js) on random
// expressions over random data with a few decimals, for every rounding mode.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { evaluate } from '../../runtime/index.js';
import type { GExpr, Rounding } from '../../graph/graph.js';
import { roundTo } from '../../runtime/evaluation/exact.js';
import { fn, graph, indicator, input, lit, numT, op, ref, section } from './build-graph.js';

const K = '省局';
const D = Decimal.clone({ precision: 60 });

type Tree = { k: 'leaf'; name: 'a' | 'b' | 'c' } | { k: 'lit'; v: string } | { k: 'op'; op: '+' | '-' | '*' | '/'; a: Tree; b: Tree } | { k: 'steps'; a: Tree; unit: string };

/** Decimals with up to 3 places, as text (the exact value) — data "with a few decimals". */
const decimalText = fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 3 })).map(([n, p]) => new D(n).div(10 ** p).toString());

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Tree>({ k: 'leaf', name: 'a' }, { k: 'leaf', name: 'b' }, { k: 'leaf', name: 'c' }),
    decimalText.map((v): Tree => ({ k: 'lit', v })),
    fc.record({ k: fc.constant('op' as const), op: fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>, a: tie('t'), b: tie('t') }),
    fc.record({ k: fc.constant('steps' as const), a: tie('t'), unit: fc.constantFrom('0.01', '0.5', '1', '0.2') }),
  ),
})).t;

function toGExpr(t: Tree): GExpr {
  switch (t.k) {
    case 'leaf':
      return ref(`${K}.${t.name}`);
    case 'lit':
      return lit(Number(t.v));
    case 'op':
      return op(t.op, toGExpr(t.a), toGExpr(t.b));
    case 'steps':
      return fn('steps_whole', toGExpr(t.a), lit(Number(t.unit)));
  }
}

/**
 * A quotient has no finite decimal form (68642 ÷ 31687 × 31687 is 68641.999… at 60 digits), but its
 * rational value is exact: before a floor or a rounding the reference drops the last 30 of its 60
 * digits, so that such a value counts as the rational it stands for.
 */
const rational = (x: Decimal) => x.toSignificantDigits(30);

/** The exact decimal value, or null when it divides by zero or grows past what a score can hold. */
function exact(t: Tree, env: Record<string, Decimal>): Decimal | null {
  switch (t.k) {
    case 'leaf':
      return env[t.name]!;
    case 'lit':
      return new D(t.v);
    case 'steps': {
      const a = exact(t.a, env);
      return a === null ? null : Decimal.max(0, rational(a.div(t.unit)).floor());
    }
    case 'op': {
      const a = exact(t.a, env);
      const b = exact(t.b, env);
      if (a === null || b === null) return null;
      if (t.op === '/' && b.isZero()) return null;
      const r = t.op === '+' ? a.plus(b) : t.op === '-' ? a.minus(b) : t.op === '*' ? a.times(b) : a.div(b);
      return r.abs().greaterThan(1e6) ? null : r;
    }
  }
}

const MODES: Record<Rounding, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

describe('agreement with decimal arithmetic', () => {
  it('random expressions over random data give the decimal result, rounded by each mode', () => {
    fc.assert(
      fc.property(tree, decimalText, decimalText, decimalText, fc.constantFrom<Rounding>('half_up', 'half_even', 'down', 'up'), fc.integer({ min: 0, max: 3 }), (t, a, b, c, mode, precision) => {
        const want = exact(t, { a: new D(a), b: new D(b), c: new D(c) });
        fc.pre(want !== null && want.abs().lessThanOrEqualTo(1e6));
        // The indicator clamps to [0, points]: score the absolute value under a large enough cap.
        const base: GExpr = fn('abs', toGExpr(t));
        const g = graph(
          [input(K, 'a', numT('number')), input(K, 'b', numT('number')), input(K, 'c', numT('number')), indicator(K, 'X', 1e6, { section: 'S', base, precision }), section(K, 'S', 1e6, ['X'], { precision })],
          { rounding: mode },
        );
        const r = evaluate(g, { units: [{ id: 'u', kind: K, inputs: { a: Number(a), b: Number(b), c: Number(c) } }] });
        const score = r.results?.units[0]?.indicators['X']?.score;
        expect(score).toBe(Number(rational(want!.abs()).toDecimalPlaces(precision, MODES[mode]).toString()));
      }),
      { numRuns: Number(process.env.KP_RUNS ?? 400) },
    );
  });
  it('a difference of large operands keeps its decimal value (no cancellation error)', () => {
    // b + (a − b) with a = 83.9, b = −65453 is 83.900000000001455 in plain float64: 8390 steps of 0.01, not 8389.
    const base: GExpr = op('+', ref(`${K}.a`), fn('steps_whole', op('+', ref(`${K}.b`), op('-', ref(`${K}.a`), ref(`${K}.b`))), lit(0.01)));
    const g = graph([input(K, 'a', numT('number')), input(K, 'b', numT('number')), indicator(K, 'X', 1e6, { section: 'S', base, precision: 1 }), section(K, 'S', 1e6, ['X'], { precision: 1 })]);
    const r = evaluate(g, { units: [{ id: 'u', kind: K, inputs: { a: 83.9, b: -65453 } }] });
    expect(r.results?.units[0]?.indicators['X']?.score).toBe(8473.9);
  });
  it('roundTo agrees with decimal.js on decimals with up to 6 places', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9999999999, max: 9999999999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom<Rounding>('half_up', 'half_even', 'down', 'up'), (n, p, places, mode) => {
        const x = new D(n).div(10 ** p);
        expect(roundTo(x.toNumber(), places, mode)).toBe(Number(x.toDecimalPlaces(places, MODES[mode]).toString()));
      }),
      { numRuns: 2000 },
    );
  });
});
