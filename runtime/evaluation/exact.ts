// Exact decimal behaviour on float64 values.
// Scores are decimals with a few places; float64 arithmetic carries errors of a few units in the last
// place (0.1 + 0.2 = 0.30000000000000004). Every comparison, floor and rounding first snaps its operands
// to SIGNIFICANT_DIGITS significant decimal digits, which removes those errors while keeping every digit
// a policy or dataset can meaningfully hold. Rounded results are the float64 nearest to the decimal, so
// they print as the decimal ("0.3").
import type { Rounding } from '../../graph/graph.js';

export const SIGNIFICANT_DIGITS = 14;

/** The float64 nearest to `x` rounded to SIGNIFICANT_DIGITS significant decimal digits. */
export function snap(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  // Fast path: x is the float64 nearest to a decimal of at most 8 places and under 10^6 (so at most 14
  // significant digits); the nearest 14-digit decimal is then that decimal, which reads back as x.
  if (x < SMALL && x > -SMALL) {
    const m = Math.round(x * 1e8);
    if (m / 1e8 === x) return x;
  }
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/**
 * Snapping moves a value by less than 1e-13 of its magnitude, so two values further apart than 1e-12 of
 * the larger magnitude keep their order after snapping, and values this far from a step boundary keep
 * their floor: the fast paths below skip the (slow) decimal conversion without changing any result.
 */
const FAR = 1e-12;
/** Below this magnitude the snapping error is under 1e-7, well inside NEAR. */
const SMALL = 1e6;
const NEAR = 1e-6;

/**
 * a + b without cancellation error. When the sum is much smaller than its operands, their representation
 * errors (relative 1e-16 of the operands) become large relative to the sum (65536.9 − 65453 =
 * 83.900000000001455) and snapping the sum to its own significant digits would keep them; the sum is
 * then snapped at the operands' scale instead, where the decimal it stands for has at most
 * SIGNIFICANT_DIGITS digits. Subtraction is `addExact(a, -b)`.
 */
export function addExact(a: number, b: number): number {
  const r = a + b;
  const m = Math.max(Math.abs(a), Math.abs(b));
  if (Math.abs(r) * CANCELLATION >= m) return r;
  const places = SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(m));
  if (!(places >= 0 && places <= 22)) return r;
  const scale = 10 ** places;
  return Math.round(r * scale) / scale + 0; // + 0: a sum of exact opposites is 0, never -0
}

/** A sum at most this many times smaller than its larger operand keeps its relative error within what snap removes. */
const CANCELLATION = 8;

export function compareExact(a: number, b: number): number {
  if (a === b) return 0;
  const d = a - b;
  if (Math.abs(d) > Math.max(Math.abs(a), Math.abs(b)) * FAR) return d < 0 ? -1 : 1;
  const x = snap(a);
  const y = snap(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function floorExact(x: number): number {
  const f = Math.floor(x);
  const frac = x - f;
  if (Math.abs(x) < SMALL && (frac === 0 || (frac > NEAR && frac < 1 - NEAR))) return f + 0; // + 0: snap turns -0 into 0
  return Math.floor(snap(x));
}

export function ceilExact(x: number): number {
  const c = Math.ceil(x);
  const gap = c - x;
  if (Math.abs(x) < SMALL && gap === 0) return c + 0;
  if (Math.abs(x) < SMALL && gap > NEAR && gap < 1 - NEAR) return c;
  return Math.ceil(snap(x));
}

/** Round an integer-snapped magnitude: `m` is |x| × 10^places after snapping, so its fraction is exact. */
function roundMagnitude(m: number, mode: Rounding): number {
  const whole = Math.floor(m);
  const frac = m - whole;
  if (frac === 0) return whole;
  switch (mode) {
    case 'down':
      return whole;
    case 'up':
      return whole + 1;
    case 'half_up':
      return frac >= 0.5 ? whole + 1 : whole;
    case 'half_even':
      if (frac > 0.5) return whole + 1;
      if (frac < 0.5) return whole;
      return whole % 2 === 0 ? whole : whole + 1;
  }
}

/**
 * Round to `places` decimal places. `half_up` rounds ties away from zero (四舍五入), `half_even` to the
 * even neighbour, `down` towards zero (舍去), `up` away from zero (进一).
 */
export function roundTo(x: number, places: number, mode: Rounding): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** places;
  const r = roundNear(Math.abs(x) * scale, mode) ?? roundMagnitude(snap(Math.abs(snap(x)) * scale), mode);
  const v = r / scale;
  return x < 0 && v !== 0 ? -v : v;
}

/** The rounded magnitude when the unsnapped magnitude `m` already decides it; null when snapping could matter. */
function roundNear(m: number, mode: Rounding): number | null {
  if (!(m < SMALL)) return null;
  const whole = Math.floor(m);
  const frac = m - whole;
  if (frac <= NEAR || frac >= 1 - NEAR) return mode === 'half_up' || mode === 'half_even' ? Math.round(m) : null;
  if (Math.abs(frac - 0.5) <= NEAR) return null;
  return roundMagnitude(m, mode);
}

/** Quota places: `share × n` rounded to a whole number of places. */
export function roundPlaces(x: number, mode: 'half_up' | 'floor' | 'ceil'): number {
  const s = snap(x);
  if (mode === 'floor') return Math.floor(s);
  if (mode === 'ceil') return Math.ceil(s);
  return Math.floor(s + 0.5);
}
