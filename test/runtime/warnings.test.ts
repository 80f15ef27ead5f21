// Warnings (预警) checked on a period's data, hand-computed: a 双过半 check that fires and one that does not, a
// trend over months, an indicator about to lose its points; what the compiler refuses; the explanation.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { loadGraph } from '../../runtime/load-graph.js';
import { appliesIn, earlierPeriod, monitor } from '../../runtime/results/warnings.js';
import { compileKp } from './compile-helper.js';

const POLICY = `体系 "预警测试" 版本 "2021" { 精度 2 }
实体 省局
输入 省局 {
  累计收入: 金额
  年度收入预算: 金额
  风险任务应对率: 百分比
}
板块 收入 适用 省局 分值 10 {
  指标 风险应对 分值 10 {
    周期 季度
    得分 = 分档 风险任务应对率 { >= 98%: 10分, >= 90%: 5分, 否则: 0分 }
  }
}
预警 收入双过半 适用 省局 级别 严重 周期 2021M06 {
  令 完成率 = 累计收入 / 年度收入预算
  当 累计收入 < 50% * 年度收入预算
  消息 "累计收入{累计收入}，仅完成年度收入预算{年度收入预算}的{完成率}"
}
预警 收入进度连续下滑 适用 省局 级别 预警 周期 月度 {
  令 进度率 = 累计收入 / (年度收入预算 * 进度())
  当 连降(进度率, 3)
  消息 "收入进度完成率连续三个月下降，本月{进度率}"
}
预警 风险应对临界 适用 省局 级别 提示 周期 季度 {
  令 距扣分线 = 风险任务应对率 - 98%
  当 风险应对 == 10分 且 距扣分线 < 0.5%
  消息 "风险任务按期应对率{风险任务应对率}，距扣分线仅{距扣分线}"
}
`;

// Budget 1200万元 for both. 甲: progress 3.1/3 = 103.33%, 4.08/4 = 102%, 5.05/5 = 101%, 6/6 = 100% (three falls in a
// row) and at June exactly half the budget (not below it); 乙: 590万元 < 600万元 at June (49.17%), progress up and
// down. In Q2, 甲's 98.2% is 0.2% above the 98% edge (10分, within 0.5%); 乙's 98.6% is 0.6% above it.
const months = (...cumulative: number[]) =>
  Object.fromEntries(cumulative.map((c, i) => [`2021M0${i + 3}`, { 累计收入: c, 年度收入预算: 12_000_000 }]));
const DATA = {
  units: [
    { id: '甲', kind: '省局', name: '甲省局', periods: { ...months(3_100_000, 4_080_000, 5_050_000, 6_000_000), '2021Q2': { 风险任务应对率: 0.982 } } },
    { id: '乙', kind: '省局', periods: { ...months(2_700_000, 3_800_000, 4_600_000, 5_900_000), '2021Q2': { 风险任务应对率: 0.986 } } },
  ],
};

describe('warnings', () => {
  const graph = compileKp(POLICY);

  it('raises 双过半 for the unit below half its budget at mid-year, not for the one exactly at half', () => {
    const m = monitor(graph, DATA, '2021M06');
    expect(m.ok).toBe(true);
    const half = m.warnings.filter((w) => w.warning === '收入双过半');
    expect(half.map((w) => [w.unit, w.level, w.message])).toEqual([
      ['乙', 'severe', '累计收入590.00万元，仅完成年度收入预算1200.00万元的49.17%'],
    ]);
    expect(half[0]!.rule).toBe('累计收入 < 50% * 年度收入预算');
    // explained by the values read
    expect(half[0]!.steps).toEqual([
      { step: 'read', name: '累计收入', value: { v: 5_900_000, dim: 'money' } },
      { step: 'read', name: '年度收入预算', value: { v: 12_000_000, dim: 'money' } },
    ]);
  });

  it('raises a trend warning after three months of decline, reading each earlier month', () => {
    const m = monitor(graph, DATA, '2021M06');
    const trend = m.warnings.filter((w) => w.warning === '收入进度连续下滑');
    expect(trend.map((w) => [w.unit, w.level, w.message])).toEqual([['甲', 'warning', '收入进度完成率连续三个月下降，本月100.00%']]);
    const reads = trend[0]!.steps.filter((s) => s.step === 'read').map((s) => s.step === 'read' && [s.name, s.value.v]);
    expect(reads).toEqual([
      ['累计收入', 6_000_000], ['年度收入预算', 12_000_000], ['进度率', 1],
      ['进度率（2021M05）', 1.01], ['进度率（2021M04）', 1.02], ['进度率（2021M03）', 31 / 30],
    ]);
    // by unit (units in id order), then level
    expect(m.warnings.map((w) => w.unit)).toEqual(['乙', '甲']);
  });

  it('says when an earlier period the trend needs is not in the data, instead of raising nothing silently', () => {
    const m = monitor(graph, DATA, '2021M05');
    expect(m.ok).toBe(true);
    expect(m.warnings).toEqual([]);
    expect(m.checked).toEqual([]);
    expect(m.issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['KR260', 'warning', 'units：数据中没有期间「2021M02」，预警「收入进度连续下滑」在「2021M05」不检查'],
    ]);
  });

  it('raises a notice for an indicator about to lose its points (within 0.5% of its band edge)', () => {
    const m = monitor(graph, DATA, '2021Q2');
    expect(m.checked.map((c) => c.warning)).toEqual(['风险应对临界']);
    expect(m.warnings.map((w) => [w.unit, w.level, w.message])).toEqual([['甲', 'notice', '风险任务按期应对率98.20%，距扣分线仅0.20%']]);
    expect(m.warnings[0]!.steps.map((s) => s.step === 'read' && s.name)).toEqual(['风险任务应对率', '风险应对', '距扣分线']);
  });

  it('reports a period the data lacks as the evaluation does', () => {
    const m = monitor(graph, DATA, '2021M07');
    expect(m.ok).toBe(false);
    expect(m.issues.map((i) => i.code)).toEqual(['KR231']);
  });

  it('keeps warnings in the graph through JSON', () => {
    const loaded = loadGraph(JSON.stringify(graph));
    expect(loaded.issues).toEqual([]);
    expect(monitor(loaded.graph!, DATA, '2021M06').warnings.length).toBe(2);
  });

  it('knows which periods a rule applies to and which periods come before', () => {
    const rule = graph.warnings!.find((w) => w.name === '收入进度连续下滑')!;
    expect([appliesIn(rule, '2021M01'), appliesIn(rule, '2021Q1'), appliesIn(rule, '2021')]).toEqual([true, false, false]);
    expect([earlierPeriod('2021M02', 3), earlierPeriod('2021Q1', 1), earlierPeriod('2021H1', 1), earlierPeriod('2021', 2)])
      .toEqual(['2020M11', '2020Q4', '2020H2', '2019']);
  });
});

describe('warnings the compiler refuses', () => {
  const codes = (body: string) =>
    compile([{ path: 'w.kp', text: POLICY + body }]).diagnostics.map((d) => `${d.code} ${d.span.start - POLICY.length}`);

  it('an unknown level, a period that is none, a missing message, a condition that is not true/false', () => {
    expect(codes('预警 甲 适用 省局 级别 紧急 周期 月初 {\n  当 累计收入\n}\n')).toEqual(['KP5001 3', 'KP5001 14', 'KP5001 20', 'KP2004 29']);
  });

  it('prior/falling outside a warning condition, nested, or with a count that is not a whole constant', () => {
    expect(codes('预警 甲 适用 省局 级别 提示 {\n  令 前月 = 前期(累计收入)\n  当 连降(前期(累计收入), 2) 或 连降(累计收入, 0)\n  消息 "x"\n}\n'))
      .toEqual(['KP5002 28', 'KP5002 44', 'KP5002 59']);
  });

  it('lets of a warning that read one another in a cycle', () => {
    expect(codes('预警 甲 适用 省局 级别 提示 {\n  令 a = b + 1元\n  令 b = a - 1元\n  当 a < 累计收入\n  消息 "{a}"\n}\n')).toEqual(['KP3015 21']);
  });

  it('an unknown name in a message placeholder is located inside the string', () => {
    const d = compile([{ path: 'w.kp', text: POLICY + '预警 甲 适用 省局 级别 提示 {\n  当 累计收入 < 1元\n  消息 "累计{累积收入}"\n}\n' }]).diagnostics;
    expect(d.map((x) => [x.code, (POLICY + '预警 甲 适用 省局 级别 提示 {\n  当 累计收入 < 1元\n  消息 "累计{累积收入}"\n}\n').slice(x.span.start, x.span.end)]))
      .toEqual([['KP1002', '累积收入']]);
  });
});
