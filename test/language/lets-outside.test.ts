// Lets read outside their block: `收入完成.完成率` from another indicator, a gate and a bonus; a section's let
// read by its indicators and, as `收入板块.达标率`, elsewhere. Hand-computed, with ties and an empty tier.
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "令的可见范围" 版本 "2021" { }
实体 县局
输入 县局 {
  收入: 金额
  目标: 金额
  质量: 百分比
}
板块 收入板块 适用 县局 分值 20 {
  令 达标率 = 95%
  指标 收入完成 分值 10 {
    令 完成率 = 收入 / 目标
    得分 = 最小(10分 * 完成率, 10分)
  }
  指标 收入质量 分值 10 {
    得分 = 10分 * 质量
    扣 2分 当 收入完成.完成率 < 达标率
  }
}
加分项 超收 适用 县局 封顶 1 {
  计入 排名
  加 0.5分 当 收入完成.完成率 > 收入板块.达标率 + 20%
}
分段 等次 适用 县局 依据 总分 {
  优秀 前 50%
  一般 其余
  非 优秀 当 收入完成.完成率 < 100%
}
`;
const graph = policy(SOURCE);
const row = (收入: number, 质量: number) => ({ 收入, 目标: 100, 质量 });

describe('a let read as INDICATOR.LET', () => {
  // 甲 120 → 10 + 8 = 18, 超收 (120% > 115%) breaks its tie with 丙; 乙 98% → 9.8 + 10 = 19.8 but gated;
  // 丙 100% → 10 + 8 = 18; 丁 90% < 95% → 9 + (9 − 2) = 16.
  const r = results(graph, data('县局', { 甲: row(120, 0.8), 乙: row(98, 1), 丙: row(100, 0.8), 丁: row(90, 0.9) }));
  it('scores another indicator, a bonus and a gate from it', () => {
    expect(column(r, (u) => u.indicators['收入质量']!.score)).toEqual({ 甲: 8, 乙: 10, 丙: 8, 丁: 7 });
    expect(column(r, (u) => u.bonuses['超收'])).toEqual({ 甲: 0.5, 乙: 0, 丙: 0, 丁: 0 });
    expect(column(r, (u) => u.total)).toEqual({ 甲: 18, 乙: 19.8, 丙: 18, 丁: 16 });
  });
  it('gates the best total out of 优秀; the tie at 18 is broken by the bonus and both enter (2 places of 4)', () => {
    expect(column(r, (u) => u.rank)).toEqual({ 甲: 2, 乙: 1, 丙: 3, 丁: 4 });
    expect(column(r, (u) => u.tier)).toEqual({ 甲: '优秀', 乙: '一般', 丙: '优秀', 丁: '一般' });
  });
  it('leaves 优秀 empty when every unit is below 100%', () => {
    const none = results(graph, data('县局', { 乙: row(98, 1), 丁: row(90, 0.9) }));
    expect(column(none, (u) => u.tier)).toEqual({ 乙: '一般', 丁: '一般' });
  });
  it('ties: equal rates give equal scores and both are gated', () => {
    const tied = results(graph, data('县局', { 甲: row(99, 0.5), 乙: row(99, 0.5), 丙: row(80, 0.1) }));
    expect(column(tied, (u) => u.total)).toEqual({ 甲: 14.9, 乙: 14.9, 丙: 8 }); // 丙: 8 + (1 − 2 → 0, 扣完为止)
    expect(column(tied, (u) => u.tier)).toEqual({ 甲: '一般', 乙: '一般', 丙: '一般' });
  });
  it('explains the read with its owner, in the indicator and in the gate', () => {
    explanationGolden('lets-outside-丁.txt', graph, data('县局', { 甲: row(120, 0.8), 乙: row(98, 1), 丁: row(90, 0.9) }), '丁');
    explanationGolden('lets-outside-乙.txt', graph, data('县局', { 甲: row(120, 0.8), 乙: row(98, 1), 丁: row(90, 0.9) }), '乙');
  });
  it('reads a let of the related unit as REL.INDICATOR.LET', () => {
    const g = policy(`体系 "经由关联" 版本 "2021" { }
实体 市局
实体 县局 { 上级: 市局 }
输入 市局 { 收入: 金额  目标: 金额 }
输入 县局 { 收入: 金额 }
板块 市收入 适用 市局 分值 10 {
  指标 市收入完成 分值 10 {
    令 完成率 = 收入 / 目标
    得分 = 最小(10分 * 完成率, 10分)
  }
}
板块 县收入 适用 县局 分值 10 {
  指标 县收入完成 分值 10 {
    得分 = 如果 上级.市收入完成.完成率 >= 100% 则 10分 否则 5分
  }
}
`);
    const input = data('县局', { 市: { 收入: 90, 目标: 100 }, 县: { 收入: 1 } }, { 市: '市局' }, { 县: { 上级: '市' } });
    expect(results(g, input).get('县')!.indicators['县收入完成']!.score).toBe(5);
  });
});

describe('the semantic diff of a let read elsewhere', () => {
  const changed = SOURCE.replace('令 完成率 = 收入 / 目标', '令 完成率 = 收入 / (目标 * 2)');
  it('shows the reading indicator changed, with the let and its owner', () => {
    const c = changeOf(SOURCE, changed, '收入质量')!;
    expect(c.status).toBe('changed');
    expect(c.fields.find((f) => f.field === 'rule')).toEqual({
      field: 'rule', label: 'rule',
      before: 'let 达标率 = 95%\nlet 收入完成.完成率 = 收入 / 目标\nscore = 10分 * 质量\n扣 2分 当 收入完成.完成率 < 达标率',
      after: 'let 达标率 = 95%\nlet 收入完成.完成率 = 收入 / (目标 * 2)\nscore = 10分 * 质量\n扣 2分 当 收入完成.完成率 < 达标率',
    });
  });
  it('shows the gate changed, though its text is the same', () => {
    const c = changeOf(SOURCE, changed, '等次')!;
    expect(c.fields.find((f) => f.field === 'gates')).toEqual({
      field: 'gates', label: 'gates',
      before: '非 优秀 当 收入完成.完成率 < 100%（收入完成.完成率 = 收入 / 目标）',
      after: '非 优秀 当 收入完成.完成率 < 100%（收入完成.完成率 = 收入 / (目标 * 2)）',
    });
  });
});
