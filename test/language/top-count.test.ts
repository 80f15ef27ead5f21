// `X 位列 前 3名` / `X in bottom 1名`: among the best (worst) N units by X, beside the share form `前 30%`.
// Hand-computed, with ties at the edge (all enter), more places than units, and no unit with a value.
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "前几名" 版本 "2021" { }
实体 县局
输入 县局 {
  收入: 金额
  差错: 计数 缺失 默认 0件
}
板块 收入板块 适用 县局 分值 10 {
  指标 收入排名 分值 10 {
    得分 = 如果 收入 位列 前 2名 则 10分 否则 如果 收入 位列 后 1名 则 0分 否则 5分
  }
}
分段 等次 适用 县局 依据 总分 {
  优秀 前 50%
  一般 其余
  非 优秀 当 差错 位列 前 1名
}
`;
const graph = policy(SOURCE);
const score = (r: ReturnType<typeof results>) => column(r, (u) => u.indicators['收入排名']!.score);

describe('in top N (a number of places)', () => {
  it('gives the best two 10, the last 0, the others 5', () => {
    const r = results(graph, data('县局', { 甲: { 收入: 50 }, 乙: { 收入: 40 }, 丙: { 收入: 30 }, 丁: { 收入: 20 } }));
    expect(score(r)).toEqual({ 甲: 10, 乙: 10, 丙: 5, 丁: 0 });
  });
  it('lets every unit tied at the edge in: three share second place, all within 前 2名; two share the last', () => {
    const r = results(graph, data('县局', { 甲: { 收入: 50 }, 乙: { 收入: 40 }, 丙: { 收入: 40 }, 丁: { 收入: 40 }, 戊: { 收入: 10 }, 己: { 收入: 10 } }));
    expect(score(r)).toEqual({ 甲: 10, 乙: 10, 丙: 10, 丁: 10, 戊: 0, 己: 0 });
  });
  it('with fewer units than places, all are in (and the one unit is also the last)', () => {
    const r = results(graph, data('县局', { 甲: { 收入: 50 } }));
    expect(score(r)).toEqual({ 甲: 10 });
  });
  it('gates the unit with the most errors out of 优秀; with no errors anywhere, all tie first and all are gated', () => {
    const some = results(graph, data('县局', { 甲: { 收入: 50, 差错: 2 }, 乙: { 收入: 40 }, 丙: { 收入: 30 }, 丁: { 收入: 20 } }));
    expect(column(some, (u) => u.tier)).toEqual({ 甲: '一般', 乙: '优秀', 丙: '优秀', 丁: '一般' });
    const none = results(graph, data('县局', { 甲: { 收入: 50 }, 乙: { 收入: 40 } }));
    expect(column(none, (u) => u.tier)).toEqual({ 甲: '一般', 乙: '一般' });
  });
  it('explains the place against the number of places', () => {
    explanationGolden('top-count-甲.txt', graph, data('县局', { 甲: { 收入: 50, 差错: 2 }, 乙: { 收入: 40 }, 丙: { 收入: 30 } }), '甲');
  });
});

describe('the semantic diff of a share turned into a number of places', () => {
  it('shows the rule with the places', () => {
    const c = changeOf(SOURCE.replace('前 2名', '前 50%'), SOURCE, '收入排名')!;
    expect(c.fields).toContainEqual({
      field: 'rule', label: 'rule',
      before: 'score = 如果 收入 位列 前 50% 则 10分 否则 如果 收入 位列 后 1名 则 0分 否则 5分',
      after: 'score = 如果 收入 位列 前 2名 则 10分 否则 如果 收入 位列 后 1名 则 0分 否则 5分',
    });
  });
});
