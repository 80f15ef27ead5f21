// An unguarded read of a rank among the eligible: the compiler warns (KP2022) where a unit outside the eligible
// would fail at run time (KR301), and is silent where the rule tests the condition first, which then scores
// every unit.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluate } from '../../runtime/index.js';
import { column, data, results } from './language-case.js';

const source = (score: string) => `体系 "入围判断" 版本 "2021" { }
实体 县局
输入 县局 { 收入: 金额  增长率: 百分比 }
板块 收入板块 适用 县局 分值 10 {
  令 入围 = 增长率 >= 5%
  指标 增长排名 分值 10 { 得分 = ${score} }
}
`;
const UNGUARDED = source('如果 排名(收入 其中 入围) <= 1 则 10分 否则 6分');
const GUARDED = source('如果 入围 则 (如果 排名(收入 其中 入围) <= 1 则 10分 否则 6分) 否则 2分');
// 甲 and 乙 grew 5% or more (甲 has the larger income); 丙 did not.
const units = data('县局', { 甲: { 收入: 300, 增长率: 0.08 }, 乙: { 收入: 200, 增长率: 0.05 }, 丙: { 收入: 900, 增长率: 0.01 } });

const codes = (text: string) => compile([{ path: 'p.kp', text }]).diagnostics.map((d) => `${d.severity} ${d.code}`);

describe('an unguarded read of a rank among the eligible', () => {
  it('is warned at compile time, and fails for the unit outside at run time', () => {
    expect(codes(UNGUARDED)).toEqual(['warning KP2022']);
    const graph = compile([{ path: 'p.kp', text: UNGUARDED }]).graph!;
    const r = evaluate(graph, units, { backend: 'reference' });
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((i) => `${i.code} ${i.unit}`))).toEqual(new Set(['KR301 丙']));
  });
  it('tested first, is not warned and scores every unit: 甲 first of the eligible, 乙 second, 丙 outside', () => {
    expect(codes(GUARDED)).toEqual([]);
    const graph = compile([{ path: 'p.kp', text: GUARDED }]).graph!;
    expect(column(results(graph, units), (u) => u.indicators['增长排名']!.score)).toEqual({ 甲: 10, 乙: 6, 丙: 2 });
  });
});
