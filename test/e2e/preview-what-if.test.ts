// The preview's what-if against the saved version and its grouped explanations, over the real compiler and
// runtime on the bundled policy and its sample data (what the editor's worker runs).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { evaluatePreview, explainUnit, whatIfAgainst } from '../../editor/src/language/preview-model.js';

const DIR = 'policies/tax-provincial-2021';
const saved = readdirSync(DIR).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: `${DIR}/${f}`, text: readFileSync(`${DIR}/${f}`, 'utf8') }));
const data = [{ name: 'results.json', bytes: new Uint8Array(readFileSync(`${DIR}/data/results.json`)) }];

function preview(sources: typeof saved) {
  const graph = compile(sources, { preview: true }).graph;
  const outcome = graph ? evaluatePreview(graph, 'results.json', data, 'zh') : { model: null, data: null, issues: [] };
  return { graph, model: outcome.model, issue: outcome.issues[0] ?? null, data: outcome.data };
}

describe('what-if against the saved version', () => {
  const before = preview(saved);

  it('finds no change when the edit changes nothing the results read', () => {
    const edited = saved.map((s) => ({ ...s, text: `# 注释\n${s.text}` }));
    expect(whatIfAgainst(before, preview(edited).model!)).toEqual({ changed: [], error: null });
  });

  it('lists the units whose total, rank or tier moves, with both standings', () => {
    const edited = saved.map((s) => ({ ...s, text: s.text.replace('指标 组织收入 分值 6', '指标 组织收入 分值 3').replace('指标 收入质量 分值 2', '指标 收入质量 分值 5') }));
    const now = preview(edited).model!;
    const { changed, error } = whatIfAgainst(before, now);
    expect(error).toBeNull();
    const tiers = changed.filter((u) => u.before?.tier !== u.after?.tier);
    expect(tiers.length).toBeGreaterThan(0);
    // Each change is the difference of the two previews' totals for that unit.
    for (const u of changed) {
      const was = before.model!.kinds.flatMap((k) => k.units).find((x) => x.id === u.id)!;
      const is = now.kinds.flatMap((k) => k.units).find((x) => x.id === u.id)!;
      expect([u.before?.total, u.after?.total, u.before?.tier, u.after?.tier]).toEqual([was.total, is.total, was.tier, is.tier]);
    }
  });

  it('says when the saved version does not compile', () => {
    const broken = saved.map((s) => ({ ...s, text: s.text.replace('得分 = 6分 - 0.5分', '得分 = 6万元 - 0.5分') }));
    expect(whatIfAgainst(preview(broken), before.model!).error).toEqual({ savedBroken: true });
  });
});

describe('a total explained', () => {
  it('is grouped: the tier and rank first, then each section, then bonuses', () => {
    const { graph, data: loaded } = preview(saved);
    const explained = explainUnit(graph!, loaded!, '深圳', null, 'zh');
    expect(explained.groups.map((g) => g.section ?? g.kind)).toEqual(['standing', '党的全面领导', '各方多维评价', '工作运转保障', '税收改革发展', 'other']);
    const standing = explained.groups[0]!.lines;
    expect(standing.filter((l) => !/^\s/.test(l)).map((l) => /^【[^】]+】/.exec(l)![0])).toEqual(['【年度分段】', '【名次】', '【总分】']);
    // 深圳's tier is held back by a gate: the reason comes right under its tier, before anything else.
    expect(standing[1]).toMatch(/^\s+第二段/);
    expect(standing[2]).toMatch(/^\s+限制/);
    expect(explained.groups.at(-1)!.lines[0]).toMatch(/^【加分 创先争优】/);
  });
});
