// One section for several kinds: `适用 城区局, 县局`. Each kind gets the section; ranks and tiers stay within a
// kind. Hand-computed, with ties in each kind and a kind without units.
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "多类别" 版本 "2021" { }
实体 城区局
实体 县局
输入 城区局 { 收入: 金额  目标: 金额 }
输入 县局 { 收入: 金额  目标: 金额  农业税: 金额 }
板块 收入板块 适用 城区局, 县局 分值 10 {
  指标 收入完成 分值 6 {
    令 完成率 = 收入 / 目标
    得分 = 最小(6分 * 完成率, 6分)
  }
  指标 收入排名 分值 4 {
    得分 = 如果 排名(收入) <= 1 则 4分 否则 2分
  }
}
板块 农业 适用 县局 分值 5 {
  指标 农业收入 分值 5 { 得分 = 如果 农业税 > 0元 则 5分 否则 0分 }
}
分段 城区等次 适用 城区局 依据 总分 { 优秀 前 50%  一般 其余 }
分段 县等次 适用 县局 依据 总分 { 县优秀 前 50%  县一般 其余 }
`;
const graph = policy(SOURCE);
const kinds = { 东城: '城区局', 西城: '城区局', 南城: '城区局', 甲县: '县局', 乙县: '县局' };
const input = data('县局', {
  东城: { 收入: 120, 目标: 100 }, // 6 + 4 (first of 城区局) = 10
  西城: { 收入: 120, 目标: 100 }, // tied with 东城: rank 1 too → 10
  南城: { 收入: 50, 目标: 100 }, // 3 + 2 = 5
  甲县: { 收入: 80, 目标: 100, 农业税: 1 }, // 4.8 + 4 (first of 县局, though 城区局 have more) + 5 = 13.8
  乙县: { 收入: 60, 目标: 100, 农业税: 0 }, // 3.6 + 2 + 0 = 5.6
}, kinds);

describe('a section for two kinds', () => {
  const r = results(graph, input);
  it('scores each kind with the section, and only 县局 with its own', () => {
    expect(column(r, (u) => u.sections['收入板块']?.score)).toEqual({ 东城: 10, 西城: 10, 南城: 5, 甲县: 8.8, 乙县: 5.6 });
    expect(column(r, (u) => u.sections['农业']?.score)).toEqual({ 东城: undefined, 西城: undefined, 南城: undefined, 甲县: 5, 乙县: 0 });
    expect(column(r, (u) => u.total)).toEqual({ 东城: 10, 西城: 10, 南城: 5, 甲县: 13.8, 乙县: 5.6 });
  });
  it('ranks within each kind: rank(收入) and the totals; ties share a rank', () => {
    expect(column(r, (u) => u.rank)).toEqual({ 东城: 1, 西城: 1, 南城: 3, 甲县: 1, 乙县: 2 });
    expect(column(r, (u) => u.tier)).toEqual({ 东城: '优秀', 西城: '优秀', 南城: '一般', 甲县: '县优秀', 乙县: '县一般' });
  });
  it('evaluates a kind alone when the other has no units', () => {
    const only = results(graph, data('县局', { 甲县: { 收入: 80, 目标: 100, 农业税: 1 } }));
    expect(column(only, (u) => u.total)).toEqual({ 甲县: 13.8 });
  });
  it('explains a unit of each kind', () => {
    explanationGolden('section-kinds-甲县.txt', graph, input, '甲县');
    explanationGolden('section-kinds-西城.txt', graph, input, '西城');
  });
});

describe('the semantic diff of a section given another kind', () => {
  const before = SOURCE.replace('适用 城区局, 县局 分值 10', '适用 县局 分值 10')
    .replace('分段 城区等次 适用 城区局 依据 总分 { 优秀 前 50%  一般 其余 }\n', '板块 城区收入 适用 城区局 分值 10 {\n  指标 城区收入完成 分值 10 { 得分 = 10分 }\n}\n');
  it('shows the section and its indicators added for the new kind, and nothing changed for the old', () => {
    const added = changeOf(before, SOURCE, '收入完成');
    expect(added).toMatchObject({ item: 'indicator', kind: '城区局', status: 'added' });
    const d = changeOf(before, SOURCE, '收入板块');
    expect(d).toMatchObject({ item: 'section', kind: '城区局', status: 'added' });
  });
});
