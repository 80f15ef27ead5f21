// Exact rational numbers (BigInt numerator and denominator). The reference evaluator computes in them, so
// every comparison, floor and rounding tie is decided on the exact value; the compiler uses them for
// compile-time constants. A number read from data or a policy stands for the shortest decimal that reads
// back as it (what was written: 0.80075 is 80075/100000, not the nearest double).
import type { Rounding } from '../../graph/graph.js';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint; // always > 0; not always in lowest terms (see `made`)
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num/den in lowest terms. */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den < 0n) return rational(-num, -den);
  if (den === 1n) return { num, den };
  const g = gcd(num, den) || 1n;
  return g === 1n ? { num, den } : { num: num / g, den: den / g };
}

/**
 * num/den (den > 0) as arithmetic makes it: reduced only once the denominator passes 2⁶⁴, since most values
 * are decimals whose denominators stay small and a gcd costs more than the operation.
 */
function made(num: bigint, den: bigint): Rational {
  return den > REDUCE_ABOVE ? rational(num, den) : { num, den };
}

const REDUCE_ABOVE = 1n << 64n;

export const ZERO = rational(0n);
export const ONE = rational(1n);

const TEN = 10n;
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** A decimal written as text ("98.6", "-1.5e-7"); null when it is not one. */
export function fromDecimal(text: string): Rational | null {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  const fraction = m[3] ?? '';
  const exp = Number(m[4] ?? 0) - fraction.length;
  const digits = BigInt((m[2] || '0') + fraction) * (m[1] ? -1n : 1n);
  return exp >= 0 ? rational(digits * TEN ** BigInt(exp)) : rational(digits, TEN ** BigInt(-exp));
}

/** The value a finite double stands for: the shortest decimal that reads back as it (what String gives). */
export function fromNumber(x: number): Rational {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { num: BigInt(x), den: 1n };
  // Fast path: the fewest places k ≤ 9 at which x is the double nearest to m / 10^k, with m of at most 15
  // digits. Distinct decimals of 15 significant digits are distinct doubles, so that decimal is the shortest.
  for (let k = 1, scale = 10; k <= 9; k++, scale *= 10) {
    const m = Math.round(x * scale);
    if (Math.abs(m) >= 1e15) break;
    if (m / scale === x) {
      const g = smallGcd(Math.abs(m), scale);
      return { num: BigInt(m / g), den: BigInt(scale / g) };
    }
  }
  return fromDecimal(String(x))!;
}

function smallGcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export const add = (a: Rational, b: Rational): Rational =>
  a.den === b.den ? made(a.num + b.num, a.den) : made(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => add(a, neg(b));
export const mul = (a: Rational, b: Rational): Rational => made(a.num * b.num, a.den * b.den);
/** null when dividing by zero. */
export function div(a: Rational, b: Rational): Rational | null {
  if (b.num === 0n) return null;
  return b.num < 0n ? made(-a.num * b.den, -a.den * b.num) : made(a.num * b.den, a.den * b.num);
}
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export const abs = (a: Rational): Rational => (a.num < 0n ? neg(a) : a);
export function compare(a: Rational, b: Rational): number {
  const d = a.den === b.den ? a.num - b.num : a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
export const sign = (a: Rational): number => (a.num < 0n ? -1 : a.num > 0n ? 1 : 0);
export const isInteger = (a: Rational): boolean => a.den === 1n || a.num % a.den === 0n;

/** The greatest integer ≤ a. */
export function floor(a: Rational): Rational {
  const q = a.num / a.den; // truncates towards zero
  return rational(a.num < 0n && q * a.den !== a.num ? q - 1n : q);
}

export const ceil = (a: Rational): Rational => neg(floor(neg(a)));

/**
 * `a` rounded to `places` decimal places: `half_up` rounds ties away from zero (四舍五入), `half_even` to the
 * even neighbour, `down` towards zero (舍去), `up` away from zero (进一). Exact: the tie is the exact half.
 */
export function roundTo(a: Rational, places: number, mode: Rounding): Rational {
  if (places < 0) {
    const unit = rational(TEN ** BigInt(-places));
    return mul(roundTo(div(a, unit)!, 0, mode), unit);
  }
  const scale = TEN ** BigInt(places);
  const n = a.num < 0n ? -a.num * scale : a.num * scale; // |a| × 10^places = n / den
  let whole = n / a.den;
  const twice = 2n * (n - whole * a.den); // twice the remainder, against the denominator: the half is exact
  if (twice !== 0n) {
    if (mode === 'up') whole++;
    else if (mode === 'half_up' && twice >= a.den) whole++;
    else if (mode === 'half_even' && (twice > a.den || (twice === a.den && whole % 2n === 1n))) whole++;
  }
  return made(a.num < 0n ? -whole : whole, scale);
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** The double nearest to `a` (ties to even), as every arithmetic result is stored. */
export function toNumber(a: Rational): number {
  const LIMIT = 9007199254740992n; // 2^53: both parts exact as doubles, so one division rounds correctly
  if (a.num <= LIMIT && a.num >= -LIMIT && a.den <= LIMIT) return Number(a.num) / Number(a.den) + 0;
  const reduced = rational(a.num, a.den);
  if (reduced.den !== a.den) return toNumber(reduced);
  const n = a.num < 0n ? -a.num : a.num;
  // A quotient of at least 66 bits with a sticky last bit for any remainder: Number(bigint) rounds it to
  // nearest, and the scaling by a power of two is exact.
  const shift = 66 - (bitLength(n) - bitLength(a.den));
  const top = shift >= 0 ? n << BigInt(shift) : n;
  const bottom = shift >= 0 ? a.den : a.den << BigInt(-shift);
  let q = top / bottom;
  if (q * bottom !== top) q |= 1n;
  const x = Number(q) * 2 ** -Math.trunc(shift / 2) * 2 ** -(shift - Math.trunc(shift / 2));
  return a.num < 0n ? -x : x;
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
