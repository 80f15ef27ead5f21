// Deductions and additions on a unit's total (加减分项, `计入 扣分`): capped on their own, not clamped to one
// indicator's points; a total may go below 0. Beside a bonus that only breaks ties (`计入 排名`).
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "加减分" 版本 "2021" { }
实体 县局
输入 县局 {
  收入: 百分比
  安全事故: 计数
  通报表扬: 计数
  创新: 计数
}
板块 收入板块 适用 县局 分值 10 {
  指标 收入完成 分值 10 { 得分 = 10分 * 收入 }
}
加分项 相关扣分 适用 县局 封顶 3 {
  计入 扣分
  扣 1分 * 安全事故 当 安全事故 > 0件
  加 0.5分 * 通报表扬 当 通报表扬 > 0件
}
加分项 创先争优 适用 县局 封顶 1 {
  计入 排名
  加 0.5分 * 创新 当 创新 > 0件
}
分段 等次 适用 县局 依据 总分 { 优秀 前 25%  一般 其余 }
`;
const graph = policy(SOURCE);
const row = (收入: number, 安全事故: number, 通报表扬 = 0, 创新 = 0) => ({ 收入, 安全事故, 通报表扬, 创新 });

describe('deductions on the total', () => {
  const r = results(graph, data('县局', {
    甲: row(0.9, 0), // 9, nothing taken off
    乙: row(0.9, 2, 1), // 9 − (2 − 0.5) = 7.5
    丙: row(0.9, 5), // 9 − min(5, 3) = 6: capped on its own
    丁: row(0.1, 3), // 1 − 3 = −2: the total goes below 0
    戊: row(0.9, 0, 4, 1), // additions past the deductions take nothing off (and add nothing): 9; 创新 breaks the tie with 甲
  }));
  it('takes Σ deductions − Σ additions, capped at 3, off the total', () => {
    expect(column(r, (u) => u.bonuses['相关扣分'])).toEqual({ 甲: 0, 乙: -1.5, 丙: -3, 丁: -3, 戊: 0 });
    expect(column(r, (u) => u.total)).toEqual({ 甲: 9, 乙: 7.5, 丙: 6, 丁: -2, 戊: 9 });
  });
  it('ranks by the total, the tie-only bonus deciding 戊 over 甲; 优秀 takes one place', () => {
    expect(column(r, (u) => u.rank)).toEqual({ 甲: 2, 乙: 3, 丙: 4, 丁: 5, 戊: 1 });
    expect(column(r, (u) => u.tier)).toEqual({ 甲: '一般', 乙: '一般', 丙: '一般', 丁: '一般', 戊: '优秀' });
  });
  it('explains what was taken off the total', () => {
    explanationGolden('total-deductions-丙.txt', graph, data('县局', { 丙: row(0.9, 5), 丁: row(0.1, 3) }), '丙');
  });
  it('the semantic diff shows a bonus turned into a deduction on the total', () => {
    const c = changeOf(SOURCE.replace('计入 扣分', '计入 总分'), SOURCE, '相关扣分')!;
    expect(c.fields).toContainEqual({ field: 'counts', label: 'counts', before: 'total', after: 'deduction' });
  });
});
