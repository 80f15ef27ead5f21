// An item's own aggregation over the parts of a period (`周期 季度 依据 合计`): monthly or quarterly rankings
// whose bonuses are summed over the period while the scores are averaged, each bonus capped within its part.
// Every number below is computed by hand.
import { describe, expect, it } from 'vitest';
import { evaluate, explain, renderTrace } from '../../runtime/index.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { evaluateDatasetInDuckDb } from '../../sql/index.js';
import { changeOf, column, explanationGolden, policy, results } from './language-case.js';

const source = (cadence: '季度' | '月度', periods: string) => `体系 "分期汇总" 版本 "2021" { }
实体 县局
输入 县局 {
  排名分: 百分比 缺失 免考
  进度: 百分比
  表扬: 计数 缺失 默认 0件
}
板块 过程考评 适用 县局 分值 20 {
  指标 排名得分 分值 10 {
    周期 ${cadence}
    得分 = 10分 * 排名分
  }
  指标 进度得分 分值 10 {
    周期 ${cadence} 依据 末期
    得分 = 10分 * 进度
  }
}
加分项 表扬加分 适用 县局 封顶 1 {
  周期 ${cadence} 依据 合计
  加 0.25分 * 表扬 当 表扬 > 0件
}
${periods}
`;
const QUARTERS = source('季度', '期间 2021 从 2021Q1, 2021Q2, 2021Q3, 2021Q4 依据 均值');
const MONTHS = source('月度', '期间 2021Q1 从 2021M01, 2021M02, 2021M03 依据 均值');

type Part = { 排名分?: number; 进度: number; 表扬?: number };
const unit = (id: string, whole: string, parts: Record<string, Part>) => ({ id, kind: '县局', periods: { [whole]: {}, ...parts } });

// 甲: ranking 80%, 90%, 100%, 70% → 8, 9, 10, 7, mean 8.5; progress last 100% → 10;
//     praise 1, 0, 6, 2 → 0.25, 0, min(1.5, 1) = 1, 0.5 per quarter, summed 1.75; total 8.5 + 10 + 1.75 = 20.25.
// 乙: ranking 60%, (missing: exempt in Q2), 85%, 80% → mean of 6, 8.5, 8 = 7.5; progress last 90% → 9;
//     no praise in any quarter → 0; total 16.5.
const yearData = {
  units: [
    unit('甲', '2021', {
      '2021Q1': { 排名分: 0.8, 进度: 0.25, 表扬: 1 }, '2021Q2': { 排名分: 0.9, 进度: 0.5, 表扬: 0 },
      '2021Q3': { 排名分: 1, 进度: 0.75, 表扬: 6 }, '2021Q4': { 排名分: 0.7, 进度: 1, 表扬: 2 },
    }),
    unit('乙', '2021', {
      '2021Q1': { 排名分: 0.6, 进度: 0.2 }, '2021Q2': { 进度: 0.4 },
      '2021Q3': { 排名分: 0.85, 进度: 0.7 }, '2021Q4': { 排名分: 0.8, 进度: 0.9 },
    }),
  ],
};

describe('quarters of a year', () => {
  const g = policy(QUARTERS);
  const r = results(g, yearData, { period: '2021' });
  it('averages the scores by the policy\'s aggregation, takes the last progress by the indicator\'s own', () => {
    expect(column(r, (u) => u.indicators['排名得分']!.score)).toEqual({ 甲: 8.5, 乙: 7.5 });
    expect(column(r, (u) => u.indicators['进度得分']!.score)).toEqual({ 甲: 10, 乙: 9 });
  });
  it('sums the bonus over the quarters, each quarter capped on its own', () => {
    expect(column(r, (u) => u.bonuses['表扬加分'])).toEqual({ 甲: 1.75, 乙: 0 });
    expect(column(r, (u) => u.total)).toEqual({ 甲: 20.25, 乙: 16.5 });
  });
  it('a quarter run scores the quarterly bonus on the quarter\'s data', () => {
    // 甲 in Q3: 10 + 7.5 + min(6 × 0.25, 1) = 18.5
    const q = results(g, yearData, { period: '2021Q3' });
    expect(q.get('甲')!.bonuses['表扬加分']).toBe(1);
    expect(q.get('甲')!.total).toBe(18.5);
  });
  it('a unit without one of the parts is refused, naming the part', () => {
    const gap = { units: [unit('甲', '2021', { '2021Q1': { 排名分: 0.8, 进度: 0.25 }, '2021Q2': { 排名分: 0.8, 进度: 0.5 }, '2021Q4': { 排名分: 0.8, 进度: 1 } })] };
    const e = evaluate(g, gap, { period: '2021', backend: 'reference' });
    expect(e.results).toBeNull();
    expect(e.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.unit, i.message.includes('2021Q3')])).toEqual([['KR232', '甲', true]]);
  });
  it('explains the parts and the bonus\'s own sum', () => {
    explanationGolden('period-aggregates-甲.txt', g, yearData, '甲', { period: '2021' });
  });
  it('explains it in English too', () => {
    const text = renderTrace(explain(g, yearData, '甲', { period: '2021' }).trace!, { lang: 'en' });
    expect(text).toContain('[bonus 表扬加分] scores 1.75 points\n  scores by period: 2021Q1 0.25 points, 2021Q2 0 points, 2021Q3 1 point, 2021Q4 0.5 points; by its own aggregation, their sum: 1.75 points');
    expect(text).toContain('scores by period: 2021Q1 8 points, 2021Q2 9 points, 2021Q3 10 points, 2021Q4 7 points; their mean: 8.5 points');
  });
  it('in a month\'s run, a quarterly bonus is left to the quarter, naming its period', () => {
    const monthly = policy(source('月度', '').replace('周期 月度 依据 末期', '周期 月度').replace('周期 月度 依据 合计', '周期 季度'));
    const month = { units: [{ id: '甲', kind: '县局', periods: { '2021M02': { 排名分: 0.9, 进度: 0.5, 表扬: 1 } } }] };
    const text = renderTrace(explain(monthly, month, '甲', { period: '2021M02' }).trace!);
    expect(text).toContain('【加分 表扬加分】本期不考评：考评周期为季度');
  });
});

describe('months of a quarter', () => {
  const g = policy(MONTHS);
  // 甲: ranking 90%, 60%, 75% → 9, 6, 7.5, mean 7.5; progress last 100% → 10; praise 2, 1, 0 → 0.5 + 0.25 + 0 = 0.75;
  //     total 18.25.
  // 乙: ranking (missing), 80%, 100% → mean of 8, 10 = 9; progress last 40% → 4; praise 5 each month → 1 + 1 + 1 = 3
  //     (capped at 1 in each month, not over the quarter); total 16.
  const quarterData = {
    units: [
      unit('甲', '2021Q1', { '2021M01': { 排名分: 0.9, 进度: 0.3, 表扬: 2 }, '2021M02': { 排名分: 0.6, 进度: 0.6, 表扬: 1 }, '2021M03': { 排名分: 0.75, 进度: 1 } }),
      unit('乙', '2021Q1', { '2021M01': { 进度: 0.1, 表扬: 5 }, '2021M02': { 排名分: 0.8, 进度: 0.2, 表扬: 5 }, '2021M03': { 排名分: 1, 进度: 0.4, 表扬: 5 } }),
    ],
  };
  const r = results(g, quarterData, { period: '2021Q1' });
  it('aggregates each item its own way over the months', () => {
    expect(column(r, (u) => u.indicators['排名得分']!.score)).toEqual({ 甲: 7.5, 乙: 9 });
    expect(column(r, (u) => u.indicators['进度得分']!.score)).toEqual({ 甲: 10, 乙: 4 });
    expect(column(r, (u) => u.bonuses['表扬加分'])).toEqual({ 甲: 0.75, 乙: 3 });
    expect(column(r, (u) => u.total)).toEqual({ 甲: 18.25, 乙: 16 });
  });
});

describe('the DuckDB engine', () => {
  it('gives the reference results byte for byte for the year and for a quarter', async () => {
    const g = policy(QUARTERS);
    const ds = checkDataset(g, readJsonDataset(yearData));
    for (const period of ['2021', '2021Q3']) {
      const sql = await evaluateDatasetInDuckDb(g, ds, { period });
      expect(sql.results).not.toBeNull();
      expect(JSON.stringify(sql.results)).toBe(JSON.stringify(evaluate(g, ds, { period }).results));
    }
  }, 120_000);
});

describe('the semantic diff', () => {
  it('shows a bonus\'s aggregation changed from a sum to a mean', () => {
    const c = changeOf(QUARTERS, QUARTERS.replace('周期 季度 依据 合计', '周期 季度 依据 均值'), '表扬加分')!;
    expect(c.fields).toContainEqual({ field: 'partsBy', label: 'aggregation over parts', before: 'sum', after: 'mean' });
  });
  it('shows an indicator given its own aggregation', () => {
    const c = changeOf(QUARTERS.replace('周期 季度 依据 末期', '周期 季度'), QUARTERS, '进度得分')!;
    expect(c.fields).toContainEqual({ field: 'partsBy', label: 'aggregation over parts', before: null, after: 'last' });
  });
});
