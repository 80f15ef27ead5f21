// Exact rational arithmetic for compile-time constants (points, weights, shares, literal values), so that
// 0.1分 + 0.2分 is exactly 0.3分 when the compiler adds up points, and literals convert without drift.
import type { Unit } from '../dsl/ast.js';

export interface Rational {
  num: bigint;
  den: bigint; // always > 0, reduced
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den < 0n) return rational(-num, -den);
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ZERO = rational(0n);

const UNIT_SCALE: Record<Unit, Rational> = {
  points: rational(1n),
  percent: rational(1n, 100n),
  yuan: rational(1n),
  wan_yuan: rational(10_000n),
  yi_yuan: rational(100_000_000n),
  count: rational(1n),
  days: rational(1n),
};

/** The value of a numeric literal as written (`digits` like "98.6"), with its unit applied (98.6% → 493/500). */
export function literalValue(digits: string, unit: Unit | null): Rational {
  const [whole = '0', fraction = ''] = digits.split('.');
  const raw = rational(BigInt((whole || '0') + fraction), 10n ** BigInt(fraction.length));
  return unit ? mul(raw, UNIT_SCALE[unit]) : raw;
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
/** null when dividing by zero. */
export const div = (a: Rational, b: Rational): Rational | null =>
  b.num === 0n ? null : rational(a.num * b.den, a.den * b.num);
export const compare = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const isInteger = (a: Rational): boolean => a.den === 1n;

/** The nearest double: both parts are exact below 2^53, so one division rounds correctly. */
export function toNumber(a: Rational): number {
  if (a.num <= 2n ** 53n && a.num >= -(2n ** 53n) && a.den <= 2n ** 53n) return Number(a.num) / Number(a.den);
  return Number(toDecimal(a, 20));
}

/** Decimal text for messages, trailing zeros dropped ("0.3", "25", "1/3" shown as 0.3333…). */
export function toDecimal(a: Rational, places = 6): string {
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  const whole = n / a.den;
  let rest = n % a.den;
  let digits = '';
  for (let i = 0; i < places && rest !== 0n; i++) {
    rest *= 10n;
    digits += String(rest / a.den);
    rest %= a.den;
  }
  const text = digits ? `${whole}.${digits}${rest !== 0n ? '…' : ''}` : String(whole);
  return negative ? `-${text}` : text;
}
