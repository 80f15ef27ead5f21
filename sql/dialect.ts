// What differs between the SQL engines kaoping targets, in one place per difference (the generator calls
// these and never asks which engine it writes for). Everything else it writes is standard SQL.
import type { Rounding } from '../graph/graph.js';

export type DialectName = 'duckdb' | 'postgres';

export interface Dialect {
  name: DialectName;
  /** the exact decimal type every number is computed in */
  decimal: string;
  /** a query parameter's placeholder (1-based) */
  param(n: number): string;
  /** exact a / b (b is never 0 where it is called); DuckDB's own decimal division gives a double */
  divide(a: string, b: string): string;
  /** exact a × b */
  multiply(a: string, b: string): string;
  /** statements a script starts with (the functions `divide` and `multiply` call) */
  prelude: string[];
  /** statements after a working table is made; `key` is the column its rows are looked up by */
  afterCreate(table: string, key: string): string[];
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

/** x rounded to `places` with the policy's mode, on exact decimals. */
export function roundSql(x: string, places: number, mode: Rounding, d: Dialect): string {
  const scale = `CAST(1${'0'.repeat(places)} AS ${d.decimal})`;
  const unit = `CAST(${places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`} AS ${d.decimal})`;
  const snapped = `ROUND(${x}, ${SNAP_PLACES})`;
  const m = `ABS(${snapped}) * ${scale}`;
  const sign = `SIGN(${snapped})`;
  switch (mode) {
    case 'half_up':
      return `CAST(ROUND(${snapped}, ${places}) AS ${d.decimal})`;
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
export function snapSql(x: string): string {
  return `ROUND(${x}, ${SNAP_PLACES})`;
}

// DuckDB's decimals have at most 38 digits and its decimal division returns a double: a quotient is worked
// out on 128-bit integers (the operands times 10^12), digit groups of 7 at a time so that no step overflows,
// and a product is split into integer and fraction parts so that no partial product overflows.
// Each operand is bound once (a one-element list and a lambda), so that nested quotients do not repeat
// their operands' SQL.
const DUCKDB_PRELUDE = [
  `CREATE OR REPLACE TEMP MACRO kp_int(a) AS CAST(TRUNC(a) AS HUGEINT) * CAST(1000000000000 AS HUGEINT) + CAST((a - TRUNC(a)) * 1000000000000 AS HUGEINT)`,
  `CREATE OR REPLACE TEMP MACRO kp_quot(x, y) AS CAST(CAST(x // y AS DECIMAL(38,14)) + CAST(CAST(((x % y) * 10000000) // y AS DECIMAL(38,14)) * 0.0000001 AS DECIMAL(38,14)) + CAST(CAST(((((x % y) * 10000000) % y) * 10000000) // y AS DECIMAL(38,14)) * 0.00000000000001 AS DECIMAL(38,14)) AS DECIMAL(38,12))`,
  `CREATE OR REPLACE TEMP MACRO kp_div(a, b) AS list_transform([{'a': CAST(a AS DECIMAL(38,12)), 'b': CAST(b AS DECIMAL(38,12))}], lambda s: list_transform([{'x': kp_int(s.a), 'y': kp_int(s.b)}], lambda q: kp_quot(q.x, q.y))[1])[1]`,
  `CREATE OR REPLACE TEMP MACRO kp_mul(a, b) AS list_transform([{'a': CAST(a AS DECIMAL(38,12)), 'b': CAST(b AS DECIMAL(38,12))}], lambda s: CAST(CAST(TRUNC(s.a) AS DECIMAL(38,0)) * s.b AS DECIMAL(38,12)) + CAST((s.a - TRUNC(s.a)) * CAST(TRUNC(s.b) AS DECIMAL(38,0)) AS DECIMAL(38,12)) + CAST((s.a - TRUNC(s.a)) * (s.b - TRUNC(s.b)) AS DECIMAL(38,12)))[1]`,
];

export const duckdb: Dialect = {
  name: 'duckdb',
  decimal: 'DECIMAL(38,12)',
  param: (n) => `$${n}`,
  divide: (a, b) => `kp_div(${a}, ${b})`,
  multiply: (a, b) => `kp_mul(${a}, ${b})`,
  prelude: DUCKDB_PRELUDE,
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
  divide: (a, b) => `(${a}) / (${b})`,
  multiply: (a, b) => `(${a}) * (${b})`,
  prelude: [],
  // PostgreSQL runs a correlated subquery per unit: the records are looked up by unit through an index;
  // and temporary tables get no statistics unless asked.
  afterCreate: (table, key) => [`CREATE INDEX ON ${table} (${key})`, `ANALYZE ${table}`],
  days: (d) => `CAST(${d} - DATE '1970-01-01' AS NUMERIC)`,
  tempTable: 'TEMP TABLE',
  readCsv: null,
};

export const DIALECTS: Record<DialectName, Dialect> = { duckdb, postgres };
