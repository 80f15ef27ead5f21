// Test coverage over the indicator tree, computed by hand on small policies: which arms, branches, lines, caps,
// missing-data treatments, tiers, gates, vetoes and tie rules a policy's tests reach.
import { describe, expect, it } from 'vitest';
import { armSites, compile } from '../../compiler/index.js';
import { evaluate, explain } from '../../runtime/index.js';
import { coveragePercent, meetsMinimum, runTestsWithCoverage, type CoverageGroup, type CoverageReport } from '../../runtime/policy-tests/test-coverage.js';

const POLICY = `
policy "覆盖" version "2021" { }
entity 县局
input 县局 {
  完成率: percent
  事故: count
  培训率: percent missing exempt
  违纪: bool missing default false
}
section 业务 for 县局 points 30 {
  indicator 收入 points 10 {
    score = band 完成率 { >= 100%: 10分, >= 90%: 6分, else: 0分 }
  }
  indicator 安全 points 10 {
    score = if 事故 > 0 then 10分 - 2分 * steps(事故, 1件, whole) else 10分
    deduct 3分 when 违纪 cap 2分
  }
  indicator 培训 points 10 {
    score = 培训率 * 10分
  }
}
tiers 等次 for 县局 by total {
  ties by 收入
  优秀 top 50%
  合格 rest
  not 优秀 when 事故 > 2件
  veto when 违纪
}
`;

function coverage(tests: string): CoverageReport {
  const r = compile([{ path: 'p.kp', text: POLICY + tests }]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { results, coverage } = runTestsWithCoverage(r.graph!, armSites);
  expect(results.filter((t) => !t.passed)).toEqual([]);
  return coverage;
}

/** Each element as `group what text: tests`, for exact comparison. */
function table(report: CoverageReport): string[] {
  const all = report.groups.flatMap((g) => [g, ...(g.indicators ?? [])]);
  return all.flatMap((g: CoverageGroup) => [
    ...(g.role === 'indicator' ? [`${g.name}: ${g.tests}`] : []),
    ...g.elements.map((e) => `${g.name} ${e.what}${e.text ? ` ${e.text}` : ''} @${e.span.line}: ${e.tests}`),
  ]);
}

const UNIT = (name: string, values: string) => `  县局 ${name} { ${values} }\n`;

describe('test coverage, by hand', () => {
  it('names the band arm and the if branch no test reached, with where they were written', () => {
    const report = coverage(`
test "收入满分与零分" {
${UNIT('甲', '完成率: 100%, 事故: 1件, 培训率: 100%')}${UNIT('乙', '完成率: 80%, 事故: 1件, 培训率: 100%')}  expect 甲.收入 == 10分
  expect 乙.收入 == 0分
  expect 甲.安全 == 8分
}
`);
    expect(table(report)).toEqual([
      '收入: 1',
      '收入 band_arm >= 100%: 10分 @12: 1',
      '收入 band_arm >= 90%: 6分 @12: 0', // the arm in the middle: no unit between 90% and 100%
      '收入 band_else 0分 @12: 1',
      '安全: 1',
      '安全 then 10分 - 2分 * steps(事故, 1件, whole) @15: 1',
      '安全 else 10分 @15: 0', // every unit had an accident: the else branch was never taken
      '安全 deduct deduct 3分 when 违纪 cap 2分 @16: 0',
      '安全 cap deduct 3分 when 违纪 cap 2分 @16: 0',
      '安全 missing_default 违纪 @8: 1',
      // 培训 is read by no expectation of this test: not covered, though it was evaluated
      '培训: 0',
      '培训 missing_exempt 培训率 @7: 0',
      '等次 tier 优秀 @24: 0',
      '等次 tier 合格 @25: 0',
      '等次 gate_fired not 优秀 when 事故 > 2件 @26: 0',
      '等次 gate_not_fired not 优秀 when 事故 > 2件 @26: 0',
      '等次 veto_fired veto when 违纪 @27: 0',
      '等次 veto_not_fired veto when 违纪 @27: 0',
      '等次 tie_by 收入 @22: 0',
      '等次 tie_shared @22: 0',
    ]);
    // the untested arm is located at the arm itself, not at the indicator
    const band = report.groups[0]!.indicators![0]!.elements[1]!;
    expect([band.span.line, band.span.column]).toEqual([12, 38]);
    expect(report.indicators).toEqual({ reached: 2, total: 3 });
    expect(report.branches).toEqual({ reached: 4, total: 17 });
    expect(coveragePercent(report.branches)).toBe(23.5);
  });

  it('counts a cap that binds, an exemption for missing data, tiers, a gate and a veto that fire, and ties', () => {
    const report = coverage(`
test "分段" {
${UNIT('甲', '完成率: 100%, 事故: 3件, 培训率: 100%')}${UNIT('乙', '完成率: 100%, 事故: 0件, 违纪: true')}${UNIT('丙', '完成率: 95%, 事故: 0件, 培训率: 50%')}${UNIT('丁', '完成率: 95%, 事故: 0件, 培训率: 50%')}  expect 甲.tier == 合格
  expect 乙.安全 == 8分
  expect 乙.培训 exempt
  expect 丙.tier == 优秀
  expect 丁.tier == 优秀
}
`);
    const rows = table(report);
    expect(rows).toContain('安全 deduct deduct 3分 when 违纪 cap 2分 @16: 1');
    expect(rows).toContain('安全 cap deduct 3分 when 违纪 cap 2分 @16: 1');
    expect(rows).toContain('培训 missing_exempt 培训率 @7: 1');
    expect(rows).toContain('等次 tier 优秀 @24: 1');
    expect(rows).toContain('等次 tier 合格 @25: 1');
    expect(rows).toContain('等次 gate_fired not 优秀 when 事故 > 2件 @26: 1'); // 甲, first on the total, kept out
    expect(rows).toContain('等次 gate_not_fired not 优秀 when 事故 > 2件 @26: 1');
    expect(rows).toContain('等次 veto_fired veto when 违纪 @27: 1'); // 乙
    expect(rows).toContain('等次 veto_not_fired veto when 违纪 @27: 1');
    // 丙 and 丁 are equal on the total and on 收入, so they share a place; no two units differ only by 收入
    expect(rows).toContain('等次 tie_shared @22: 1');
    expect(rows).toContain('等次 tie_by 收入 @22: 0');
    expect(report.indicators).toEqual({ reached: 3, total: 3 });
  });

  it('counts a tie broken by the key of `ties by`', () => {
    const report = coverage(`
test "并列依据收入" {
${UNIT('甲', '完成率: 100%, 事故: 1件, 培训率: 80%')}${UNIT('乙', '完成率: 90%, 事故: 0件, 培训率: 80%')}  expect 甲.tier == 优秀
  expect 乙.tier == 合格
}
`);
    // 甲: 10 + 8 + 8 = 26; 乙: 6 + 10 + 8 = 24: no tie, so 收入 decided none
    expect(table(report)).toContain('等次 tie_by 收入 @22: 0');
    const tied = coverage(`
test "并列依据收入" {
${UNIT('甲', '完成率: 100%, 事故: 2件, 培训率: 100%')}${UNIT('乙', '完成率: 90%, 事故: 0件, 培训率: 100%')}  expect 甲.tier == 优秀
  expect 乙.tier == 合格
}
`);
    // 甲: 10 + 6 + 10 = 26; 乙: 6 + 10 + 10 = 26: tied on the total, 收入 (10 > 6) decides
    expect(table(tied)).toContain('等次 tie_by 收入 @22: 1');
    expect(table(tied)).toContain('等次 tie_shared @22: 0');
  });

  it('adds up over tests: an element reached by two tests counts two', () => {
    const one = `
test "一" {
${UNIT('甲', '完成率: 100%, 事故: 0件, 培训率: 100%')}  expect 甲.收入 == 10分
}
`;
    const report = coverage(one + one.replace('"一"', '"二"'));
    expect(table(report)).toContain('收入 band_arm >= 100%: 10分 @12: 2');
    expect(report.tests).toBe(2);
  });

  it('decides a minimum exactly', () => {
    expect(meetsMinimum({ reached: 9, total: 10 }, 0.9)).toBe(true);
    expect(meetsMinimum({ reached: 89, total: 100 }, 0.9)).toBe(false);
    expect(meetsMinimum({ reached: 2, total: 3 }, 0.6667)).toBe(false);
    expect(meetsMinimum({ reached: 0, total: 0 }, 1)).toBe(true);
    expect(coveragePercent({ reached: 1999, total: 2000 })).toBe(99.9); // never shown as 100%
  });

  it('leaves evaluation and explanations as they were', () => {
    const r = compile([{ path: 'p.kp', text: POLICY }]);
    const data = { units: [{ id: '甲', kind: '县局', inputs: { 完成率: 0.95, 事故: 1, 培训率: 1 } }] };
    const before = [evaluate(r.graph!, data), explain(r.graph!, data, '甲')];
    runTestsWithCoverage(r.graph!, armSites);
    expect([evaluate(r.graph!, data), explain(r.graph!, data, '甲')]).toEqual(before);
  });
});
