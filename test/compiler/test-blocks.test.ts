// The language's `test` blocks, compiled and run: expectations on results, inputs, lets and exemptions.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { runTests } from '../../runtime/policy-tests/run-tests.js';

const POLICY = `
policy "测试块" version "2021" { }
entity 省局
enum 等级 { 优秀, 称职 }
input 省局 {
  收入实绩: money
  收入目标: money
  案件数: count missing default 0件
  重大舆情: bool missing default false
  截止日期: date
  等级: 等级
}
section 税收 for 省局 points 10 {
  let 完成率 = 收入实绩 / 收入目标
  indicator 组织收入 points 6 {
    let 达标 = 完成率 >= 100%
    score = if 达标 then 6分 else 3分
  }
  indicator 执法 points 4 {
    score = 4分
    exempt when 案件数 == 0件
  }
}
section 专项 for 省局 points 5 {
  indicator 专项工作 points 5 {
    score = 5分
    exempt when 案件数 == 0件
  }
}
fixture 标准 for 省局 { 收入实绩: 100万元, 收入目标: 100万元, 截止日期: 2021-06-30, 等级: 优秀 }
`;

function run(test: string) {
  const r = compile([{ path: 't.kp', text: POLICY + test }]);
  expect(r.diagnostics).toEqual([]);
  return runTests(r.graph!).results[0]!;
}

describe('test blocks', () => {
  it('expect inputs (as written, defaults applied) and lets (of an indicator or a section)', () => {
    const result = run(`test "输入与中间量" {
      省局 甲 like 标准 { 收入实绩: 95万元 }
      expect 甲.收入实绩 == 95万元
      expect 甲.案件数 == 0
      expect 甲.重大舆情 == false
      expect 甲.截止日期 == 2021-06-30
      expect 甲.等级 == 优秀
      expect 甲.完成率 == 95%
      expect 甲.完成率 < 100%
      expect 甲.达标 == false
    }`);
    expect(result).toMatchObject({ passed: true, failures: [] });
  });

  it('report a wrong input or let with the value found', () => {
    const result = run(`test "错" {
      省局 甲 like 标准 { 收入实绩: 95万元 }
      expect 甲.收入实绩 == 100万元
      expect 甲.完成率 == 90%
      expect 甲.达标 == true
    }`);
    expect(result.failures.map((f) => [f.text, f.expected, f.actual])).toEqual([
      ['甲.收入实绩 == 100万元', 1_000_000, 950_000],
      ['甲.完成率 == 90%', 0.9, 0.95],
      ['甲.达标 == true', true, false],
    ]);
  });

  it('expect an indicator or a section to be exempt, in either spelling', () => {
    const result = run(`test "免考" {
      省局 甲 like 标准 { }
      省局 乙 like 标准 { 案件数: 2件 }
      expect 甲.执法 exempt
      预期 甲.专项 免考
      expect 乙.执法 == 4分
    }`);
    expect(result).toMatchObject({ passed: true, failures: [] });
  });

  it('report an indicator expected to be exempt that was scored, with its score', () => {
    const result = run(`test "未免考" {
      省局 乙 like 标准 { 案件数: 2件 }
      expect 乙.执法 exempt
      expect 乙.专项 exempt
    }`);
    expect(result.failures.map((f) => [f.text, f.expected, f.actual])).toEqual([
      ['乙.执法 exempt', true, 4],
      ['乙.专项 exempt', true, 5],
    ]);
  });
});
