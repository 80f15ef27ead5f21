// Rank among the eligible: `排名(X 其中 C)`, `排名(X 其中 C, 升序)`, `百分位(X 其中 C)`, `同级均值(X 其中 C)`.
// Filter, then rank: only the units meeting C take a place or count in the statistic; the others get none,
// and the rule states their score. Hand-computed, with ties among the eligible and an empty eligible set.
import { describe, expect, it } from 'vitest';
import { changeOf, column, data, explanationGolden, policy, results } from './language-case.js';

const SOURCE = `体系 "入围排名" 版本 "2021" { }
实体 县局
输入 县局 {
  收入: 金额
  增长率: 百分比
}
板块 收入板块 适用 县局 分值 40 {
  指标 增长排名 分值 10 {
    令 入围 = 增长率 >= 5%
    得分 = 如果 入围 则 (如果 排名(收入 其中 入围) <= 1 则 10分 否则 6分) 否则 2分
  }
  指标 末位 分值 10 {
    得分 = 如果 增长率 >= 5% 则 (如果 排名(收入 其中 增长率 >= 5%, 升序) == 1 则 0分 否则 10分) 否则 5分
  }
  指标 百分位得分 分值 10 {
    得分 = 如果 增长率 >= 5% 则 10分 * 百分位(收入 其中 增长率 >= 5%) 否则 0分
  }
  指标 高于均值 分值 10 {
    得分 = 如果 收入 >= 同级均值(收入 其中 增长率 >= 5%) 且 增长率 >= 5% 则 10分 否则 5分
  }
}
`;
const graph = policy(SOURCE);
const scores = (r: ReturnType<typeof results>) =>
  column(r, (u) => ['增长排名', '末位', '百分位得分', '高于均值'].map((name) => u.indicators[name]!.score));

// 戊 has the most 收入 but grew 2%: outside the eligible, it takes no place. Among 甲 50, 己 40, 丙 30, 丁 30:
// ranks 1, 2, 3, 3 (丙 and 丁 share third); from the lowest 4, 3, 1, 1; percentiles 1, 2/3, 0, 0; mean 37.5.
const UNITS = {
  甲: { 收入: 50, 增长率: 0.06 },
  乙: { 收入: 40, 增长率: 0.01 },
  丙: { 收入: 30, 增长率: 0.05 },
  丁: { 收入: 30, 增长率: 0.07 },
  戊: { 收入: 60, 增长率: 0.02 },
  己: { 收入: 40, 增长率: 0.1 },
};

describe('rank among the units that meet a condition', () => {
  it('ranks, ranks from the lowest, takes percentiles and the mean among the eligible only', () => {
    expect(scores(results(graph, data('县局', UNITS)))).toEqual({
      甲: [10, 10, 10, 10],
      乙: [2, 5, 0, 5],
      丙: [6, 0, 0, 5],
      丁: [6, 0, 0, 5],
      戊: [2, 5, 0, 5],
      己: [6, 10, 6.67, 10],
    });
  });
  it('gives the units the condition leaves out no place: ranked over all, 戊 would take first place', () => {
    const all = policy(SOURCE.replace('排名(收入 其中 入围)', '排名(收入)'));
    expect(column(results(all, data('县局', UNITS)), (u) => u.indicators['增长排名']!.score)).toMatchObject({ 甲: 6 });
  });
  it('with no unit eligible, gives none a rank: every unit takes the stated score', () => {
    const none = { 甲: { 收入: 50, 增长率: 0.01 }, 乙: { 收入: 40, 增长率: 0.04 }, 丙: { 收入: 30, 增长率: 0 } };
    expect(scores(results(graph, data('县局', none)))).toEqual({ 甲: [2, 5, 0, 5], 乙: [2, 5, 0, 5], 丙: [2, 5, 0, 5] });
  });
  it('with one unit eligible, ranks it first and at percentile 0', () => {
    const one = { 甲: { 收入: 50, 增长率: 0.01 }, 乙: { 收入: 40, 增长率: 0.09 } };
    expect(scores(results(graph, data('县局', one)))).toEqual({ 甲: [2, 5, 0, 5], 乙: [10, 0, 0, 10] });
  });
  it('explains the place among the eligible, and a unit the condition leaves out', () => {
    explanationGolden('rank-among-丁.txt', graph, data('县局', UNITS), '丁');
    explanationGolden('rank-among-戊.txt', graph, data('县局', UNITS), '戊');
  });
});

describe('the semantic diff of a changed eligibility condition', () => {
  it('shows the rule with its condition', () => {
    const c = changeOf(SOURCE, SOURCE.replace('百分位(收入 其中 增长率 >= 5%)', '百分位(收入 其中 增长率 >= 3%)'), '百分位得分')!;
    expect(c.fields).toContainEqual({
      field: 'rule', label: 'rule',
      before: 'score = 如果 增长率 >= 5% 则 10分 * 百分位(收入 其中 增长率 >= 5%) 否则 0分',
      after: 'score = 如果 增长率 >= 5% 则 10分 * 百分位(收入 其中 增长率 >= 3%) 否则 0分',
    });
  });
});

// `(X 其中 C) 位列 前 P`: among the eligible by X; a unit C leaves out is not among them (false, not missing).
const IN_TOP = `体系 "入围前几名" 版本 "2021" { }
实体 县局
输入 县局 {
  收入: 金额
  增长率: 百分比
  差错: 计数 缺失 默认 0件
}
板块 收入板块 适用 县局 分值 10 {
  指标 入围前二 分值 10 {
    得分 = 如果 (收入 其中 增长率 >= 5%) 位列 前 2名 则 10分 否则 如果 (收入 其中 增长率 >= 5%) 位列 后 50% 则 0分 否则 5分
  }
}
分段 等次 适用 县局 依据 总分 {
  优秀 前 50%
  一般 其余
  非 优秀 当 (差错 其中 增长率 >= 5%) 位列 前 1名
}
`;
const inTop = policy(IN_TOP);
const ERRORS = { 甲: { 差错: 2 }, 乙: { 差错: 5 } } as Record<string, Record<string, number>>;
const withErrors = Object.fromEntries(Object.entries(UNITS).map(([id, u]) => [id, { ...u, ...ERRORS[id] }]));

describe('in top / bottom among the units that meet a condition', () => {
  it('takes the places among the eligible: 甲 and 己 the top two, 丙 and 丁 sharing the bottom half; the others neither', () => {
    const r = results(inTop, data('县局', withErrors));
    expect(column(r, (u) => u.indicators['入围前二']!.score)).toEqual({ 甲: 10, 乙: 5, 丙: 0, 丁: 0, 戊: 5, 己: 10 });
  });
  it('gates only an eligible unit: 乙 has the most errors but grew 1%, so 甲 is the one out of 优秀', () => {
    const r = results(inTop, data('县局', withErrors));
    // totals 甲 10, 己 10, 乙 5, 戊 5, 丙 0, 丁 0: 优秀 takes 3 places, 甲 passed over for 乙 and 戊 (tied)
    expect(column(r, (u) => u.tier)).toEqual({ 甲: '一般', 乙: '优秀', 丙: '一般', 丁: '一般', 戊: '优秀', 己: '优秀' });
  });
  it('with no unit eligible, none is in the top or the bottom, and no unit is gated', () => {
    const none = { 甲: { 收入: 50, 增长率: 0.01, 差错: 3 }, 乙: { 收入: 40, 增长率: 0.04 } };
    const r = results(inTop, data('县局', none));
    expect(column(r, (u) => u.indicators['入围前二']!.score)).toEqual({ 甲: 5, 乙: 5 });
    // tied at 5分 at the edge of 优秀 (1 place of 2), both enter; 甲's 3 errors gate nothing
    expect(column(r, (u) => u.tier)).toEqual({ 甲: '优秀', 乙: '优秀' });
  });
  it('explains the gate with the place among the eligible', () => {
    explanationGolden('rank-among-gate-甲.txt', inTop, data('县局', withErrors), '甲');
  });
  it('explains a gate that held for a unit the condition leaves out: not among the eligible', () => {
    const orErrors = policy(IN_TOP.replace('位列 前 1名\n}', '位列 前 1名 或 差错 > 4件\n}'));
    explanationGolden('rank-among-gate-乙.txt', orErrors, data('县局', withErrors), '乙');
  });
  it('the semantic diff shows the condition beside the places', () => {
    const c = changeOf(IN_TOP, IN_TOP.replace('(差错 其中 增长率 >= 5%) 位列 前 1名', '(差错 其中 增长率 >= 3%) 位列 前 1名'), '等次')!;
    expect(c.fields).toEqual([
      { field: 'gates', label: 'gates', before: '非 优秀 当 (差错 其中 增长率 >= 5%) 位列 前 1名', after: '非 优秀 当 (差错 其中 增长率 >= 3%) 位列 前 1名' },
    ]);
  });
});
