import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/index.js';
import { semanticDiff } from '../../review/semantic-diff.js';
import type { RuleGraph } from '../../graph/graph.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
function graphOf(text: string): RuleGraph {
  const { graph, diagnostics } = compile([{ path: 'p.kp', text }]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return graph!;
}

describe('semantic diff', () => {
  const before = graphOf(fixture('small-2021.kp'));
  const after = graphOf(fixture('small-2022.kp'));

  it('finds nothing between a policy and itself, however it is laid out', () => {
    const relaid = fixture('small-2021.kp').replace(/\n  indicator/g, '\n\n  indicator  ').replace('收入实绩 / 收入目标', '(收入实绩) / 收入目标');
    const diff = semanticDiff(before, graphOf(relaid));
    expect(diff.changes).toEqual([]);
    expect(diff.policy).toEqual([]);
  });

  it('reports the changed value of a parameter a rule uses, though the rule reads the same', () => {
    const withParam = (v: string) => graphOf(fixture('small-2021.kp').replace('deduct 2分 when 重大舆情', 'deduct 舆情扣分 when 重大舆情') + `\nparam 舆情扣分 = ${v}\n`);
    const c = semanticDiff(withParam('2分'), withParam('3分')).changes.find((x) => x.name === '舆情')!;
    expect(c.fields).toEqual([{ field: 'rule: a parameter or constant it uses', label: 'rule: a parameter or constant it uses', before: '2', after: '3' }]);
  });

  it('reports an indicator that went to another section as moved', () => {
    const split = fixture('small-2021.kp')
      .replace('section 税收改革发展 for 省局 points 20 {', 'section 税收改革发展 for 省局 points 10 {')
      .replace('  indicator 舆情 points 10 {\n    method 人工\n    deduct 2分 when 重大舆情\n  }\n}', '}\nsection 工作运转 for 省局 points 10 {\n  indicator 舆情 points 10 {\n    method 人工\n    deduct 2分 when 重大舆情\n  }\n}');
    const moved = semanticDiff(before, graphOf(split)).changes.find((c) => c.name === '舆情')!;
    expect(moved).toMatchObject({ item: 'indicator', status: 'moved', section: '工作运转' });
    expect(moved.fields).toEqual([{ field: 'section', label: 'section', before: '税收改革发展', after: '工作运转' }]);
  });

  it('sees a rename with a changed rule, a changed method, a moved quota and the points per method', () => {
    const diff = semanticDiff(before, after);
    expect(diff.renames).toEqual({ 组织收入: '收入组织' });
    const renamed = diff.changes.find((c) => c.status === 'renamed')!;
    expect(renamed).toMatchObject({ item: 'indicator', kind: '省局', name: '收入组织', oldName: '组织收入', section: '税收改革发展' });
    expect(renamed.fields.map((f) => f.field)).toEqual(['rule']);
    expect(renamed.fields[0]!.before).toContain('score = 10分 - 0.2分 * steps(100% - 完成率, 1%, whole)');
    expect(renamed.fields[0]!.after).toContain('score = 10分 - 0.3分 * steps(100% - 完成率, 1%, whole)');
    expect(diff.changes.find((c) => c.name === '舆情')!.fields).toEqual([{ field: 'method', label: 'method', before: 'manual', after: 'machine' }]);
    expect(diff.changes.find((c) => c.item === 'tiers')!.fields).toEqual([{ field: 'tier 第一段', label: 'tier 第一段', before: 'top 30%', after: 'top 35%' }]);
    expect(diff.policy).toContainEqual({ field: 'version', label: 'version', before: '2021', after: '2022' });
    expect(diff.pointsByMethod).toEqual([
      { kind: '省局', name: 'machine', before: 10, after: 20 },
      { kind: '省局', name: 'manual', before: 10, after: null },
    ]);
  });

  it('reports an indicator with a different rule and name as removed and added, not renamed', () => {
    const other = fixture('small-2021.kp').replace('indicator 舆情 points 10 {\n    method 人工\n    deduct 2分 when 重大舆情', 'indicator 宣传 points 10 {\n    method 人工\n    score = if 重大舆情 then 3分 else 10分');
    const diff = semanticDiff(before, graphOf(other));
    expect(diff.renames).toEqual({});
    expect(diff.changes.filter((c) => c.item === 'indicator').map((c) => [c.status, c.name])).toEqual([
      ['removed', '舆情'],
      ['added', '宣传'],
    ]);
  });
});
