// Float arithmetic with a running error bound, for the kernels. Every double v a kernel computes carries e,
// a bound on |v − x| where x is the exact value the reference evaluator computes (in rationals). A decision
// — a comparison, a truth test, a floor, a rounding — is taken in float only when no value within the
// bound could decide it otherwise; else it returns NaN and the kernel hands the unit to the reference.
//
// The bounds: a double read from data or a column stands for the shortest decimal that reads back as it,
// which it differs from by at most half an ulp, ≤ |v|·2⁻⁵³ (0 for an integer below 2⁵³). Each operation
// adds the exact rounding error of its result (TwoSum and Dekker's product give it exactly) to the
// propagated error of its operands: a ± b: ea + eb; a × b: |a|·eb + |b|·ea + ea·eb; a ÷ b (|b| > eb):
// (ea + |a/b|·eb) / (|b| − eb). Computing a bound in float errs by a few parts in 2⁵³ of the bound itself,
// so a decision asks for a margin of twice the bound; with a bound of 0 the doubles are the exact values
// and decide exactly. Clamps, min and max are 1-Lipschitz and need no decision (the error of the result is
// the largest of the operands').
import type { Rounding } from '../../../graph/graph.js';

/** Half the distance from 1 to the next double: the relative rounding error of one operation. */
export const U = 2 ** -53;

const TWO_53 = 2 ** 53;

/** The error of a double read as the decimal it stands for. */
export function readError(v: number): number {
  return v % 1 === 0 && Math.abs(v) <= TWO_53 ? 0 : Math.abs(v) * U;
}

/** |a + b − s| exactly, for s = fl(a + b) (Knuth's TwoSum). */
export function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return Math.abs(a - (s - bb) + (b - bb));
}

const SPLIT = 134217729; // 2^27 + 1
const SAFE_MAX = 2 ** 995; // the split does not overflow below this
const SAFE_MIN = 2 ** -960; // a product above this lost no bits to underflow
const MIN_NORMAL = 2 ** -1022; // the least normal double: below it a result keeps fewer than 53 bits

/** a × b − p exactly, for p = fl(a × b) (Dekker's product); NaN (no decision) where it could overflow or underflow. */
function productRest(a: number, b: number, p: number): number {
  if (!(Math.abs(a) < SAFE_MAX && Math.abs(b) < SAFE_MAX && (Math.abs(p) > SAFE_MIN || a === 0 || b === 0))) return NaN;
  const A = SPLIT * a;
  const ah = A - (A - a);
  const al = a - ah;
  const B = SPLIT * b;
  const bh = B - (B - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** |a × b − p| for p = fl(a × b). */
export function productError(a: number, b: number, p: number): number {
  return Math.abs(productRest(a, b, p));
}

/** |a ÷ b − q| for q = fl(a ÷ b): the remainder a − q·b (exact: q·b is within an ulp of a) over |b|. */
export function quotientError(a: number, b: number, q: number): number {
  const p = q * b;
  const rest = Math.abs(a - p - productRest(q, b, p));
  const error = rest / Math.abs(b);
  // Below the least normal double the division rounds by more than half an ulp (or to zero): no bound then.
  return rest !== 0 && error < MIN_NORMAL ? NaN : error;
}

/** The order of the exact values (−1, 0, 1), or NaN when their bounds overlap. */
export function compare(a: number, ea: number, b: number, eb: number): number {
  const d = a - b;
  const e = ea + eb;
  if (e === 0) return d < 0 ? -1 : d > 0 ? 1 : 0;
  return d > 2 * e ? 1 : d < -2 * e ? -1 : NaN;
}

/** Whether the exact value is non-zero (1, 0), or NaN when its bound reaches zero. */
export function truth(v: number, e: number): number {
  if (e === 0) return v !== 0 ? 1 : 0;
  return Math.abs(v) > 2 * e ? 1 : NaN;
}

/** The floor of the exact value, or NaN when its bound reaches an integer. */
export function floor(q: number, e: number): number {
  const f = Math.floor(q);
  if (e === 0) return f;
  return q - f > 2 * e && f + 1 - q > 2 * e ? f : NaN;
}

/**
 * The exact value rounded to `places` (0…15) as the reference rounds it, as the double nearest to that
 * decimal; NaN when the bound reaches a boundary of the mode: a half for half_up and half_even, a whole
 * number of the last place for down and up.
 */
export function round(v: number, e: number, places: number, mode: Rounding): number {
  if (!(places >= 0 && places <= 15 && places % 1 === 0)) return NaN;
  const scale = 10 ** places;
  const a = Math.abs(v);
  const m = a * scale;
  if (!(m < TWO_53)) return NaN;
  const em = e * scale * (1 + 4 * U) + productError(a, scale, m); // bound on |exact × 10^places − m|
  const f = Math.floor(m);
  const frac = m - f; // exact
  let whole: number;
  if (em === 0) {
    if (frac === 0 || mode === 'down') whole = f;
    else if (mode === 'up') whole = f + 1;
    else if (frac !== 0.5) whole = frac > 0.5 ? f + 1 : f;
    else whole = mode === 'half_up' || f % 2 === 1 ? f + 1 : f;
  } else if (mode === 'down' || mode === 'up') {
    if (!(frac > 2 * em && 1 - frac > 2 * em)) return NaN;
    whole = mode === 'down' ? f : f + 1;
  } else {
    if (!(Math.abs(frac - 0.5) > 2 * em)) return NaN;
    whole = frac > 0.5 ? f + 1 : f;
  }
  const r = whole / scale;
  return v < 0 && r !== 0 ? -r : r;
}
