// The embedding API: loading graphs (tampered ones rejected with a path), determinism, the published
// results schema, policy tests, and the docs/runtime.md example.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, explain, loadGraph, renderTrace, resultsJsonSchema, resultsSchema, runTests } from '../../runtime/index.js';
import type { RuleGraph } from '../../graph/graph.js';
import { compileFolder } from './compile-helper.js';
import { adjust, cmp, en, field, graph, indicator, input, lit, numT, op, ref, section, span, tier, tiers, total } from './build-graph.js';

const K = '省局';
const g: RuleGraph = graph(
  [
    input(K, '实绩', numT('money')),
    input(K, '目标', numT('money')),
    input(K, '检查发现', { t: 'list', record: '检查发现' }),
    indicator(K, '收入', 10, { section: 'S', base: op('*', lit(10), op('/', ref(`${K}.实绩`), ref(`${K}.目标`))) }),
    indicator(K, '执法', 5, { section: 'S', adjustments: [adjust('deduct', lit(0.5), { per: ref(`${K}.检查发现`), where: cmp('==', field('类别'), en('执法')) })] }),
    section(K, 'S', 15, ['收入', '执法']),
    total(K, ['S']),
    tiers(K, '分段', `${K}.total`, [tier('第一段', { kind: 'top', share: 0.3 }), tier('第二段', null, { rest: true })]),
  ],
  { records: [{ name: '检查发现', fields: [{ name: '类别', type: { t: 'enum', name: null, values: ['执法', '服务'] } }] }] },
);

describe('loadGraph', () => {
  it('accepts a graph that went through JSON', () => {
    const r = loadGraph(JSON.stringify(g));
    expect(r.issues).toEqual([]);
    expect(r.graph).toEqual(g);
  });
  it('rejects another format number, a wrong shape, a missing node and a node that comes too late, naming the path', () => {
    expect(loadGraph({ ...g, format: 2 }).issues.map((i) => i.message)).toEqual(['规则图 format：格式版本为 2，本运行时只读取格式 1']);
    const shape = JSON.parse(JSON.stringify(g));
    shape.nodes[3].points = 'ten';
    expect(loadGraph(shape).issues[0]!.path).toBe('nodes[3].points');
    const missing = JSON.parse(JSON.stringify(g));
    missing.nodes[3].base.b.b.id = '省局.没有';
    expect(loadGraph(missing).issues.map((i) => i.message)).toEqual(['规则图 nodes[3].base.b.b.id：引用了不存在的节点「省局.没有」']);
    const late = JSON.parse(JSON.stringify(g));
    [late.nodes[0], late.nodes[4]] = [late.nodes[4], late.nodes[0]];
    expect(loadGraph(late).issues.map((i) => i.path)).toContain('nodes[0].adjustments[0].per.id');
    expect(loadGraph('{').graph).toBeNull();
  });
});

const rows = [
  { id: '北京', kind: K, name: '北京市', inputs: { 实绩: 98, 目标: 100, 检查发现: [{ 类别: '执法' }] } },
  { id: '天津', kind: K, inputs: { 实绩: 100, 目标: 100, 检查发现: [] } },
  { id: '河北', kind: K, inputs: { 实绩: 99.5, 目标: 100, 检查发现: [{ 类别: '服务' }] } },
  { id: '山西', kind: K, inputs: { 实绩: 100, 目标: 100, 检查发现: [{ 类别: '执法' }, { 类别: '执法' }] } },
  { id: '内蒙古', kind: K, inputs: { 实绩: 90, 目标: 100, 检查发现: [] } },
];

describe('determinism', () => {
  it('the same units in any order give byte-identical results (with traces)', () => {
    const reference = JSON.stringify(evaluate(g, { units: rows }, { traces: true }).results);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (shuffled) => {
        expect(JSON.stringify(evaluate(g, { units: shuffled }, { traces: true }).results)).toBe(reference);
      }),
      { numRuns: 30 },
    );
  });
  it('units are sorted by kind, then rank, then id; ties share a rank', () => {
    const r = evaluate(g, { units: rows }).results!;
    // 天津 10 + 5 = 15; 河北 9.95 + 5 = 14.95; 山西 10 + 4 = 14; 北京 9.8 + 4.5 = 14.3; 内蒙古 9 + 5 = 14
    expect(r.units.map((u) => [u.id, u.total, u.rank])).toEqual([
      ['天津', 15, 1], ['河北', 14.95, 2], ['北京', 14.3, 3], ['内蒙古', 14, 4], ['山西', 14, 4],
    ]);
  });
});

/** Compare with a reviewed golden file beside this test; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, text: string): void {
  const file = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('golden output', () => {
  it('results with traces', () => {
    golden('results.json', JSON.stringify(evaluate(g, { units: rows }, { traces: true }).results, null, 2) + '\n');
  });
  it('a rendered explanation', () => {
    golden('explain-北京.txt', renderTrace(explain(g, { units: rows }, '北京').trace!));
  });
});

describe('results schema', () => {
  it('results validate against the schema', () => {
    const r = evaluate(g, { units: rows }, { traces: true }).results!;
    expect(resultsSchema.safeParse(r).success).toBe(true);
  });
  it('runtime/results/results.schema.json is up to date (UPDATE_GOLDEN=1 rewrites it)', () => {
    const file = fileURLToPath(new URL('../../runtime/results/results.schema.json', import.meta.url));
    const text = JSON.stringify(resultsJsonSchema(), null, 2) + '\n';
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('runTests', () => {
  it('runs test blocks through evaluate and reports failures with expected and actual values', () => {
    const expectSpan = { ...span, line: 7 };
    const withTests: RuleGraph = {
      ...g,
      tests: [
        {
          title: '完成率98%',
          span,
          units: [
            { kind: K, id: '甲', values: { 实绩: 98, 目标: 100, 检查发现: [] } },
            { kind: K, id: '乙', values: { 实绩: 100, 目标: 100, 检查发现: [{ 类别: '执法' }] } },
          ],
          expects: [
            { unit: '甲', target: { node: `${K}.收入` }, op: '==', value: 9.8, text: '甲.收入 == 9.8分', span },
            { unit: '乙', target: { rank: true }, op: '==', value: 2, text: '乙.rank == 2', span }, // 甲 9.8 + 5 = 14.8 > 乙 10 + 4.5 = 14.5
            { unit: '乙', target: { tier: `${K}.分段` }, op: '==', value: '第二段', text: '乙.tier == 第二段', span }, // 30% of 2 → 1 place
            { unit: '甲', target: { node: `${K}.total` }, op: '>', value: 15, text: '甲.total > 15分', span: expectSpan },
          ],
        },
        { title: '坏数据', span, units: [{ kind: K, id: '丙', values: { 实绩: 'x', 目标: 1, 检查发现: [] } }], expects: [] },
      ],
    };
    const { results } = runTests(withTests);
    expect(results[0]).toEqual({
      title: '完成率98%',
      passed: false,
      failures: [{ text: '甲.total > 15分', expected: 15, actual: 14.8, dim: 'points', places: 2, span: expectSpan }],
    });
    expect(results[1]!.passed).toBe(false);
    expect(results[1]!.failures[0]!.text).toContain('应为数值，实为 "x"');
  });
});

describe('docs/runtime.md example', () => {
  it('runs as written', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../docs/runtime.md', import.meta.url)), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // The example reads a compiled graph and data from files; give it this test's graph and data.
    const lines: string[] = [];
    const fakeFs = { readFileSync: (p: string) => (p.endsWith('graph.json') ? JSON.stringify(g) : JSON.stringify({ units: rows })) };
    const runtime = await import('../../runtime/index.js');
    const body = block!.replace(/^import .*$/gm, '');
    new Function('runtime', 'fs', 'console', `const { loadGraph, evaluate, explain, renderTrace } = runtime; const { readFileSync } = fs;\n${body}`)(
      runtime,
      fakeFs,
      { log: (...a: unknown[]) => lines.push(a.join(' ')) },
    );
    expect(lines[0]).toBe('15 1 第一段');
    expect(lines.join('\n')).toContain('【总分】15分 = S15分');
  });
});

describe('progress', () => {
  it('onProgress is called once per node, counting up to the total', () => {
    const calls: [number, number][] = [];
    const data = { units: [{ id: 'a', kind: K, inputs: { 实绩: 1, 目标: 1, 检查发现: [] } }] };
    evaluate(g, data, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual(g.nodes.map((_, i) => [i + 1, g.nodes.length]));
  });
  it('an aggregated period counts the node evaluations of every part and of the period', () => {
    const policy = compileFolder('policies/tax-provincial-2021');
    const data = readFileSync('policies/tax-provincial-2021/data/results.json', 'utf8');
    const calls: [number, number][] = [];
    const r = evaluate(policy, data, { period: '2021', onProgress: (done, total) => calls.push([done, total]) });
    expect(r.results).not.toBeNull();
    const total = calls[0]![1];
    expect(total).toBeGreaterThan(policy.nodes.length); // the quarterly indicators are evaluated in four parts too
    expect(calls).toEqual(calls.map((_, i) => [i + 1, total]));
  });
});
