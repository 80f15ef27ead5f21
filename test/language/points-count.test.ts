// Points times a count (or days) is points: `2分 * 安全事故`, `0.1分 * 逾期天数`. Hand-computed, with no events,
// ties, a deduction past zero (扣完为止) and a capped one.
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "分乘件" 版本 "2021" { }
实体 县局
输入 县局 {
  安全事故: 计数
  逾期天数: 天数
}
板块 安全 适用 县局 分值 10 {
  指标 安全生产 分值 10 {
    得分 = 10分 - 2分 * 安全事故
    扣 0.1分 * 逾期天数 当 逾期天数 > 0天 封顶 2分
  }
}
`;
const graph = policy(SOURCE);
const score = (r: ReturnType<typeof results>) => column(r, (u) => u.indicators['安全生产']!.score);

describe('points times a count', () => {
  it('deducts 2 per accident and 0.1 per day overdue (capped at 2)', () => {
    const r = results(graph, data('县局', {
      甲: { 安全事故: 0, 逾期天数: 0 }, // no event: 10
      乙: { 安全事故: 1, 逾期天数: 3 }, // 10 − 2 − 0.3 = 7.7
      丙: { 安全事故: 1, 逾期天数: 3 }, // tied with 乙
      丁: { 安全事故: 2, 逾期天数: 30 }, // 10 − 4 − min(3, 2) = 4
      戊: { 安全事故: 6, 逾期天数: 0 }, // 10 − 12 → 0 (扣完为止)
    }));
    expect(score(r)).toEqual({ 甲: 10, 乙: 7.7, 丙: 7.7, 丁: 4, 戊: 0 });
    expect(column(r, (u) => u.rank)).toEqual({ 甲: 1, 乙: 2, 丙: 2, 丁: 4, 戊: 5 });
  });
  it('explains the count read and the product deducted', () => {
    explanationGolden('points-count-丁.txt', graph, data('县局', { 丁: { 安全事故: 2, 逾期天数: 30 } }), '丁');
  });
  it('the semantic diff shows the changed amount per accident', () => {
    const c = changeOf(SOURCE, SOURCE.replace('2分 * 安全事故', '3分 * 安全事故'), '安全生产')!;
    expect(c.fields).toContainEqual({
      field: 'rule', label: 'rule',
      before: 'score = 10分 - 2分 * 安全事故\n扣 0.1分 * 逾期天数 当 逾期天数 > 0天 封顶 2分',
      after: 'score = 10分 - 3分 * 安全事故\n扣 0.1分 * 逾期天数 当 逾期天数 > 0天 封顶 2分',
    });
  });
});
