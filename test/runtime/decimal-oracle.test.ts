// Exact at every tie: the reference evaluator against an independent decimal oracle, and the kernels against
// the reference, on generated cases focused where float arithmetic goes wrong — rounding ties reached through
// an interpolation, a steps count, a ratio, a mean over records and a mean over peers, comparisons of sums,
// anchors and step edges hit exactly or missed by 10⁻⁹ — at every rounding mode and precision 0–4.
//
// Why the oracle is independent: the runtime computes in BigInt rationals, multiplying before it divides;
// the oracle computes with decimal.js, a decimal floating-point library, at 50 significant digits, dividing
// first (a slope, a share, a quotient), then keeps 35 digits before it rounds. Every exact value here is a
// rational whose denominator is at most 10¹⁸ (inputs have at most 11 decimal places, divisors at most 3 and
// below 2,000, counts below 100), so one that is not a tie at 4 places is at least 10⁻²³ from every tie,
// far beyond the 35 digits kept (10⁻³¹ at magnitudes below 10⁴); the oracle's own error (10⁻⁴⁵) is far
// below them, so a tie it reaches by a non-terminating route (a slope of 1/1.6… as a quotient) comes back
// to the exact tie when the digits beyond 35 are dropped.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../runtime/index.js';
import type { GExpr, GraphNode, Rounding, RuleGraph } from '../../graph/graph.js';
import { cmp, field, fn, graph, indicator, input, numT, op, pop, ref, section } from './build-graph.js';
import { compileKp } from './compile-helper.js';
import { caseTally } from '../reliability/cases.js';

const D = Decimal.clone({ precision: 50 });
type Dec = InstanceType<typeof D>;
const K = '单位';
const POINTS = 1000;
const PRECISIONS = [0, 1, 2, 3, 4];
const MODES: Rounding[] = ['half_up', 'half_even', 'down', 'up'];
const DECIMAL_MODE: Record<Rounding, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};
const UNITS_PER_BATCH = 100;
const BATCHES_PER_MODE = Number(process.env.KP_ORACLE_BATCHES ?? 8);

const tally = caseTally('decimal-oracle.test.ts');

// ── Generators of decimal text ──────────────────────────────────────────────

/** A decimal with `places` places in [min, max]. */
const dec = (places: number, min: number, max: number) =>
  fc.integer({ min: Math.round(min * 10 ** places), max: Math.round(max * 10 ** places) }).map((n) => new D(n).div(10 ** places));

/** A rounding tie at `p` places ((n + ½)·10⁻ᵖ) in [lo, hi), or null when there is none. */
function tieIn(p: number, lo: Dec, hi: Dec, pick: number): Dec | null {
  const first = lo.times(10 ** p).minus(0.5).ceil();
  const last = hi.times(10 ** p).minus(0.5).ceil().minus(1);
  if (last.lessThan(first)) return null;
  const count = last.minus(first).plus(1);
  return first.plus(new D(pick).mod(count)).plus(0.5).div(10 ** p);
}

/** Mostly exact (a tie stays a tie), else a nudge of 10⁻⁹ or 10⁻⁷ either way. */
const nudge = fc.constantFrom('0', '0', '0', '0', '1e-9', '-1e-9', '1e-7', '-1e-7').map((t) => new D(t));
const focus = fc.constantFrom('tie', 'tie', 'tie', 'near', 'edge', 'any');
const pick = fc.integer({ min: 0, max: 1_000_000 });
/** Differences that make a quotient terminate (their only prime factors are 2 and 5). */
const SPANS = ['0.25', '0.5', '0.4', '1', '1.6', '2', '2.5', '4', '5', '8', '10', '20', '25', '40'];

type Case = Record<string, Dec | Dec[]>;

interface Family {
  name: string;
  /** the numeric inputs; `list` is a record list of numbers */
  inputs: string[];
  list?: boolean;
  base(x: (input: string) => GExpr): GExpr;
  oracle(c: Case): Dec;
  cases(p: number): fc.Arbitrary<Case>;
}

const num = (c: Case, k: string) => c[k] as Dec;

const interpolation: Family = {
  name: 'interp',
  inputs: ['x', 'x0', 'y0', 'x1', 'y1', 'x2', 'y2'],
  base: (x) => fn('interpolate', x('x'), x('x0'), x('y0'), x('x1'), x('y1'), x('x2'), x('y2')),
  oracle(c) {
    const [x, x0, y0, x1, y1, x2, y2] = this.inputs.map((k) => num(c, k));
    if (x!.lessThanOrEqualTo(x0!)) return y0!;
    // The share of the segment first, then the rise: another order than the runtime's.
    if (x!.lessThanOrEqualTo(x1!)) return y0!.plus(x!.minus(x0!).div(x1!.minus(x0!)).times(y1!.minus(y0!)));
    if (x!.lessThanOrEqualTo(x2!)) return y1!.plus(x!.minus(x1!).div(x2!.minus(x1!)).times(y2!.minus(y1!)));
    return y2!;
  },
  cases: (p) =>
    fc
      .record({
        x0: dec(3, 0, 1), s1: dec(3, 0.001, 2), s2: dec(3, 0.001, 2), y0: dec(2, 0, 50),
        r1: fc.constantFrom(...SPANS), r2: fc.constantFrom(...SPANS, ...SPANS.map((s) => `-${s}`)),
        segment: fc.constantFrom(0, 1), anchor: fc.constantFrom(0, 1, 2), focus, pick, nudge, at: dec(6, -0.5, 1.5),
      })
      .map((g) => {
        const x0 = g.x0, x1 = x0.plus(g.s1), x2 = x1.plus(g.s2);
        const y0 = g.y0, y1 = y0.plus(g.r1), y2 = y1.plus(g.r2);
        const [xa, ya, dx, dy] = g.segment === 0 ? [x0, y0, g.s1, new D(g.r1)] : [x1, y1, g.s2, new D(g.r2)];
        const lo = D.min(ya, ya.plus(dy)), hi = D.max(ya, ya.plus(dy));
        const tie = tieIn(p, lo, hi, g.pick);
        let x: Dec;
        if ((g.focus === 'tie' || g.focus === 'near') && tie) x = xa.plus(tie.minus(ya).times(dx).div(dy)).plus(g.focus === 'near' ? g.nudge : 0);
        else if (g.focus === 'any') x = x0.plus(g.at.times(x2.minus(x0)));
        else x = [x0, x1, x2][g.anchor]!.plus(g.nudge);
        return { x, x0, y0, x1, y1, x2, y2 };
      }),
};

const STEP_UNITS = ['0.01', '0.005', '0.1', '0.3', '0.25', '1', '0.07', '0.125'];

function stepsFamily(name: string, f: 'steps_whole' | 'steps_round_up' | 'steps_pro_rata'): Family {
  return {
    name,
    inputs: ['g', 'h', 'u', 'w'],
    base: (x) => op('*', x('w'), fn(f, op('-', x('g'), x('h')), x('u'))),
    oracle(c) {
      const q = num(c, 'g').minus(num(c, 'h')).div(num(c, 'u'));
      const count = f === 'steps_whole' ? q.floor() : f === 'steps_round_up' ? q.ceil() : q;
      return num(c, 'w').times(D.max(0, count));
    },
    cases: (p) =>
      fc
        .record({ h: dec(3, 0, 2), u: fc.constantFrom(...STEP_UNITS), k: fc.integer({ min: 0, max: 40 }), edge: fc.constantFrom('0', '0', '1e-9', '-1e-9', 'half'), w: fc.oneof(dec(p + 1, 0, 5), dec(p + 2, 0, 5)) })
        .map((g) => {
          const u = new D(g.u);
          const off = g.edge === 'half' ? u.div(2) : new D(g.edge);
          return { g: g.h.plus(u.times(g.k)).plus(off), h: g.h, u, w: g.w };
        }),
  };
}

const RATIO_FACTORS = ['1', '2', '4', '5', '8', '10', '20', '25', '0.5', '1.25', '0.8'];

const ratio: Family = {
  name: 'ratio',
  inputs: ['a', 'b', 'c'],
  base: (x) => op('*', op('/', x('a'), x('b')), x('c')),
  oracle: (c) => num(c, 'a').times(num(c, 'c').div(num(c, 'b'))),
  cases: (p) =>
    fc
      .record({ b: dec(2, 0.01, 10), c: fc.constantFrom(...RATIO_FACTORS), focus, pick, nudge, a: dec(4, 0, 100) })
      .map((g) => {
        const c = new D(g.c);
        const tie = tieIn(p, new D(0), new D(50), g.pick)!;
        const a = g.focus === 'any' || g.focus === 'edge' ? g.a : tie.times(g.b).div(c).plus(g.focus === 'near' ? g.nudge : 0);
        return { a, b: g.b, c };
      }),
};

const recordMean: Family = {
  name: 'mean',
  inputs: [],
  list: true,
  base: (x) => ({ k: 'agg', fn: 'mean', list: x('list'), where: null, value: field('v'), trim: null }),
  oracle: (c) => {
    const vs = c.list as Dec[];
    return vs.reduce((a, b) => a.plus(b), new D(0)).div(vs.length);
  },
  cases: (p) =>
    fc.record({ vs: fc.array(dec(3, 0, 10), { minLength: 0, maxLength: 6 }), focus, pick, nudge }).map((g) => {
      const k = g.vs.length + 1;
      const tie = tieIn(p, new D(0), new D(10), g.pick)!;
      const target = g.focus === 'any' ? new D(g.pick % 10_000).div(1000) : tie;
      const last = target.times(k).minus(g.vs.reduce((a, b) => a.plus(b), new D(0))).plus(g.focus === 'near' ? g.nudge : 0);
      return { list: [...g.vs, last] };
    }),
};

const sumComparison: Family = {
  name: 'cmp',
  inputs: ['a', 'b', 'c', 'y', 'z'],
  base: (x) => ({ k: 'if', c: cmp('>=', op('+', x('a'), x('b')), x('c')), t: x('y'), e: x('z') }),
  oracle: (c) => (num(c, 'a').plus(num(c, 'b')).greaterThanOrEqualTo(num(c, 'c')) ? num(c, 'y') : num(c, 'z')),
  cases: (p) =>
    fc.record({ a: dec(2, 0, 1), b: dec(2, 0, 1), off: fc.constantFrom('0', '0', '1e-9', '-1e-9', '0.01', '-0.01'), pick, y: dec(p + 1, 0, 10), z: dec(p + 2, 0, 10) }).map((g) => ({
      a: g.a,
      b: g.b,
      c: g.a.plus(g.b).plus(g.off),
      y: tieIn(p, new D(0), new D(10), g.pick)!,
      z: g.z,
    })),
};

const FAMILIES: Family[] = [
  interpolation,
  stepsFamily('whole', 'steps_whole'),
  stepsFamily('roundup', 'steps_round_up'),
  stepsFamily('prorata', 'steps_pro_rata'),
  ratio,
  recordMean,
  sumComparison,
];

const inputName = (f: string, p: number, k: string) => `${f}${p}_${k}`;

/** One graph per rounding mode: an indicator per family and precision, and one over the peers' mean per precision. */
function oracleGraph(mode: Rounding): RuleGraph {
  const nodes: GraphNode[] = [];
  const indicators: string[] = [];
  for (const p of PRECISIONS) {
    for (const f of FAMILIES) {
      if (f.list) nodes.push(input(K, inputName(f.name, p, 'list'), { t: 'list', record: 'R' }));
      for (const k of f.inputs) nodes.push(input(K, inputName(f.name, p, k), numT('number')));
      const name = `${f.name}${p}`;
      nodes.push(indicator(K, name, POINTS, { section: 'S', precision: p, base: f.base((k) => ref(`${K}.${inputName(f.name, p, k)}`)) }));
      indicators.push(name);
    }
    nodes.push(input(K, inputName('peer', p, 'x'), numT('number')));
    nodes.push(indicator(K, `peer${p}`, POINTS, { section: 'S', precision: p, base: pop('peer_mean', `${K}.${inputName('peer', p, 'x')}`) }));
    indicators.push(`peer${p}`);
  }
  nodes.push(section(K, 'S', POINTS * indicators.length, indicators, { precision: 4 }));
  return graph(nodes, { rounding: mode, records: [{ name: 'R', fields: [{ name: 'v', type: numT('number') }] }] });
}

/** What the oracle says a score is: clamped to [0, points], then rounded (after keeping 35 digits). */
function expected(v: Dec, p: number, mode: Rounding): number {
  const clamped = D.min(POINTS, D.max(0, v));
  return Number(clamped.toSignificantDigits(35).toDecimalPlaces(p, DECIMAL_MODE[mode]).toString());
}

const unitCases = fc.array(
  fc.tuple(...PRECISIONS.map((p) => fc.tuple(...FAMILIES.map((f) => f.cases(p)), dec(3, 0, 10)))),
  { minLength: UNITS_PER_BATCH, maxLength: UNITS_PER_BATCH },
);
/** The peers' mean of every precision aimed at a tie (or 10⁻⁹ off it) by the first unit's value. */
const peerTargets = fc.tuple(...PRECISIONS.map((p) => fc.tuple(pick, nudge).map(([k, n]) => tieIn(p, new D(0), new D(10), k)!.plus(n))));

describe('the reference evaluator against a decimal oracle', () => {
  for (const mode of MODES) {
    const g = oracleGraph(mode);
    it(`agrees at every precision 0–4, ${mode}; the kernels give the same bytes`, () => {
      const count = tally(`${mode} (units × indicators)`);
      fc.assert(
        fc.property(unitCases, peerTargets, (units, targets) => {
          // The peers' values by precision: the first unit's chosen so that the mean is the target.
          const peerValues = PRECISIONS.map((_, pi) => {
            const vs = units.map((u) => u[pi]![FAMILIES.length] as Dec);
            vs[0] = targets[pi]!.times(vs.length).minus(vs.slice(1).reduce((a, v) => a.plus(v), new D(0)));
            return vs;
          });
          const data = {
            units: units.map((u, i) => {
              const inputs: Record<string, unknown> = {};
              PRECISIONS.forEach((p, pi) => {
                FAMILIES.forEach((f, fi) => {
                  const c = u[pi]![fi] as Case;
                  if (f.list) inputs[inputName(f.name, p, 'list')] = (c.list as Dec[]).map((v) => ({ v: v.toNumber() }));
                  for (const k of f.inputs) inputs[inputName(f.name, p, k)] = num(c, k).toNumber();
                });
                inputs[inputName('peer', p, 'x')] = peerValues[pi]![i]!.toNumber();
              });
              return { id: `u${String(i).padStart(3, '0')}`, kind: K, inputs };
            }),
          };
          const reference = evaluate(g, data, { backend: 'reference' });
          expect(reference.issues).toEqual([]);
          const byId = new Map(reference.results!.units.map((r) => [r.id, r]));
          const peers = peerValues.map((vs) => vs.reduce((a, v) => a.plus(v), new D(0)).div(vs.length));
          const wrong: unknown[] = [];
          units.forEach((u, i) => {
            const got = byId.get(`u${String(i).padStart(3, '0')}`)!.indicators;
            PRECISIONS.forEach((p, pi) => {
              FAMILIES.forEach((f, fi) => {
                const want = expected(f.oracle(u[pi]![fi] as Case), p, mode);
                if (got[`${f.name}${p}`]!.score !== want) wrong.push({ indicator: `${f.name}${p}`, case: u[pi]![fi], want, got: got[`${f.name}${p}`]!.score });
                count();
              });
              if (i === 0) {
                const want = expected(peers[pi]!, p, mode);
                if (got[`peer${p}`]!.score !== want) wrong.push({ indicator: `peer${p}`, want, got: got[`peer${p}`]!.score });
                count();
              }
            });
          });
          expect(wrong).toEqual([]);
          const fast = evaluate(g, data, { backend: 'kernels' });
          expect(JSON.stringify(fast.results)).toBe(JSON.stringify(reference.results));
        }),
        { numRuns: BATCHES_PER_MODE },
      );
    }, 120_000);
  }
});

describe('hand-computed ties', () => {
  const policy = compileKp(`
policy "精确" version "2021" { precision 2 }
entity 局 "局"
input 局 {
  完成率: percent
  甲: points
  乙: points
  丙: points
}
section 业务 for 局 points 16 {
  indicator 插值 points 4 {
    score = interpolate(完成率, 80% -> 0分, 100% -> 4分)
  }
  indicator 相加 points 10 {
    precision 4
    score = 甲 + 乙
  }
  indicator 相等 points 1 {
    score = if 甲 + 乙 == 0.3分 then 1分 else 0分
  }
  indicator 半分 points 1 {
    score = 丙
  }
}
`);
  const data = { units: [{ id: '甲局', kind: '局', inputs: { 完成率: 0.80075, 甲: 0.1, 乙: 0.2, 丙: 0.015 } }] };
  for (const backend of ['reference', 'kernels'] as const) {
    const scores = evaluate(policy, data, { backend }).results!.units[0]!.indicators;
    it(`${backend}: interpolate(p, 80% -> 0分, 100% -> 4分) at p = 0.80075 is exactly 0.015, half-up 0.02`, () => {
      expect(scores['插值']!.score).toBe(0.02);
    });
    it(`${backend}: 0.1 + 0.2 points is 0.3, and equals 0.3`, () => {
      expect(scores['相加']!.score).toBe(0.3);
      expect(scores['相等']!.score).toBe(1);
    });
    it(`${backend}: 0.015 rounds half-up to 0.02`, () => {
      expect(scores['半分']!.score).toBe(0.02);
    });
  }
});
