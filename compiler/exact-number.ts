// Exact rational arithmetic (the runtime's) for compile-time constants (points, weights, shares, literal values), so that
// 0.1分 + 0.2分 is exactly 0.3分 when the compiler adds up points, and literals convert without drift.
import type { Unit } from '../dsl/ast.js';
import { mul, rational, type Rational } from '../runtime/evaluation/rational.js';

export { ZERO, add, compare, div, isInteger, mul, rational, sub, toDecimal, toNumber, type Rational } from '../runtime/evaluation/rational.js';

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
