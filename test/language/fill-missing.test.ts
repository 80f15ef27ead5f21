// `缺失 同级均值填补`: one missing input (a rating) filled with the mean of the peers' values of that input,
// beside `同级均值` (the whole indicator's score replaced by the peers' mean score). Hand-computed, with a tie,
// a mean that does not end, and no peer to fill from.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../runtime/index.js';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "填补" 版本 "2021" { }
实体 县局
输入 县局 {
  测评1: 百分比
  测评2: 百分比 缺失 同级均值填补
  测评3: 百分比 缺失 同级均值填补
  评议: 百分比 缺失 同级均值
}
板块 测评 适用 县局 分值 20 {
  指标 满意度 分值 10 {
    得分 = (测评1 + 测评2 + 测评3) / 3 * 10分
  }
  指标 社会评议 分值 10 {
    得分 = 评议 * 10分
  }
}
`;
const graph = policy(SOURCE);
const rows = {
  甲: { 测评1: 0.9, 测评2: 0.8, 测评3: 0.7, 评议: 0.9 }, // (0.9 + 0.8 + 0.7) / 3 × 10 = 8
  乙: { 测评1: 0.7, 测评2: 0.6 }, // 测评3 filled (0.7 + 0.5) / 2 = 0.6 → 19/30 × 10 = 6.33; 评议: the peers' mean score
  丙: { 测评1: 0.8, 测评3: 0.5, 评议: 0.7 }, // 测评2 filled (0.8 + 0.6 + 0.6) / 3 = 2/3 → (0.8 + 2/3 + 0.5) / 3 × 10 = 6.56
  丁: { 测评1: 0.7, 测评2: 0.6 }, // as 乙: tied
};

describe('a missing input filled with the peers’ mean', () => {
  const r = results(graph, data('县局', rows));
  it('fills only the missing rating, the others as given', () => {
    expect(column(r, (u) => u.indicators['满意度']!.score)).toEqual({ 甲: 8, 乙: 6.33, 丙: 6.56, 丁: 6.33 });
  });
  it('beside peer_mean, which replaces the score of the indicator (8 and 7 → 8)', () => {
    expect(column(r, (u) => u.indicators['社会评议'])).toEqual({
      甲: { score: 9, points: 10 }, 乙: { score: 8, points: 10, peerMean: true }, 丙: { score: 7, points: 10 }, 丁: { score: 8, points: 10, peerMean: true },
    });
    expect(column(r, (u) => u.rank)).toEqual({ 甲: 1, 乙: 2, 丙: 4, 丁: 2 }); // 17, 14.33, 13.56, 14.33
  });
  it('explains the filled value', () => {
    explanationGolden('fill-missing-乙.txt', graph, data('县局', rows), '乙');
  });
  it('with no peer having the value, says so instead of scoring', () => {
    const e = evaluate(graph, data('县局', { 甲: { 测评1: 0.9, 测评2: 0.8, 评议: 0.9 }, 乙: { 测评1: 0.7, 测评2: 0.6, 评议: 0.9 } }));
    expect(e.results).toBeNull();
    expect(e.issues.map((i) => [i.code, i.unit, i.field, i.message]).sort()).toEqual([
      ['KR230', '乙', '测评3', 'units[1].inputs 单位「乙」 字段「测评3」：缺少此输入的值，且没有一个同级单位有它的值，无法按同级均值填补'],
      ['KR230', '甲', '测评3', 'units[0].inputs 单位「甲」 字段「测评3」：缺少此输入的值，且没有一个同级单位有它的值，无法按同级均值填补'],
    ]);
  });
  it('the semantic diff shows the input’s changed treatment', () => {
    const c = changeOf(SOURCE.replace('测评2: 百分比 缺失 同级均值填补', '测评2: 百分比'), SOURCE, '测评2')!;
    expect(c).toMatchObject({ item: 'input', status: 'changed' });
    expect(c.fields).toEqual([{ field: 'missing', label: 'missing', before: 'error', after: 'fill_peer_mean' }]);
  });
});
