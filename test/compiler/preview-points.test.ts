// compile(…, { preview: true }): a section whose points do not add up still reports KP3001 as an error, and the
// editor's preview evaluates it with the points it states (capped at them), so an author can try things.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { checkDataset, evaluate, readJsonDataset } from '../../runtime/index.js';

const SOURCE = `policy "试算" version "2021" { }
entity 局
input 局 { 甲: percent }
section 业务 for 局 points 10 {
  indicator 一 points 6 { score = 甲 * 6分 }
  indicator 二 points 6 { score = 6分 }
}
`;

describe('the preview of a points mismatch', () => {
  it('is an error that stops the graph, except for the preview', () => {
    const strict = compile([{ path: 'p.kp', text: SOURCE }]);
    expect([strict.graph, strict.diagnostics.map((d) => d.code)]).toEqual([null, ['KP3001']]);
    const preview = compile([{ path: 'p.kp', text: SOURCE }], { preview: true });
    expect(preview.diagnostics.map((d) => [d.code, d.severity])).toEqual([['KP3001', 'error']]);
    const section = preview.graph!.nodes.find((n) => n.role === 'section');
    expect(section).toMatchObject({ name: '业务', points: 10, cap: true });
  });

  it('scores the section at most its stated points: 6 + 6 = 12 → 10, 3 + 6 = 9 stays', () => {
    const graph = compile([{ path: 'p.kp', text: SOURCE }], { preview: true }).graph!;
    const raw = readJsonDataset({ units: [{ id: 'a', kind: '局', inputs: { 甲: 1 } }, { id: 'b', kind: '局', inputs: { 甲: 0.5 } }] });
    const results = evaluate(graph, checkDataset(graph, raw)).results!;
    expect(results.units.map((u) => [u.id, u.sections['业务']!.score, u.total])).toEqual([['a', 10, 10], ['b', 9, 9]]);
  });

  it('lets no other error through', () => {
    const broken = SOURCE.replace('score = 6分', 'score = 6万元');
    expect(compile([{ path: 'p.kp', text: broken }], { preview: true }).graph).toBeNull();
  });
});
