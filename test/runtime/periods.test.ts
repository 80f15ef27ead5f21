// Runs for part of the year: a quarter evaluates its quarterly (and monthly) indicators and leaves the
// annual ones, the bonuses and the tiers to the year, whose quarterly indicators are the quarters' mean.
// Every number below is computed by hand.
import { describe, expect, it } from 'vitest';
import { evaluate, explain, renderTrace, resultsSchema } from '../../runtime/index.js';
import { evaluatedIn, periodScope } from '../../runtime/evaluation/evaluate.js';
import { compileKp } from './compile-helper.js';

const POLICY = `
policy "季度测试" version "2021" { precision 2 }
entity 特派办 "特派员办事处"
entity 省局 "省级税务局"
input 省局 {
  季度测评: percent
  专项率: percent missing exempt
  年度测评: percent
}
input 特派办 { 年度完成率: percent }
section 考评 for 省局 points 25 {
  indicator 季度工作 points 10 {
    period quarterly
    score = 10分 * 季度测评
  }
  indicator 专项 points 5 {
    period monthly
    score = 5分 * 专项率
  }
  indicator 年度工作 points 10 {
    period annual
    score = 10分 * 年度测评
  }
}
section 年度评价 for 省局 points 10 {
  indicator 满意度 points 10 {
    score = 10分 * 年度测评
  }
}
section 督审 for 特派办 points 10 {
  indicator 完成 points 10 {
    period annual
    score = 10分 * 年度完成率
  }
}
bonus 创新 for 省局 cap 1 {
  counts total
  add 0.5分 when 年度测评 >= 90%
}
tiers 等次 for 省局 by total {
  第一段 top 50%
  第二段 rest
}
periods 2021 from 2021Q1, 2021Q2, 2021Q3, 2021Q4 by mean
`;

const g = compileKp(POLICY);

// 甲: quarters 80%, 90%, 100%, 70%; 专项率 80% in Q2, 100% in the year; 年度测评 95%.
// 乙: quarters 60%, 95%, 85%, 80%; no 专项率 (exempt); 年度测评 80%.
const quarters = (xs: number[], q2: Record<string, number> = {}) =>
  Object.fromEntries(xs.map((x, k) => [`2021Q${k + 1}`, { 季度测评: x, ...(k === 1 ? q2 : {}) }]));
const data = {
  units: [
    { id: '甲', kind: '省局', periods: { ...quarters([0.8, 0.9, 1, 0.7], { 专项率: 0.8 }), '2021': { 年度测评: 0.95, 专项率: 1 } } },
    { id: '乙', kind: '省局', periods: { ...quarters([0.6, 0.95, 0.85, 0.8]), '2021': { 年度测评: 0.8 } } },
    { id: '驻京', kind: '特派办', periods: { '2021': { 年度完成率: 0.9 } } },
  ],
};

function run(d: unknown, period: string, opts = {}) {
  const r = evaluate(g, d, { period, ...opts });
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const results = r.results!;
  expect(resultsSchema.safeParse(results).success).toBe(true);
  return { results, unit: (id: string) => results.units.find((u) => u.id === id)! };
}

describe('which indicators a period evaluates', () => {
  it.each([
    // declared period, then evaluated in a month, a quarter, a half, a year
    ['monthly', true, true, true, true],
    ['quarterly', false, true, true, true],
    ['half_yearly', false, false, true, true],
    ['annual', false, false, false, true],
    ['realtime', false, false, false, true],
    [null, false, false, false, true],
  ] as const)('%s: month %s, quarter %s, half %s, year %s', (declared, m, q, h, y) => {
    expect([evaluatedIn(declared, 'monthly'), evaluatedIn(declared, 'quarterly'), evaluatedIn(declared, 'half_yearly'), evaluatedIn(declared, null)]).toEqual([m, q, h, y]);
  });

  it('a year, or a period of another form, evaluates everything', () => {
    expect(periodScope(g, '2021')).toBeNull();
    expect(periodScope(g, '第二季度')).toBeNull();
    expect(periodScope(g, undefined)).toBeNull();
    expect(periodScope(g, '2021Q2')?.cadence).toBe('quarterly');
  });
});

describe('a quarter (2021Q2)', () => {
  it('evaluates the quarterly and monthly indicators only; sections and the total sum them', () => {
    const { results, unit } = run(data, '2021Q2');
    // 甲: 季度工作 10 × 90% = 9, 专项 5 × 80% = 4; 考评 is worth 10 + 5 = 15 in the quarter → 13.
    expect(unit('甲').indicators).toEqual({
      季度工作: { score: 9, points: 10 },
      专项: { score: 4, points: 5 },
      年度工作: { score: null, points: 10, notInPeriod: true },
      满意度: { score: null, points: 10, notInPeriod: true },
    });
    expect(unit('甲').sections).toEqual({
      考评: { score: 13, points: 25, periodPoints: 15 },
      年度评价: { score: null, points: 10, notInPeriod: true },
    });
    expect(unit('甲').bonuses).toEqual({ 创新: null });
    expect(unit('甲').total).toBe(13);
    // 乙: 季度工作 9.5, 专项 exempt → redistributed within the quarter's 15 points: 9.5 × 15 / 10 = 14.25.
    expect(unit('乙').indicators['专项']).toEqual({ score: null, points: 5, exempt: true });
    expect(unit('乙').sections['考评']).toEqual({ score: 14.25, points: 25, periodPoints: 15 });
    expect(unit('乙').total).toBe(14.25);
    // the quarter's ranking: 乙 14.25 before 甲 13
    expect(results.rankings['省局']!.total).toEqual([
      { unit: '乙', rank: 1, score: 14.25 },
      { unit: '甲', rank: 2, score: 13 },
    ]);
    expect([unit('乙').rank, unit('甲').rank]).toEqual([1, 2]);
  });

  it('needs no annual input: the quarter alone is data enough', () => {
    const onlyQ2 = {
      units: [
        { id: '甲', kind: '省局', periods: { '2021Q2': { 季度测评: 0.9, 专项率: 0.8 } } },
        { id: '乙', kind: '省局', periods: { '2021Q2': { 季度测评: 0.95 } } },
        { id: '驻京', kind: '特派办', periods: { '2021': { 年度完成率: 0.9 } } },
      ],
    };
    const { results } = run(onlyQ2, '2021Q2');
    expect(results).toEqual(run(data, '2021Q2').results);
    // and without the period layer: one-period data named 2021Q2 by the caller
    const single = { units: [{ id: '甲', kind: '省局', inputs: { 季度测评: 0.9, 专项率: 0.8 } }] };
    expect(run(single, '2021Q2').unit('甲').total).toBe(13);
  });

  it('allots no tiers, and says so', () => {
    const r = evaluate(g, data, { period: '2021Q2' });
    expect(r.results!.units.map((u) => [u.id, u.tier, u.tiers])).toEqual([
      ['驻京', null, {}],
      ['乙', null, { 等次: null }],
      ['甲', null, { 等次: null }],
    ]);
    expect(r.results!.tiers['等次']).toEqual({ kind: '省局', tiers: { 第一段: [], 第二段: [] }, notInPeriod: true });
    expect(r.results!.warnings.map((w) => [w.severity, w.code, w.message])).toEqual([
      ['warning', 'KR303', '「等次」按年度考评结果分段，季度考评（2021Q2）不分段，各单位的段为空'],
    ]);
  });

  it('a kind with no indicator of the period has no total and no rank, and needs no data for it', () => {
    const { results, unit } = run(data, '2021Q2');
    expect(unit('驻京')).toMatchObject({
      indicators: { 完成: { score: null, points: 10, notInPeriod: true } },
      sections: { 督审: { score: null, points: 10, notInPeriod: true } },
      total: null,
      rank: null,
    });
    expect(results.rankings['特派办']).toEqual({ total: [], sections: { 督审: [] } });
  });

  it('lists what the period leaves out', () => {
    expect(run(data, '2021Q2').results.scope).toEqual({
      cadence: 'quarterly',
      evaluates: ['monthly', 'quarterly'],
      notInPeriod: {
        特派办: { indicators: ['完成'], sections: ['督审'], bonuses: [], tiers: [] },
        省局: { indicators: ['年度工作', '满意度'], sections: ['年度评价'], bonuses: ['创新'], tiers: ['等次'] },
      },
    });
  });

  it('explains every point, and what is not evaluated', () => {
    expect(renderTrace(explain(g, data, '乙', { period: '2021Q2' }).trace!)).toBe(`乙 · 季度测试 · 2021Q2
季度考评：只考评周期为月度、季度的指标和加分项；其余指标、加分项和分段按年度考评，本期不考评
【季度工作】（考评，10分）得9.5分
  季度测评为95%
  按「10分 * 季度测评」计得9.5分
【专项】（考评，5分）不计分
  专项率无数据，此项免考，分值由板块内其他指标分摊
【年度工作】（考评，10分）本期不考评
  考评周期为年度，不在季度考评（2021Q2）之列
【板块 考评】（25分，本期参评15分）得14.25分：季度工作9.5分，专项免考；另1项指标本期不考评
  参评指标合计9.5分 ÷ 参评分值10分 × 本期板块分值15分
【满意度】（年度评价，10分）本期不考评
  未声明考评周期，按年度计分，不在季度考评（2021Q2）之列
【板块 年度评价】（10分）本期不考评：所含指标均不在本期考评之列
【加分 创新】本期不考评：未声明考评周期的加分项按年度计分
【总分】14.25分 = 考评14.25分 + 年度评价本期不考评 + 创新本期不考评
  本期（2021Q2）总分只合计本期考评的板块与指标
【名次】共2个单位中列第1名
`);
    expect(renderTrace(explain(g, data, '驻京', { period: '2021Q2' }).trace!)).toBe(`驻京 · 季度测试 · 2021Q2
季度考评：只考评周期为月度、季度的指标和加分项；其余指标、加分项和分段按年度考评，本期不考评
【完成】（督审，10分）本期不考评
  考评周期为年度，不在季度考评（2021Q2）之列
【板块 督审】（10分）本期不考评：所含指标均不在本期考评之列
【总分】本期不考评：本期没有考评的板块
`);
  });

  it('gives the same bytes whatever the order of the units, and the kernels agree', () => {
    const reversed = { units: [...data.units].reverse() };
    const a = JSON.stringify(evaluate(g, data, { period: '2021Q2', traces: true, backend: 'reference' }).results);
    expect(JSON.stringify(evaluate(g, reversed, { period: '2021Q2', traces: true, backend: 'reference' }).results)).toBe(a);
    const fast = evaluate(g, data, { period: '2021Q2', traces: true, backend: 'kernels' });
    expect(JSON.stringify(fast.results)).toBe(a);
  });
});

describe('a weighted section in a quarter', () => {
  const w = compileKp(`
policy "权重" version "2021" { precision 2 }
entity 局 "局"
input 局 { 季度分: points
  年度分: points }
section 业务 for 局 weight 60% {
  indicator 季 points 20 {
    period quarterly
    score = 季度分
  }
  indicator 年 points 20 {
    period annual
    score = 年度分
  }
}
section 综合 for 局 weight 40% {
  indicator 评价 points 10 {
    period annual
    score = 年度分 / 2
  }
}
`);
  it('is worth its weight × the share of its indicator points the quarter evaluates: 60 × 20 / 40 = 30', () => {
    const r = evaluate(w, { units: [{ id: '一', kind: '局', periods: { '2021Q2': { 季度分: 15 } } }] }, { period: '2021Q2' });
    const u = r.results!.units[0]!;
    // 季 15 of its 20 points → 15 / 20 × 30 = 22.5; 综合 has no quarterly indicator.
    expect(u.sections).toEqual({ 业务: { score: 22.5, points: 60, periodPoints: 30 }, 综合: { score: null, points: 40, notInPeriod: true } });
    expect(u.total).toBe(22.5);
  });
});

describe('the year (2021)', () => {
  it('evaluates everything: quarterly indicators are the mean of the quarters', () => {
    const { results, unit } = run(data, '2021');
    // 甲: 季度工作 (8 + 9 + 10 + 7) / 4 = 8.5; 专项 (monthly, not the parts' cadence) on the year: 5 × 100% = 5;
    // 年度工作 9.5 → 考评 23; 满意度 9.5; 创新 0.5 (95% ≥ 90%) → total 33.
    expect(unit('甲').indicators['季度工作']).toEqual({ score: 8.5, points: 10 });
    expect(unit('甲').sections).toEqual({ 考评: { score: 23, points: 25 }, 年度评价: { score: 9.5, points: 10 } });
    expect(unit('甲').bonuses).toEqual({ 创新: 0.5 });
    expect(unit('甲').total).toBe(33);
    // 乙: 季度工作 (6 + 9.5 + 8.5 + 8) / 4 = 8; 专项 exempt; 年度工作 8 → 16 over 20 evaluated points × 25 = 20;
    // 满意度 8; no bonus → 28.
    expect(unit('乙').sections['考评']).toEqual({ score: 20, points: 25 });
    expect(unit('乙').total).toBe(28);
    expect(unit('驻京').total).toBe(9);
    expect(results.tiers['等次']).toEqual({ kind: '省局', tiers: { 第一段: ['甲'], 第二段: ['乙'] } });
    expect(results.scope).toBeUndefined();
    expect(results.warnings).toEqual([]);
    expect(renderTrace(explain(g, data, '乙', { period: '2021', indicator: '季度工作' }).trace!)).toContain(
      '各期得分：2021Q1 6分，2021Q2 9.5分，2021Q3 8.5分，2021Q4 8分；取平均得8分',
    );
  });
});
