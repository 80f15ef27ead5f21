// Hand-computed cases for every rule pattern of the domain (DOMAIN.md "Rule patterns" 1–13 and the
// conventions authors must state), on small hand-built rule graphs.
import { describe, expect, it } from 'vitest';
import { evaluate, explain, renderTrace } from '../../runtime/index.js';
import type { GraphNode, RuleGraph } from '../../runtime/graph.js';
import {
  adjust, bonus, cmp, en, field, fn, graph, indicator, input, link, lit, not, numT, op, pop, ref, rel, relation,
  section, tier, tiers, total, units, value,
} from './build-graph.js';

function scores(g: RuleGraph, data: unknown, opts = {}) {
  const r = evaluate(g, data, opts);
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const byId = new Map(r.results!.units.map((u) => [u.id, u]));
  return { results: r.results!, unit: (id: string) => byId.get(id)! };
}

const K = '省局';
const money = numT('money');
const percent = numT('percent');

/** 组织收入: 10 points, each whole (or pro rata) 1% short of 100% deducts 0.2. */
function revenueGraph(mode: 'steps_whole' | 'steps_pro_rata'): RuleGraph {
  const rate = value(K, '完成率', op('/', ref(`${K}.收入实绩`), ref(`${K}.收入目标`)), percent);
  const score = op('-', lit(10), op('*', lit(0.2), fn(mode, op('-', lit(1), ref(`${K}.完成率`)), lit(0.01))));
  return graph([
    input(K, '收入实绩', money),
    input(K, '收入目标', money),
    rate,
    indicator(K, '组织收入', 10, { section: '税收', base: score, baseText: '10分 - 0.2分 * steps(100% - 完成率, 1%)' }),
    section(K, '税收', 10, ['组织收入']),
    total(K, ['税收']),
  ]);
}

describe('1. threshold then per-step deduction (whole steps vs pro rata)', () => {
  it('whole steps: 95% → 5 steps → 10 − 1 = 9; 95.5% → 4 whole steps → 9.2; 40% → 60 steps → −2 → clamped to 0', () => {
    const { unit } = scores(revenueGraph('steps_whole'), units(K, {
      甲: { 收入实绩: 95, 收入目标: 100 },
      乙: { 收入实绩: 95.5, 收入目标: 100 },
      丙: { 收入实绩: 40, 收入目标: 100 },
      丁: { 收入实绩: 120, 收入目标: 100 }, // above target: steps(−20%) = 0 → 10
    }));
    expect(unit('甲').indicators['组织收入']!.score).toBe(9);
    expect(unit('乙').indicators['组织收入']!.score).toBe(9.2);
    expect(unit('丙').indicators['组织收入']!.score).toBe(0);
    expect(unit('丁').indicators['组织收入']!.score).toBe(10);
  });
  it('pro rata: 95.5% → 4.5 steps → 10 − 0.9 = 9.1', () => {
    const { unit } = scores(revenueGraph('steps_pro_rata'), units(K, { 乙: { 收入实绩: 95.5, 收入目标: 100 } }));
    expect(unit('乙').indicators['组织收入']!.score).toBe(9.1);
  });
  it('float noise does not lose a step: a 90% rate computed as 0.9000000000000001 is 10 whole steps short', () => {
    // (1 − 0.9000000000000001) / 0.01 = 9.999999999999988 in float64; snapped it is 10 → 10 − 10 × 0.2 = 8 (not 8.2)
    const { unit } = scores(revenueGraph('steps_whole'), units(K, { 甲: { 收入实绩: 0.1 * 9, 收入目标: 1 } }));
    expect(unit('甲').indicators['组织收入']!.score).toBe(8);
  });
});

describe('2. linear interpolation between anchors', () => {
  it('60% → 0, 100% → 8: 80% → 4, 50% → 0 (flat), 110% → 8 (flat), 85% → 5', () => {
    const g = graph([
      input(K, '满意度', percent),
      indicator(K, '满意', 8, { section: 'S', base: fn('interpolate', ref(`${K}.满意度`), lit(0.6), lit(0), lit(1), lit(8)) }),
      section(K, 'S', 8, ['满意']),
    ]);
    const { unit } = scores(g, units(K, { a: { 满意度: 0.8 }, b: { 满意度: 0.5 }, c: { 满意度: '110%' }, d: { 满意度: '85%' } }));
    expect(unit('a').indicators['满意']!.score).toBe(4); // (0.8 − 0.6) / 0.4 × 8 = 4
    expect(unit('b').indicators['满意']!.score).toBe(0);
    expect(unit('c').indicators['满意']!.score).toBe(8);
    expect(unit('d').indicators['满意']!.score).toBe(5); // 0.25 / 0.4 × 8 = 5
  });
});

const findingRecord = {
  name: '检查发现',
  fields: [
    { name: '类别', type: { t: 'enum' as const, name: null, values: ['执法', '服务', '廉政'] } },
    { name: '特派办应发现', type: { t: 'bool' as const } },
    { name: '特派办已发现', type: { t: 'bool' as const } },
  ],
};
const f = (类别: string, 应 = false, 已 = false) => ({ 类别, 特派办应发现: 应, 特派办已发现: 已 });

function lawGraph(): RuleGraph {
  const list = ref(`${K}.检查发现`);
  return graph(
    [
      input(K, '检查发现', { t: 'list', record: '检查发现' }),
      input(K, '重大舆情', { t: 'bool' }, { kind: 'default', value: false }),
      indicator(K, '执法规范', 6, {
        section: 'S',
        adjustments: [
          adjust('deduct', lit(0.5), { per: list, where: cmp('==', field('类别'), en('执法')), text: '检查发现执法问题' }),
          adjust('deduct', lit(1), { per: list, where: cmp('==', field('类别'), en('廉政')), cap: lit(3), text: '检查发现廉政问题' }),
          adjust('deduct', lit(2), { when: ref(`${K}.重大舆情`), text: '发生重大舆情' }),
        ],
      }),
      section(K, 'S', 6, ['执法规范']),
    ],
    { records: [findingRecord] },
  );
}

describe('3. per-occurrence deductions filtered by record attributes, with caps (扣完为止)', () => {
  it('2 执法 × 0.5 = 1; 5 廉政 × 1 = 5 capped at 3; 舆情 2; floor at 0', () => {
    const { unit } = scores(lawGraph(), units(K, {
      甲: { 检查发现: [f('执法'), f('执法'), f('服务')] }, // 6 − 1 = 5
      乙: { 检查发现: [f('廉政'), f('廉政'), f('廉政'), f('廉政'), f('廉政')] }, // 6 − min(5, 3) = 3
      丙: { 检查发现: [f('廉政'), f('廉政'), f('廉政'), f('执法'), f('执法')], 重大舆情: true }, // 6 − 3 − 1 − 2 = 0
      丁: { 检查发现: [f('执法'), f('廉政'), f('廉政'), f('廉政'), f('廉政')], 重大舆情: true }, // 6 − 0.5 − 3 − 2 = 0.5
    }));
    expect(unit('甲').indicators['执法规范']!.score).toBe(5);
    expect(unit('乙').indicators['执法规范']!.score).toBe(3);
    expect(unit('丙').indicators['执法规范']!.score).toBe(0);
    expect(unit('丁').indicators['执法规范']!.score).toBe(0.5);
  });
  it('explains each deduction with its records, the cap and the default used', () => {
    const data = units(K, { 甲: { 检查发现: [f('执法'), f('执法'), f('服务')] } });
    const { trace } = explain(lawGraph(), data, '甲', { indicator: '执法规范' });
    const text = renderTrace(trace!);
    expect(text).toContain('「检查发现执法问题」共2起');
    expect(text).toContain('每起扣0.5分，扣1分');
    expect(text).toContain('重大舆情为否（数据缺失，按默认值）');
    expect(text).toContain('【执法规范】（S，6分）得5分');
  });
});

describe('4. bonus with a cap; counted into the total or only breaking ties', () => {
  const innovation = {
    name: '创新成果',
    fields: [{ name: '角色', type: { t: 'enum' as const, name: null, values: ['牵头', '协办'] } }],
  };
  const make = (counts: 'total' | 'tiebreak') =>
    graph(
      [
        input(K, '得分', numT('points')),
        input(K, '创新成果', { t: 'list', record: '创新成果' }),
        indicator(K, '工作', 10, { section: 'S', base: ref(`${K}.得分`) }),
        section(K, 'S', 10, ['工作']),
        bonus(K, '创先争优', [
          adjust('add', lit(0.2), { per: ref(`${K}.创新成果`), where: cmp('==', field('角色'), en('牵头')) }),
          adjust('add', lit(0.1), { per: ref(`${K}.创新成果`), where: cmp('==', field('角色'), en('协办')) }),
        ], { cap: 0.5, counts }),
        total(K, ['S'], counts === 'total' ? ['创先争优'] : []),
      ],
      { records: [innovation] },
    );
  const lead = { 角色: '牵头' };
  const help = { 角色: '协办' };
  const data = units(K, {
    甲: { 得分: 9, 创新成果: [lead, lead, help] }, // 0.2 + 0.2 + 0.1 = 0.5
    乙: { 得分: 9, 创新成果: [lead, lead, lead, help] }, // 0.7 capped at 0.5
    丙: { 得分: 9, 创新成果: [help] }, // 0.1
    丁: { 得分: 9.3, 创新成果: [] },
  });
  it('counts total: 9 + 0.5 = 9.5, 9 + 0.5 (capped) = 9.5, 9 + 0.1 = 9.1, 9.3', () => {
    const { unit } = scores(make('total'), data);
    expect(unit('甲').total).toBe(9.5);
    expect(unit('乙').total).toBe(9.5);
    expect(unit('乙').bonuses['创先争优']).toBe(0.5);
    expect(unit('丙').total).toBe(9.1);
    expect([unit('甲').rank, unit('乙').rank, unit('丁').rank, unit('丙').rank]).toEqual([1, 1, 3, 4]);
  });
  it('counts tiebreak: totals stay 9, and the bonus orders the tied units (甲, 乙 tie at 0.5; 丙 0.1)', () => {
    const { unit } = scores(make('tiebreak'), data);
    expect(unit('甲').total).toBe(9);
    expect([unit('丁').rank, unit('甲').rank, unit('乙').rank, unit('丙').rank]).toEqual([1, 2, 2, 4]);
  });
});

describe('5. ratio of two facts against last period', () => {
  it('growth = this / last − 1; full 5 points at ≥ 5% growth, 3 at ≥ 0, else 0 (band)', () => {
    const growth = value(K, '增长率', op('-', op('/', ref(`${K}.本期`), ref(`${K}.上期`)), lit(1)), percent);
    const g = graph([
      input(K, '本期', money),
      input(K, '上期', money),
      growth,
      indicator(K, '增长', 5, {
        section: 'S',
        base: { k: 'band', x: ref(`${K}.增长率`), arms: [{ op: '>=', bound: lit(0.05), v: lit(5) }, { op: '>=', bound: lit(0), v: lit(3) }], else: lit(0) },
      }),
      section(K, 'S', 5, ['增长']),
    ]);
    // 105 / 100 − 1 = 0.050000000000000044 → snapped 5% → meets ≥ 5%; 104 → 4% → 3; 99 → −1% → 0
    const { unit } = scores(g, units(K, { a: { 本期: 105, 上期: 100 }, b: { 本期: 104, 上期: 100 }, c: { 本期: 99, 上期: 100 } }));
    expect([unit('a'), unit('b'), unit('c')].map((u) => u.indicators['增长']!.score)).toEqual([5, 3, 0]);
    const text = renderTrace(explain(g, units(K, { a: { 本期: 105, 上期: 100 } }), 'a', { indicator: '增长' }).trace!);
    expect(text).toContain('5%满足「>= 5%」，取5');
  });
});

describe('6. relative scoring against the population', () => {
  const g = graph([
    input(K, '实绩', numT('number')),
    // rank-based: 第一名满分，每降一名减0.5分
    indicator(K, '名次分', 3, { section: 'S', base: op('-', lit(3), op('*', lit(0.5), op('-', pop('rank', `${K}.实绩`), lit(1)))) }),
    // efficacy coefficient: 4 × (0.6 + 0.4 × (x − min) / (max − min))
    indicator(K, '功效', 4, {
      section: 'S',
      base: op('*', lit(4), op('+', lit(0.6), op('*', lit(0.4), op('/', op('-', ref(`${K}.实绩`), pop('peer_min', `${K}.实绩`)), op('-', pop('peer_max', `${K}.实绩`), pop('peer_min', `${K}.实绩`)))))),
    }),
    // percentile: share of the other units strictly below, × 3
    indicator(K, '百分位', 3, { section: 'S', base: op('*', lit(3), pop('percentile', `${K}.实绩`)) }),
    section(K, 'S', 10, ['名次分', '功效', '百分位']),
  ]);
  it('values 100, 80, 80, 60: ranks 1, 2, 2, 4; efficacy 4, 3.2, 3.2, 2.4; percentiles 1, 1/3, 1/3, 0', () => {
    const { unit } = scores(g, units(K, { a: { 实绩: 100 }, b: { 实绩: 80 }, c: { 实绩: 80 }, d: { 实绩: 60 } }));
    expect(['a', 'b', 'c', 'd'].map((id) => unit(id).indicators['名次分']!.score)).toEqual([3, 2.5, 2.5, 1.5]);
    // 4 × (0.6 + 0.4 × 20/40) = 4 × 0.8 = 3.2; d: 4 × 0.6 = 2.4
    expect(['a', 'b', 'c', 'd'].map((id) => unit(id).indicators['功效']!.score)).toEqual([4, 3.2, 3.2, 2.4]);
    // b: 1 of 3 others below → 3 × 1/3 = 1
    expect(['a', 'b', 'c', 'd'].map((id) => unit(id).indicators['百分位']!.score)).toEqual([3, 1, 1, 0]);
  });
});
