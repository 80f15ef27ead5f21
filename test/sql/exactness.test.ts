// The SQL engines' arithmetic against the reference's exact rationals, on random data (fast-check): sums of
// decimals (0.1 + 0.2), half-up at the policy's precision (.005, .0049…), quotients that do not end (÷7,
// ÷ a value), products by constants, ties at a quota's edge, gated places passed on or kept empty, vetoes.
// Each case compares the results file of DuckDB (and of PostgreSQL when a server is given) with the
// reference's, byte for byte.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import type { QuotaRounding, Rounding, RuleGraph } from '../../graph/graph.js';
import { evaluateDatasetInDuckDb, evaluateLoaded } from '../../sql/index.js';
import { cmp, fn, graph, indicator, input, lit, numT, op, ref, section, tier, tiers, total, units } from '../runtime/build-graph.js';
import { PG_URLS, freshSchema } from './pg-env.js';

const K = '单位';
const x = (name: string) => ref(`${K}.${name}`);

/** A policy whose every indicator is one arithmetic edge, ranked into tiers with a quota, a gate and a veto. */
function policy(rounding: Rounding, quota: QuotaRounding, gated: 'passes_on' | 'stays_empty', share: number): RuleGraph {
  const inds = [
    indicator(K, '和', 10, { section: 'S', base: op('+', x('a'), x('b')) }),
    indicator(K, '商', 10, { section: 'S', base: op('/', x('a'), x('c')) }),
    indicator(K, '七分之三', 10, { section: 'S', base: op('/', op('*', x('a'), lit(3)), lit(7)) }),
    indicator(K, '千分', 10, { section: 'S', base: op('*', x('b'), lit(0.005)), precision: 3 }),
    indicator(K, '四舍', 10, { section: 'S', base: fn('round', op('+', x('a'), lit(0.0049)), lit(2)) }),
    indicator(K, '积', 10, { section: 'S', base: op('*', x('a'), x('c')) }),
  ];
  return graph(
    [
      input(K, 'a', numT('number')),
      input(K, 'b', numT('number')),
      input(K, 'c', numT('number')),
      input(K, 'g', numT('number')),
      ...inds,
      section(K, 'S', 60, inds.map((i) => i.name)),
      total(K, ['S']),
      tiers(K, '分段', `${K}.total`, [tier('一', { kind: 'top', share }), tier('二', { kind: 'next', share }), tier('三', null, { rest: true })], {
        quota,
        gated,
        gates: [{ tier: '一', when: cmp('>=', x('g'), lit(1)), text: 'g ≥ 1', span: inds[0]!.span }],
        vetoes: [{ when: cmp('>=', x('g'), lit(2)), text: 'g ≥ 2', span: inds[0]!.span }],
      }),
    ],
    { rounding },
  );
}

// Few distinct values, so that totals tie (at a quota's edge too), and values on and near rounding ties.
const decimal = fc.oneof(
  fc.constantFrom(0.1, 0.2, 0.3, 0.005, 0.015, 0.025, 1.005, 2.675, 0.0049, 0.0051, 1.115, 3.3),
  fc.integer({ min: 0, max: 9000 }).map((k) => k / 1000),
  fc.integer({ min: 0, max: 40 }).map((k) => k / 8),
);
const divisor = fc.oneof(fc.constantFrom(3, 7, 0.3, 1.5, 6, 0.7, 2), fc.integer({ min: 1, max: 300 }).map((k) => k / 100));
const row = fc.record({ a: decimal, b: decimal, c: divisor, g: fc.constantFrom(0, 0, 0, 1, 1, 2) });
const settings = fc.record({
  rounding: fc.constantFrom<Rounding>('half_up', 'half_up', 'half_even', 'down', 'up'),
  quota: fc.constantFrom<QuotaRounding>('half_up', 'floor', 'ceil'),
  gated: fc.constantFrom<'passes_on' | 'stays_empty'>('passes_on', 'stays_empty'),
  share: fc.constantFrom(0.1, 0.25, 0.3, 0.5),
});
const cases = fc.record({ settings, rows: fc.array(row, { minLength: 1, maxLength: 24 }) });

function dataset(g: RuleGraph, rows: { a: number; b: number; c: number; g: number }[]) {
  const json = units(K, Object.fromEntries(rows.map((r, i) => [`u${String(i).padStart(2, '0')}`, r])));
  return { json, ds: checkDataset(g, readJsonDataset(json)) };
}

describe('SQL arithmetic and rounding edges against the reference (property)', () => {
  it('DuckDB: the reference results byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ settings: s, rows }) => {
        const g = policy(s.rounding, s.quota, s.gated, s.share);
        const { json, ds } = dataset(g, rows);
        const reference = evaluate(g, json);
        const sql = await evaluateDatasetInDuckDb(g, ds);
        expect(sql.issues.map((i) => i.message)).toEqual(reference.issues.map((i) => i.message));
        expect(JSON.stringify(sql.results)).toBe(JSON.stringify(reference.results));
      }),
      { numRuns: 25 },
    );
  }, 600_000);

  it('hand-computed: 0.1 + 0.2 is 0.3, 1.005 half-up is 1.01, 3/7 of 0.7 is 0.3, ties at the edge share the tier', async () => {
    const g = policy('half_up', 'half_up', 'passes_on', 0.25);
    const rows = [
      { a: 0.1, b: 0.2, c: 0.3, g: 0 },
      { a: 0.7, b: 1.005, c: 7, g: 0 },
      { a: 0.7, b: 1.005, c: 7, g: 0 },
      { a: 0, b: 0, c: 1, g: 0 },
    ];
    const { json, ds } = dataset(g, rows);
    const sql = await evaluateDatasetInDuckDb(g, ds);
    const score = (u: number, ind: string) => sql.results!.units.find((r) => r.id === `u0${u}`)!.indicators[ind]!.score;
    expect(score(0, '和')).toBe(0.3);
    expect(score(0, '商')).toBe(0.33);
    expect(score(1, '七分之三')).toBe(0.3);
    expect(score(1, '千分')).toBe(0.005);
    expect(score(1, '四舍')).toBe(0.7);
    // Two units tie for the one place of the top 25% of four: both are placed in it (ties shared).
    const tierOf = new Map(sql.results!.units.map((u) => [u.id, u.tier]));
    expect([tierOf.get('u01'), tierOf.get('u02')]).toEqual(['一', '一']);
    expect(JSON.stringify(sql.results)).toBe(JSON.stringify(evaluate(g, json).results));
  }, 120_000);

  it.skipIf(PG_URLS.length === 0)('PostgreSQL: the reference results byte for byte', async () => {
    const db = await freshSchema();
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(cases, async ({ settings: s, rows }) => {
          const g = policy(s.rounding, s.quota, s.gated, s.share);
          const { json, ds } = dataset(g, rows);
          // Each case in tables of its own: the engine reads the schema's tables by the policy's names.
          const schema = `kp_case_${n++}`;
          await db.run(`CREATE SCHEMA ${schema}`);
          await db.run(`SET search_path TO ${schema}, pg_temp`);
          const sql = await evaluateLoaded(db, g, ds, undefined);
          await db.run(`DISCARD TEMP`);
          expect(JSON.stringify(sql.results)).toBe(JSON.stringify(evaluate(g, json).results));
        }),
        { numRuns: 15 },
      );
    } finally {
      for (let k = 0; k < n; k++) await db.run(`DROP SCHEMA IF EXISTS kp_case_${k} CASCADE`);
      await db.close();
    }
  }, 600_000);
});
