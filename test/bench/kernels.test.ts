// The fast backend gives the reference evaluator's results byte for byte (JSON path and columnar path),
// and the benchmark machinery runs end to end on tiny sizes (no timing assertions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { compileKernels } from '../../runtime/evaluation/kernels/kernels.js';
import { run } from '../../runtime/evaluation/evaluate.js';
import { buildResults } from '../../runtime/results/results.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { generatedPolicy, measureBaselines, measureColumnar, measureJsonRulesEngine, compileGraph } from '../../bench/measure.js';

describe.each(['tax-provincial-2021', 'tax-provincial-2022', 'county-individual-2021'])('kernels on %s', (policy) => {
  const graph = compileFolder(`policies/${policy}`);
  const kernels = compileKernels(graph);
  it('cover every scored node', () => {
    for (const n of graph.nodes) if (!['input', 'relation', 'tiers'].includes(n.role)) expect([n.name, kernels.byId.has(n.id)]).toEqual([n.name, true]);
  });
  it('give byte-identical results on random data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 60 }), (seed, units) => {
        const data = generateColumnar(graph, units, seed);
        const json = columnarToJson(graph, data);
        const reference = JSON.stringify(evaluate(graph, json, { backend: 'reference' }));
        expect(JSON.stringify(evaluate(graph, json, { backend: 'kernels' }))).toBe(reference);
        const c = run(graph, data, { backend: 'kernels' });
        const ref = JSON.parse(reference);
        expect(c.state ? JSON.stringify(buildResults(c.state, null, new Map(), c.issues, false)) : null).toBe(ref.results ? JSON.stringify(ref.results) : null);
      }),
      { numRuns: 15 },
    );
  });
  it('generate source without any text from the policy', () => {
    for (const k of kernels.byId.values()) expect(k.source).toMatch(/^[\x09\x0a\x20-\x7e]*$/);
  });
});

describe('benchmark machinery on tiny sizes', () => {
  const tax = compileFolder('policies/tax-provincial-2021');
  it('measures columnar evaluation, json-rules-engine and the baselines', async () => {
    expect((await measureColumnar(tax, 20, 1)).units).toBe(22);
    expect((await measureJsonRulesEngine(tax, 20, 1)).rules).toBeGreaterThan(30);
    const b = await measureBaselines(tax, 20, 1);
    expect(b.columnar.units).toBe(20);
  });
  it('generates a policy of many indicators that compiles', () => {
    const g = compileGraph([generatedPolicy(45)]);
    expect(g.nodes.filter((n) => n.role === 'indicator')).toHaveLength(45);
  });
});
