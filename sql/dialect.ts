// What differs between the SQL engines kaoping targets, in one place per difference (the generator calls
// these and never asks which engine it writes for). Everything else it writes is standard SQL.
import type { Rounding } from '../graph/graph.js';
import type { Rational } from '../runtime/evaluation/rational.js';

export type DialectName = 'duckdb' | 'postgres';

export interface Dialect {
  name: DialectName;
  /** the exact decimal type every number is computed in */
  decimal: string;
  /** a query parameter's placeholder (1-based) */
  param(n: number): string;
  /** exact a / b, NULL when b is 0 or either is NULL; DuckDB's own decimal division gives a double */
  divide(a: string, b: string): string;
  /** exact a × b */
  multiply(a: string, b: string): string;
  /** x rounded half away from zero to `places` (0–12), typed as `decimal` */
  round(x: string, places: number): string;
  /**
   * A decimal constant (plain decimal text) typed at its own places, so that a product with it is the
   * database's exact product with no rounding step (a division by 5 is a product with 0.2).
   */
  exact(text: string): string;
  /** statements a script starts with (the functions `divide` and `multiply` call) */
  prelude: string[];
  /** the prelude's functions worth a column of their own when under a CASE (sql/lift.ts) */
  costly: readonly string[];
  /** statements after a working table is made; `key` is the column its rows are looked up by */
  afterCreate(table: string, key: string): string[];
  /**
   * How a number is read back: SQL of the double it is when the database converts it exactly (else NULL),
   * and SQL of its text when not (else NULL). The runtime holds the double nearest to the decimal.
   */
  readNumber(x: string): [string, string];
  /** days since 1970-01-01 of a DATE */
  days(d: string): string;
  /** whether the expression's text is a UUID-free session-local table ("TEMP") or a schema's table */
  tempTable: string;
  /** the table function that reads a CSV file with every column as text, or null when the engine cannot */
  readCsv: ((file: string) => string) | null;
}

/** Identifiers — the policy's names, Chinese or not — quoted, with `"` doubled; NUL is refused. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new RangeError('identifier contains NUL');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string constant of the policy (an enum member, a message): single quotes doubled; NUL is refused. */
export function quoteText(text: string): string {
  if (text.includes('\u0000')) throw new RangeError('text contains NUL');
  return `'${text.replaceAll("'", "''")}'`;
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * A policy's number as an exact decimal literal: the shortest decimal that reads back as the float the graph
 * holds (what the author wrote), checked to be a plain decimal before it goes into SQL.
 */
export function decimalLiteral(x: number, d: Dialect): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let text = String(x);
  if (/e/i.test(text)) text = expandExponent(text);
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`not a decimal: ${text}`);
  return `CAST(${text} AS ${d.decimal})`;
}

const placesOf = (text: string) => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

/**
 * The exact decimal text of a rational when it has one of at most `maxPlaces` places (its denominator
 * divides a power of ten), else null: 1/5 → "0.2", 1/0.01 → "100", 1/26 → null.
 */
export function terminatingDecimal(r: Rational, maxPlaces = 12): string | null {
  const negative = r.num < 0n;
  const n = negative ? -r.num : r.num;
  for (let k = 0, scale = 1n; k <= maxPlaces; k++, scale *= 10n) {
    if ((n * scale) % r.den !== 0n) continue;
    const digits = ((n * scale) / r.den).toString().padStart(k + 1, '0');
    const text = k === 0 ? digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`;
    return negative ? `-${text}` : text;
  }
  return null;
}

/** 1.5e-7 → 0.00000015, 1e+21 → 1000000000000000000000 */
function expandExponent(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Rounding digits absorbed before a rounding or comparison: a quotient is exact only to its scale. */
export const SNAP_PLACES = 10;

/** x rounded to `places` with the policy's mode, on exact decimals (first to 10 places when `snap`: x may carry a quotient's rounding). */
export function roundSql(x: string, places: number, mode: Rounding, d: Dialect, snap = true): string {
  const scale = `CAST(1${'0'.repeat(places)} AS ${d.decimal})`;
  const unit = `CAST(${places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`} AS ${d.decimal})`;
  const snapped = snap ? d.round(x, SNAP_PLACES) : x;
  const m = `ABS(${snapped}) * ${scale}`;
  const sign = `SIGN(${snapped})`;
  switch (mode) {
    case 'half_up':
      return d.round(snapped, places);
    case 'down':
      return `CAST(${sign} * FLOOR(${m}) * ${unit} AS ${d.decimal})`;
    case 'up':
      return `CAST(${sign} * CEIL(${m}) * ${unit} AS ${d.decimal})`;
    case 'half_even': {
      const whole = `FLOOR(${m})`;
      const even = `CASE WHEN ${m} - ${whole} = 0.5 AND MOD(${whole}, 2) = 0 THEN ${whole} ELSE ROUND(${m}, 0) END`;
      return `CAST(${sign} * (${even}) * ${unit} AS ${d.decimal})`;
    }
  }
}

/** Two numbers compared as the runtime compares them: after absorbing a quotient's last digits. */
export function snapSql(x: string, d: Dialect): string {
  return d.round(x, SNAP_PLACES);
}

// DuckDB's decimals have at most 38 digits, its decimal division gives a double, and every step that
// divides a 128-bit decimal (a cast to fewer places, ROUND, TRUNC) runs a slow bitwise long division. An exact
// quotient is therefore found without dividing decimals: a double estimate, refined once by the exact
// remainder (a − q·b, a product of decimals, which is exact), lands within one unit of the 12th place; the
// remainder then says which neighbour is the nearest (ties away from zero). No CASE, so that DuckDB can
// share the repeated pieces (a CASE around it would stop that); a division by zero gives NULL.
const U12 = 'CAST(0.000000000001 AS DECIMAL(38,12))';
const DUCKDB_PRELUDE = [
  `CREATE OR REPLACE TEMP MACRO kp_qe(a, b) AS CAST(CAST(a AS DOUBLE) / NULLIF(CAST(b AS DOUBLE), 0) AS DECIMAL(38,12))`,
  `CREATE OR REPLACE TEMP MACRO kp_qr(a, b, q) AS q + CAST(CAST(a - q * b AS DOUBLE) / CAST(b AS DOUBLE) AS DECIMAL(38,12))`,
  `CREATE OR REPLACE TEMP MACRO kp_qs(a, b, q) AS 2 * (a - q * b) * SIGN(b)`,
  `CREATE OR REPLACE TEMP MACRO kp_qn(a, b, q) AS q + ${U12} * (CAST(kp_qs(a, b, q) > ABS(b) * ${U12} OR (kp_qs(a, b, q) = ABS(b) * ${U12} AND SIGN(a) * SIGN(b) > 0) AS INTEGER) - CAST(kp_qs(a, b, q) < -(ABS(b) * ${U12}) OR (kp_qs(a, b, q) = -(ABS(b) * ${U12}) AND SIGN(a) * SIGN(b) < 0) AS INTEGER))`,
  `CREATE OR REPLACE TEMP MACRO kp_div(a, b) AS kp_qn(a, b, kp_qr(a, b, kp_qe(a, b)))`,
  // ROUND(x, p) the same way, 6× faster: the nearest multiple of 10^-p estimated through doubles, refined
  // once by the exact rest (so it is within one unit at any magnitude), then the rest says which neighbour
  // is the nearest, half away from zero as ROUND. p is a constant, so the powers of ten are folded.
  `CREATE OR REPLACE TEMP MACRO kp_ru(p) AS CAST(POW(10, -p) AS DECIMAL(38,12))`,
  `CREATE OR REPLACE TEMP MACRO kp_re(x, p) AS CAST(ROUND(CAST(x AS DOUBLE) * POW(10, p)) AS HUGEINT) * kp_ru(p)`,
  `CREATE OR REPLACE TEMP MACRO kp_rr(x, p, r) AS r + CAST(ROUND(CAST(x - r AS DOUBLE) * POW(10, p)) AS HUGEINT) * kp_ru(p)`,
  `CREATE OR REPLACE TEMP MACRO kp_rh(p) AS CAST(5 * POW(10, -p - 1) AS DECIMAL(38,13))`,
  `CREATE OR REPLACE TEMP MACRO kp_rn(x, p, r) AS CAST(r + kp_ru(p) * (CAST(x - r > kp_rh(p) OR (x - r = kp_rh(p) AND x > 0) AS INTEGER) - CAST(x - r < -kp_rh(p) OR (x - r = -kp_rh(p) AND x < 0) AS INTEGER)) AS DECIMAL(38,12))`,
  `CREATE OR REPLACE TEMP MACRO kp_round(x, p) AS kp_rn(x, p, kp_rr(x, p, kp_re(x, p)))`,
];

export const duckdb: Dialect = {
  name: 'duckdb',
  decimal: 'DECIMAL(38,12)',
  param: (n) => `$${n}`,
  divide: (a, b) => `kp_div(${a}, ${b})`,
  // Exact while the product is under 10^14 (28 digits and 24 places); beyond, DuckDB's overflow error.
  // Rounded to 12 places by kp_round: a cast to fewer places is a long division (5× slower).
  multiply: (a, b) => `kp_round((${a}) * (${b}), 12)`,
  round: (x, places) => `kp_round(${x}, ${places})`,
  exact: (text) => `CAST(${text} AS DECIMAL(38,${placesOf(text)}))`,
  prelude: DUCKDB_PRELUDE,
  costly: ['kp_div', 'kp_round'],
  // DuckDB divides the 128-bit integer of a DECIMAL(38,12) (what scored nodes are) by 10^12 as doubles: both are exact below 2^53,
  // and one IEEE division rounds to nearest, so below 9000 the double is the nearest one. Text above.
  readNumber: (x) => [`CASE WHEN ABS(${x}) < 9000 THEN CAST(${x} AS DOUBLE) END`, `CASE WHEN ABS(${x}) >= 9000 THEN CAST(${x} AS VARCHAR) END`],
  // DuckDB turns the correlated subqueries into joins and keeps its own statistics.
  afterCreate: () => [],
  days: (d) => `CAST(${d} - DATE '1970-01-01' AS DECIMAL(38,12))`,
  tempTable: 'TEMP TABLE',
  readCsv: null,
};

export const postgres: Dialect = {
  name: 'postgres',
  decimal: 'NUMERIC',
  param: (n) => `$${n}`,
  divide: (a, b) => `(${a}) / NULLIF(${b}, 0)`,
  multiply: (a, b) => `(${a}) * (${b})`,
  round: (x, places) => `ROUND(${x}, ${places})`,
  exact: (text) => `CAST(${text} AS NUMERIC)`,
  prelude: [],
  costly: [],
  readNumber: (x) => ['NULL', `CAST(${x} AS VARCHAR)`],
  // PostgreSQL runs a correlated subquery per unit: the records are looked up by unit through an index;
  // and temporary tables get no statistics unless asked.
  afterCreate: (table, key) => [`CREATE INDEX ON ${table} (${key})`, `ANALYZE ${table}`],
  days: (d) => `CAST(${d} - DATE '1970-01-01' AS NUMERIC)`,
  tempTable: 'TEMP TABLE',
  readCsv: null,
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres };
