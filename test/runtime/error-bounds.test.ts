// The kernels' float decisions (runtime/evaluation/kernels/error-bounds.ts) against exact rationals: the rounding errors they
// add are the exact ones, and a decision they take (not NaN) is the exact value's for every value within the
// bound; a tie is never decided in float unless the double is the exact value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as B from '../../runtime/evaluation/kernels/error-bounds.js';
import * as Q from '../../runtime/evaluation/rational.js';
import type { Rounding } from '../../graph/graph.js';

/** The exact value of a double (not the decimal it stands for). */
function binary(x: number): Q.Rational {
  if (x === 0) return Q.ZERO;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e = (exponent === 0 ? 1 : exponent) - 1075;
  const signed = bits >> 63n ? -mantissa : mantissa;
  return e >= 0 ? Q.rational(signed << BigInt(e)) : Q.rational(signed, 1n << BigInt(-e));
}

const distance = (a: Q.Rational, b: Q.Rational) => Q.abs(Q.sub(a, b));

/** Decimals with up to 9 places, as text: what data holds. */
const decimalText = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }))
  .map(([n, p]) => Q.toDecimal(Q.rational(BigInt(n), 10n ** BigInt(p)), 12));
const ordinary = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const mode = fc.constantFrom<Rounding>('half_up', 'half_even', 'down', 'up');

describe('error bounds', () => {
  it('a read value is within its bound of the decimal it stands for', () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const v = Number(t);
        expect(Q.compare(distance(binary(v), Q.fromDecimal(t)!), binary(B.readError(v)))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('sum, product and quotient errors are the exact rounding errors', () => {
    fc.assert(
      fc.property(ordinary, ordinary, (a, b) => {
        const s = a + b;
        expect(Q.compare(distance(Q.add(binary(a), binary(b)), binary(s)), binary(B.sumError(a, b, s)))).toBe(0);
        const p = a * b;
        // Near underflow the product's rest is not exact: no bound then (a kernel gives the unit up).
        const scoring = (x: number) => x === 0 || (Math.abs(x) >= 1e-6 && Math.abs(x) <= 1e6);
        const pe = B.productError(a, b, p);
        if (scoring(a) && scoring(b)) expect(pe).not.toBeNaN();
        if (!Number.isNaN(pe)) expect(Q.compare(distance(Q.mul(binary(a), binary(b)), binary(p)), binary(pe))).toBe(0);
        fc.pre(b !== 0);
        const q = a / b;
        const exact = distance(Q.div(binary(a), binary(b))!, binary(q));
        // The remainder is exact; dividing it by |b| rounds once.
        const bound = B.quotientError(a, b, q);
        if (scoring(a) && scoring(b)) expect(bound).not.toBeNaN();
        if (!Number.isNaN(bound)) expect(Math.abs(Q.toNumber(exact) - bound)).toBeLessThanOrEqual(bound * 2 ** -52);
      }),
      // Exact binary fractions of doubles far from 1 have denominators up to 2^1074: 1,000 cases keep this under
      // the time limit on a loaded machine. The example is a quotient whose error falls below the least normal double.
      { numRuns: 1000, examples: [[-4.968362540393281e-287, -999999.9999999978]] },
    );
  });

  it('decides a comparison, a floor and a rounding only as the exact value does', () => {
    let decided = 0;
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 4 }), mode, (xt, yt, places, m) => {
        const x = Q.fromDecimal(xt)!;
        const y = Q.fromDecimal(yt)!;
        const [vx, vy] = [Number(xt), Number(yt)];
        const [ex, ey] = [B.readError(vx), B.readError(vy)];
        const c = B.compare(vx, ex, vy, ey);
        if (!Number.isNaN(c)) expect(c).toBe(Q.compare(x, y));
        const f = B.floor(vx, ex);
        if (!Number.isNaN(f)) expect(f).toBe(Q.toNumber(Q.floor(x)));
        const r = B.round(vx, ex, places, m);
        if (!Number.isNaN(r)) {
          expect(r).toBe(Q.toNumber(Q.roundTo(x, places, m)));
          decided++;
        }
        // A tie (or a value on a whole step for down/up) that the double does not hold exactly is left open.
        const scaled = Q.mul(x, Q.rational(10n ** BigInt(places)));
        const onBoundary = m === 'down' || m === 'up' ? Q.isInteger(scaled) : !Q.isInteger(scaled) && Q.isInteger(Q.mul(scaled, Q.rational(2n)));
        if (onBoundary && ex !== 0) expect(r).toBeNaN();
      }),
      { numRuns: 5000 },
    );
    // Most values are far from a boundary: the float path must take them.
    expect(decided).toBeGreaterThan(2500);
  });

  it('rounds exact doubles exactly, ties included', () => {
    expect(B.round(2.5, 0, 0, 'half_up')).toBe(3);
    expect(B.round(2.5, 0, 0, 'half_even')).toBe(2);
    expect(B.round(-2.5, 0, 0, 'half_up')).toBe(-3);
    expect(B.round(0.125, 0, 2, 'half_even')).toBe(0.12);
    expect(B.round(15, 0, 2, 'up')).toBe(15);
    // 0.015 is not a double: its nearest double with its bound straddles the tie.
    expect(B.round(0.015, B.readError(0.015), 2, 'half_up')).toBeNaN();
  });
});
