// Hand-computed cases for every rule pattern of the domain (DOMAIN.md "Rule patterns" 1–13 and the
// conventions authors must state), on small hand-built rule graphs.
import { describe, expect, it } from 'vitest';
import { evaluate, explain, renderTrace } from '../../runtime/index.js';
import { compileKernels } from '../../runtime/evaluation/kernels/kernels.js';
import type { GExpr, GraphNode, RuleGraph } from '../../graph/graph.js';
import {
  adjust, bonus, cmp, en, field, fn, graph, indicator, input, link, lit, not, numT, op, pop, ref, relation,
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
function revenueGraph(mode: 'steps_whole' | 'steps_pro_rata' | 'steps_round_up'): RuleGraph {
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

describe('1b. a partial step counts as a whole one (steps_round_up)', () => {
  const data = units(K, {
    甲: { 收入实绩: 95.5, 收入目标: 100 }, // 4.5 steps short → 5 → 10 − 1 = 9
    乙: { 收入实绩: 99.9, 收入目标: 100 }, // 0.1 step → 1 → 9.8
    丙: { 收入实绩: 0.1 * 9, 收入目标: 1 }, // 9.999999999999988 steps in float64, snapped 10 → 8 (not 7.8)
    丁: { 收入实绩: 101, 收入目标: 100 }, // above target: no step → 10
    戊: { 收入实绩: 96, 收入目标: 100 }, // exactly 4 steps → 9.2
  });
  const expected = { 甲: 9, 乙: 9.8, 丙: 8, 丁: 10, 戊: 9.2 };
  it('rounds the steps up with the same snapping as whole steps', () => {
    const { results } = scores(revenueGraph('steps_round_up'), data);
    expect(Object.fromEntries(results.units.map((u) => [u.id, u.indicators['组织收入']!.score]))).toEqual(expected);
  });
  it('the fast backend agrees', () => {
    const g = revenueGraph('steps_round_up');
    const kernels = compileKernels(g);
    expect(g.nodes.filter((n) => n.role === 'indicator').every((n) => kernels.byId.has(n.id))).toBe(true);
    const fast = evaluate(g, data, { backend: 'kernels' });
    expect(Object.fromEntries(fast.results!.units.map((u) => [u.id, u.indicators['组织收入']!.score]))).toEqual(expected);
  });
  it('the trace says a partial step counts as one', () => {
    const text = renderTrace(explain(revenueGraph('steps_round_up'), data, '甲').trace!);
    expect(text).toContain('差距4.5%，每1个百分点为一步，不足一步按一步计，计5步');
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

describe('3b. a per-record amount read from the record (overdue 督办 items by whole 5-day steps)', () => {
  const item = { name: '督办事项', fields: [{ name: '截止日期', type: { t: 'date' as const } }, { name: '办结日期', type: { t: 'date' as const } }] };
  const list = ref(`${K}.督办事项`);
  const overdue = op('-', field('办结日期'), field('截止日期'));
  // 0.2 per overdue item plus 0.1 per whole 5 days: 8 days → 0.3, 16 days → 0.5; 4 − 0.8 = 3.2
  const g = graph(
    [
      input(K, '督办事项', { t: 'list', record: '督办事项' }),
      indicator(K, '督办落实', 4, {
        section: 'S',
        adjustments: [adjust('deduct', op('+', lit(0.2), op('*', lit(0.1), fn('steps_whole', overdue, lit(5)))), { per: list, where: cmp('>', field('办结日期'), field('截止日期')), text: '逾期' })],
      }),
      section(K, 'S', 4, ['督办落实']),
    ],
    { records: [item] },
  );
  const data = units(K, {
    甲: {
      督办事项: [
        { 截止日期: '2021-11-09', 办结日期: '2021-11-17' },
        { 截止日期: '2021-07-27', 办结日期: '2021-08-12' },
        { 截止日期: '2021-05-01', 办结日期: '2021-04-30' },
      ],
    },
  });
  it('deducts each record its own amount', () => {
    expect(scores(g, data).unit('甲').indicators['督办落实']!.score).toBe(3.2);
  });
  it('explains each record with its dates as dates and its own amount', () => {
    const text = renderTrace(explain(g, data, '甲', { indicator: '督办落实' }).trace!);
    expect(text).toContain('「逾期」共2起（截止日期=2021-11-09，办结日期=2021-11-17：扣0.3分；截止日期=2021-07-27，办结日期=2021-08-12：扣0.5分），扣0.8分');
  });
});

describe('4b. the same item counted once, at its highest amount (distinct: 同一成果按最高层级计一次)', () => {
  const level = { t: 'enum' as const, name: null, values: ['国家级', '总局级', '省级'] };
  const innovation = { name: '创新成果', fields: [{ name: '成果', type: { t: 'text' as const } }, { name: '层级', type: level }] };
  const amount: GExpr = { k: 'match', x: field('层级'), arms: [{ values: ['国家级'], v: lit(1) }, { values: ['总局级'], v: lit(0.5) }], else: lit(0.2) };
  const g = graph(
    [
      input(K, '创新成果', { t: 'list', record: '创新成果' }),
      indicator(K, '工作', 10, { section: 'S', base: lit(9) }),
      section(K, 'S', 10, ['工作']),
      bonus(K, '创先争优', [adjust('add', amount, { per: ref(`${K}.创新成果`), distinct: '成果', text: '成果' })], { cap: 3 }),
      total(K, ['S'], ['创先争优']),
    ],
    { records: [innovation] },
  );
  const data = units(K, {
    // A: 0.2, 1, 0.5 → 1 (the 国家级 one); B: 0.5, 0.5 → 0.5 (the first); C: 0.2 → 1 + 0.5 + 0.2 = 1.7
    甲: { 创新成果: [{ 成果: 'A', 层级: '省级' }, { 成果: 'A', 层级: '国家级' }, { 成果: 'B', 层级: '总局级' }, { 成果: 'A', 层级: '总局级' }, { 成果: 'B', 层级: '总局级' }, { 成果: 'C', 层级: '省级' }] },
    乙: { 创新成果: [] },
  });
  it('keeps the largest amount per 成果: 1 + 0.5 + 0.2 = 1.7', () => {
    expect(scores(g, data).unit('甲').bonuses['创先争优']).toBe(1.7);
    expect(scores(g, data).unit('乙').bonuses['创先争优']).toBe(0);
  });
  it('the fast backend agrees', () => {
    const kernels = compileKernels(g);
    expect(kernels.byId.has(`${K}.创先争优`)).toBe(true);
    const fast = evaluate(g, data, { backend: 'kernels' });
    expect(fast.results!.units.find((u) => u.id === '甲')!.bonuses['创先争优']).toBe(1.7);
  });
  it('explains which records did not count', () => {
    const text = renderTrace(explain(g, data, '甲').trace!);
    expect(text).toContain('「成果」共3起（成果=A，层级=省级：不计（同一项已按较高者计）；成果=A，层级=国家级：加1分；成果=B，层级=总局级：加0.5分；');
    expect(text).toContain('成果=B，层级=总局级：不计（同一项已按较高者计）；成果=C，层级=省级：加0.2分），加1.7分');
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

describe('7. linked deductions along a relation', () => {
  const T = '特派办';
  const g = graph(
    [
      input(T, '基础', numT('points')),
      input(K, '检查发现', { t: 'list', record: '检查发现' }),
      relation(K, '特派办', T),
      link('特派办应发现未发现', {
        targetKind: T,
        sourceKind: K,
        target: `${T}.监督撬动`,
        relation: `${K}.特派办`,
        list: `${K}.检查发现`,
        where: { k: 'logic', op: 'and', a: field('特派办应发现'), b: not(field('特派办已发现')) },
        amount: lit(0.2),
      }),
      indicator(T, '监督撬动', 5, { section: 'T', base: ref(`${T}.基础`), links: [`${T}.特派办应发现未发现`] }),
      section(T, 'T', 5, ['监督撬动']),
    ],
    { records: [findingRecord], kinds: [K, T] },
  );
  const data = {
    units: [
      { id: '驻津', kind: T, inputs: { 基础: 5 } },
      { id: '驻沪', kind: T, inputs: { 基础: 5 } },
      { id: '北京', kind: K, relations: { 特派办: '驻津' }, inputs: { 检查发现: [f('执法', true, false), f('执法', true, true), f('服务', true, false)] } },
      { id: '天津', kind: K, relations: { 特派办: '驻津' }, inputs: { 检查发现: [f('廉政', true, false)] } },
      { id: '上海', kind: K, relations: { 特派办: '驻沪' }, inputs: { 检查发现: [f('执法', false, false)] } },
    ],
  };
  it('驻津: 3 findings it should have found and did not (2 from 北京, 1 from 天津) → 5 − 0.6 = 4.4; 驻沪: none → 5', () => {
    const { unit } = scores(g, data);
    expect(unit('驻津').indicators['监督撬动']!.score).toBe(4.4);
    expect(unit('驻沪').indicators['监督撬动']!.score).toBe(5);
  });
  it('the target trace names the source unit and record', () => {
    const text = renderTrace(explain(g, data, '驻津').trace!);
    expect(text).toContain('关联扣分「特派办应发现未发现」：北京的记录（类别=服务，特派办应发现=是，特派办已发现=否），扣0.2分');
    expect(text.match(/关联扣分/g)).toHaveLength(3);
  });
});

describe('8. weighted aggregation: indicators → sections (cap, weight, redistribution) → total', () => {
  const g = graph([
    input(K, 'a', numT('points')),
    input(K, 'b', numT('points')),
    input(K, 'c', numT('points'), { kind: 'exempt' }),
    indicator(K, 'A', 6, { section: '甲', base: ref(`${K}.a`) }),
    indicator(K, 'B', 4, { section: '甲', base: ref(`${K}.b`) }),
    indicator(K, 'C', 6, { section: '乙', base: ref(`${K}.c`), exemptIfMissing: [`${K}.c`] }),
    indicator(K, 'D', 4, { section: '乙', base: ref(`${K}.b`) }),
    section(K, '甲', 8, ['A', 'B'], { cap: true }),
    section(K, '乙', 10, ['C', 'D']),
    total(K, ['甲', '乙']),
  ]);
  it('section 甲 capped at 8 (6 + 4 = 10 → 8); 乙 with C exempt redistributes: 3 / 4 × 10 = 7.5', () => {
    const { unit } = scores(g, units(K, { u: { a: 6, b: 3, c: null }, v: { a: 5, b: 2, c: 5 } }));
    // u: 甲 = min(6 + 3, 8) = 8; 乙 = D 3 of the 4 evaluated points → 3 × 10 / 4 = 7.5; total 15.5
    expect(unit('u').sections['甲']!.score).toBe(8);
    expect(unit('u').indicators['C']).toEqual({ score: null, points: 6, exempt: true });
    expect(unit('u').sections['乙']!.score).toBe(7.5);
    expect(unit('u').total).toBe(15.5);
    // v: 甲 = 5 + 2 = 7; 乙 = 5 + 2 = 7; total 14
    expect(unit('v').total).toBe(14);
  });
  it('a weighted section scores Σ scores / Σ points × its points (40% of 50 = 20 points)', () => {
    const w = graph([
      input(K, 'a', numT('points')),
      indicator(K, 'A', 6, { section: '甲', base: ref(`${K}.a`) }),
      section(K, '甲', 20, ['A'], { weight: 0.4 }),
    ]);
    const { unit } = scores(w, units(K, { u: { a: 4.5 } })); // 4.5 / 6 × 20 = 15
    expect(unit('u').sections['甲']!.score).toBe(15);
  });
  it('a section with `when` applies only where it holds', () => {
    const s = graph([
      input(K, '岗位', { t: 'enum', name: null, values: ['管理岗', '技术岗'] }),
      input(K, 'a', numT('points')),
      indicator(K, 'A', 5, { section: '管理', base: ref(`${K}.a`) }),
      section(K, '管理', 5, ['A'], { when: cmp('==', ref(`${K}.岗位`), en('管理岗')) }),
      total(K, ['管理']),
    ]);
    const { unit } = scores(s, units(K, { x: { 岗位: '管理岗', a: 4 }, y: { 岗位: '技术岗', a: 4 } }));
    expect(unit('x').total).toBe(4);
    expect(unit('y').sections['管理']).toEqual({ score: null, points: 5, notApplicable: true });
    expect(unit('y').total).toBe(0);
  });
});

describe('9. ranks and tiers: quotas, rounding, gates, vetoes, ties', () => {
  /** Units u01…u10 with totals 100, 99, …, 91 (u01 best); `g` feeds a gate; `veto` a veto. */
  const make = (opts: Parameters<typeof tiers>[4] & { n?: number }, rules = [tier('第一段', { kind: 'top', share: 0.3 }), tier('第二段', { kind: 'next', share: 0.6 }), tier('第三段', null, { rest: true })]) => {
    const nodes: GraphNode[] = [
      input(K, 'a', numT('points')),
      input(K, 'g', numT('number')),
      input(K, 'veto', { t: 'bool' }, { kind: 'default', value: false }),
      indicator(K, 'A', 100, { section: 'S', base: ref(`${K}.a`) }),
      section(K, 'S', 100, ['A']),
      total(K, ['S']),
      tiers(K, '分段', `${K}.total`, rules, opts),
    ];
    return graph(nodes);
  };
  const gate = { tier: '第一段', when: pop('in_bottom', `${K}.g`, 0.1), text: 'g 位列后10%', span: { file: 't', line: 1, column: 1, start: 0, end: 0 } };
  const ten = (g: Record<string, number> = {}, extra: Record<string, Record<string, boolean>> = {}) =>
    units(K, Object.fromEntries(Array.from({ length: 10 }, (_, k) => {
      const id = `u${String(k + 1).padStart(2, '0')}`;
      return [id, { a: 100 - k, g: g[id] ?? 50, ...(extra[id] ?? {}) }];
    })));
  const tierOf = (res: ReturnType<typeof scores>['results']) => Object.fromEntries(res.units.map((u) => [u.id, u.tier]));

  it('top 30% / next 60% / rest of 10 units: 3, 6, 1', () => {
    const { results } = scores(make({}), ten());
    expect(results.tiers['分段']!.tiers).toEqual({
      第一段: ['u01', 'u02', 'u03'],
      第二段: ['u04', 'u05', 'u06', 'u07', 'u08', 'u09'],
      第三段: ['u10'],
    });
  });
  it('gated passes_on: u02 (bottom 10% of g) may not be 第一段 and its place goes to u04', () => {
    const { results } = scores(make({ gates: [gate], gated: 'passes_on' }), ten({ u02: 1 }));
    expect(results.tiers['分段']!.tiers['第一段']).toEqual(['u01', 'u03', 'u04']);
    expect(results.tiers['分段']!.tiers['第二段']).toEqual(['u02', 'u05', 'u06', 'u07', 'u08', 'u09']);
  });
  it('gated stays_empty: u02 uses up its 第一段 place, which stays empty', () => {
    const { results } = scores(make({ gates: [gate], gated: 'stays_empty' }), ten({ u02: 1 }));
    expect(results.tiers['分段']!.tiers['第一段']).toEqual(['u01', 'u03']);
    expect(results.tiers['分段']!.tiers['第二段']).toEqual(['u02', 'u04', 'u05', 'u06', 'u07', 'u08']);
    expect(results.tiers['分段']!.tiers['第三段']).toEqual(['u09', 'u10']);
    const text = renderTrace(explain(make({ gates: [gate], gated: 'stays_empty' }), ten({ u02: 1 }), 'u02').trace!);
    expect(text).toContain('限制「g 位列后10%」成立，不得进入第一段');
    // why: g = 1 is the lowest of 10, and 10% of 10 is 1 place
    expect(text).toContain('    g为1，后数第1名（共10个；后10%为1个）');
    expect(text).toContain('受限单位仍占用第一段的名额（空缺）');
  });
  it('a veto puts the best unit in the last tier', () => {
    const { results } = scores(make({ vetoes: [{ when: ref(`${K}.veto`), text: '重大舆情', span: gate.span }] }), ten({}, { u01: { veto: true } }));
    expect(tierOf(results)['u01']).toBe('第三段');
    expect(results.tiers['分段']!.tiers['第一段']).toEqual(['u02', 'u03', 'u04']);
    const text = renderTrace(explain(make({ vetoes: [{ when: ref(`${K}.veto`), text: '重大舆情', span: gate.span }] }), ten({}, { u01: { veto: true } }), 'u01').trace!);
    expect(text).toContain('一票否决「重大舆情」成立，归入最后一段\n    veto为是');
  });
  it('quota rounding: 30% of 5 = 1.5 places → half_up 2, floor 1, ceil 2', () => {
    const five = units(K, { a: { a: 95, g: 1 }, b: { a: 90, g: 1 }, c: { a: 85, g: 1 }, d: { a: 80, g: 1 }, e: { a: 75, g: 1 } });
    const rules = [tier('优秀', { kind: 'top', share: 0.3 }), tier('其他', null, { rest: true })];
    expect(scores(make({ quota: 'half_up' }, rules), five).results.tiers['分段']!.tiers['优秀']).toEqual(['a', 'b']);
    expect(scores(make({ quota: 'floor' }, rules), five).results.tiers['分段']!.tiers['优秀']).toEqual(['a']);
    expect(scores(make({ quota: 'ceil' }, rules), five).results.tiers['分段']!.tiers['优秀']).toEqual(['a', 'b']);
  });
  it('ties shared: 100, 90, 90, 80 rank 1, 2, 2, 4 and a tie at the quota edge all enter (2 places, 3 units)', () => {
    const four = units(K, { a: { a: 100, g: 1 }, b: { a: 90, g: 1 }, c: { a: 90, g: 1 }, d: { a: 80, g: 1 }, e: { a: 70, g: 1 } });
    const rules = [tier('优秀', { kind: 'at_most', share: 0.4 }), tier('其他', null, { rest: true })];
    const { results, unit } = scores(make({}, rules), four);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => unit(id).rank)).toEqual([1, 2, 2, 4, 5]);
    expect(results.tiers['分段']!.tiers['优秀']).toEqual(['a', 'b', 'c']);
  });
  it('ties by a cascade: equal totals are ordered by the tie-break key', () => {
    const g = graph([
      input(K, 'a', numT('points')),
      input(K, 'b', numT('points')),
      indicator(K, 'A', 50, { section: '甲', base: ref(`${K}.a`) }),
      indicator(K, 'B', 50, { section: '乙', base: ref(`${K}.b`) }),
      section(K, '甲', 50, ['A']),
      section(K, '乙', 50, ['B']),
      total(K, ['甲', '乙']),
      tiers(K, '分段', `${K}.total`, [tier('一', { kind: 'top', share: 0.5 }), tier('二', null, { rest: true })], { ties: { mode: 'by', keys: [`${K}.甲`] } }),
    ]);
    // x: 40 + 40 = 80, y: 45 + 35 = 80 → tie on total; 甲 45 > 40 → y first
    const { unit, results } = scores(g, units(K, { x: { a: 40, b: 40 }, y: { a: 45, b: 35 } }));
    expect([unit('y').rank, unit('x').rank]).toEqual([1, 2]);
    expect(results.tiers['分段']!.tiers['一']).toEqual(['y']);
    expect(results.rankings[K]!.total.map((e) => e.unit)).toEqual(['y', 'x']);
    expect(results.rankings[K]!.sections['乙']!.map((e) => [e.unit, e.rank])).toEqual([['x', 1], ['y', 2]]);
  });
});

describe('10. individual = share × organisation result + (1 − share) × own score', () => {
  it('负责人 55%, 副职 20%, else 5% of the department total 90 with an own score of 80', () => {
    const D = '部门';
    const P = '干部';
    const share = { k: 'match' as const, x: ref(`${P}.职务`), arms: [{ values: ['负责人'], v: lit(0.55) }, { values: ['副职'], v: lit(0.2) }], else: lit(0.05) };
    const g = graph([
      input(D, 'd', numT('points')),
      indicator(D, 'DA', 100, { section: 'DS', base: ref(`${D}.d`) }),
      section(D, 'DS', 100, ['DA']),
      total(D, ['DS']),
      input(P, '职务', { t: 'enum', name: null, values: ['负责人', '副职', '一般'] }),
      input(P, 'p', numT('points')),
      relation(P, '部门', D),
      indicator(P, 'PA', 100, { section: 'PS', base: ref(`${P}.p`) }),
      section(P, 'PS', 100, ['PA']),
      total(P, ['PS'], [], { relation: `${P}.部门`, share, shareText: 'match 职务' }),
    ], { kinds: [D, P] });
    const data = {
      units: [
        { id: '办公室', kind: D, inputs: { d: 90 } },
        { id: '张', kind: P, relations: { 部门: '办公室' }, inputs: { 职务: '负责人', p: 80 } },
        { id: '李', kind: P, relations: { 部门: '办公室' }, inputs: { 职务: '副职', p: 80 } },
        { id: '王', kind: P, relations: { 部门: '办公室' }, inputs: { 职务: '一般', p: 80 } },
      ],
    };
    const { unit } = scores(g, data);
    expect(unit('张').total).toBe(85.5); // 0.55 × 90 + 0.45 × 80 = 49.5 + 36
    expect(unit('李').total).toBe(82); // 0.2 × 90 + 0.8 × 80 = 18 + 64
    expect(unit('王').total).toBe(80.5); // 0.05 × 90 + 0.95 × 80 = 4.5 + 76
    expect(renderTrace(explain(g, data, '张').trace!)).toContain('个人总分 = 55% × 部门「办公室」总分90分 + 45% × 本人得分80分');
  });
});

describe('11. multi-rater aggregation: trimmed mean', () => {
  it('6 ratings 90, 80, 85, 70, 95, 88: drop one highest and one lowest → 343 / 4 = 85.75 → ÷ 10 = 8.575 → 8.58', () => {
    const rating = { name: '评分', fields: [{ name: '分数', type: numT('number') }] };
    const g = graph([
      input(K, '评分', { t: 'list', record: '评分' }),
      indicator(K, '评价', 10, {
        section: 'S',
        base: op('/', { k: 'agg', fn: 'trimmed_mean', list: ref(`${K}.评分`), where: null, value: field('分数'), trim: { drop: 1, minCount: 6 } }, lit(10)),
      }),
      section(K, 'S', 10, ['评价']),
    ], { records: [rating] });
    const r = (xs: number[]) => xs.map((分数) => ({ 分数 }));
    const { unit } = scores(g, units(K, { six: { 评分: r([90, 80, 85, 70, 95, 88]) }, five: { 评分: r([90, 80, 85, 70, 95]) } }));
    expect(unit('six').indicators['评价']!.score).toBe(8.58);
    expect(unit('five').indicators['评价']!.score).toBe(8.4); // fewer than 6: plain mean 420 / 5 = 84 → 8.4
  });
});

describe('12. periods: quarterly indicators aggregated into the year; progress()', () => {
  const g = graph(
    [
      input(K, '季度分', numT('points')),
      input(K, '累计实绩', money),
      input(K, '年度目标', money),
      input(K, '满意度', percent),
      indicator(K, '季度工作', 10, { section: 'S', base: ref(`${K}.季度分`), period: 'quarterly' }),
      // 双过半: full points when the cumulative result keeps pace with the elapsed share of the year
      indicator(K, '时序进度', 5, {
        section: 'S',
        period: 'quarterly',
        base: { k: 'if', c: cmp('>=', op('/', ref(`${K}.累计实绩`), ref(`${K}.年度目标`)), fn('progress')), t: lit(5), e: lit(0) },
      }),
      indicator(K, '满意', 5, { section: 'S', base: op('*', lit(5), ref(`${K}.满意度`)), period: 'annual' }),
      section(K, 'S', 20, ['季度工作', '时序进度', '满意']),
      total(K, ['S']),
    ],
    { periods: [{ period: '2021', parts: ['2021Q1', '2021Q2', '2021Q3', '2021Q4'], aggregate: 'mean' }] },
  );
  const q = (季度分: number, 累计实绩: number) => ({ 季度分, 累计实绩, 年度目标: 100 });
  const data = {
    units: [{
      id: '甲',
      kind: K,
      periods: { '2021Q1': q(8, 26), '2021Q2': q(9, 48), '2021Q3': q(10, 76), '2021Q4': q(9, 100), '2021': { 满意度: '90%' } },
    }],
  };
  it('mean of quarters 8, 9, 10, 9 = 9; progress 25%/50%/75%/100% vs 26%, 48%, 76%, 100% → 5, 0, 5, 5 → 3.75; 满意 4.5', () => {
    const { unit } = scores(g, data, { period: '2021' });
    expect(unit('甲').indicators['季度工作']!.score).toBe(9);
    expect(unit('甲').indicators['时序进度']!.score).toBe(3.75);
    expect(unit('甲').indicators['满意']!.score).toBe(4.5);
    expect(unit('甲').total).toBe(17.25);
    expect(renderTrace(explain(g, data, '甲', { period: '2021', indicator: '季度工作' }).trace!)).toContain(
      '各期得分：2021Q1 8分，2021Q2 9分，2021Q3 10分，2021Q4 9分；取平均得9分',
    );
  });
  it('one quarter alone is evaluated with its own data', () => {
    const quarter = { units: [{ id: '甲', kind: K, periods: { '2021Q2': { ...q(9, 48), 满意度: 0.9 } } }] };
    const { unit } = scores(g, quarter, { period: '2021Q2' });
    expect(unit('甲').indicators['时序进度']!.score).toBe(0); // 48% < 50%
  });
});

describe('13. missing data: error, default, peer mean, exempt', () => {
  const g = graph([
    input(K, '培训率', percent, { kind: 'peer_mean' }),
    input(K, '收入', money),
    indicator(K, '培训', 4, { section: 'S', base: op('*', lit(4), ref(`${K}.培训率`)), peerMeanIfMissing: [`${K}.培训率`] }),
    section(K, 'S', 4, ['培训']),
  ]);
  it('peer_mean: a unit without the value scores the mean of the peers\' scores: (4 + 2) / 2 = 3', () => {
    const data = units(K, { a: { 培训率: 1, 收入: 1 }, b: { 培训率: 0.5, 收入: 1 }, c: { 培训率: null, 收入: 1 } });
    const { unit } = scores(g, data);
    expect(unit('c').indicators['培训']).toEqual({ score: 3, points: 4, peerMean: true });
    expect(renderTrace(explain(g, data, 'c').trace!)).toContain('培训率无数据，按2个同级单位的平均得分计3分');
  });
  it('error: a missing value is a located data error and nothing is evaluated', () => {
    const r = evaluate(g, units(K, { a: { 培训率: 1 } }));
    expect(r.results).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual(['units[0].inputs 单位「a」 字段「收入」：缺少此输入的值（缺失时按报错处理）']);
  });
});

describe('precision and rounding modes (a convention stated per policy, overridable per indicator)', () => {
  const make = (rounding: 'half_up' | 'half_even' | 'down' | 'up', precision: number) =>
    graph([input(K, 'x', numT('points')), indicator(K, 'X', 10, { section: 'S', base: ref(`${K}.x`), precision }), section(K, 'S', 10, ['X'], { precision })], { rounding });
  it.each([
    ['half_up', 2.5, 3], ['half_even', 2.5, 2], ['half_even', 3.5, 4], ['down', 2.9, 2], ['up', 2.1, 3], ['half_up', 2.4999, 2],
  ] as const)('%s to 0 places: %d → %d', (mode, x, expected) => {
    expect(scores(make(mode, 0), units(K, { a: { x } })).unit('a').indicators['X']!.score).toBe(expected);
  });
  it('2.675 (2.67499999999999982236431605997495353221893310546875 in float64) rounds half up to 2.68', () => {
    expect(scores(make('half_up', 2), units(K, { a: { x: 2.675 } })).unit('a').indicators['X']!.score).toBe(2.68);
  });
  it('0.1 + 0.2 points is 0.3 points, and prints as 0.3', () => {
    const g = graph([input(K, 'x', numT('points')), indicator(K, 'X', 10, { section: 'S', base: op('+', ref(`${K}.x`), lit(0.2)) }), section(K, 'S', 10, ['X'])]);
    const { results } = scores(g, units(K, { a: { x: 0.1 } }));
    expect(JSON.stringify(results.units[0]!.indicators['X'])).toBe('{"score":0.3,"points":10}');
  });
});
