// A unit of a columnar evaluation is explained as the reference evaluator explains it from the same data:
// the same trace, item for item, with record lists made for that unit only.
import { describe, expect, it } from 'vitest';
import { compileFolder } from './compile-helper.js';
import { explain } from '../../runtime/explanation/explain-unit.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { renderTrace } from '../../runtime/explanation/render-trace.js';
import { run } from '../../runtime/evaluation/evaluate.js';
import { explainEvaluated } from '../../runtime/explanation/explain.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';

describe('explanations of columnar data evaluated by the kernels', () => {
  it.each(['tax-provincial-2021', 'county-individual-2021'])('%s: every unit of generated data, as explain() traces it', (policy) => {
    const graph = compileFolder(`policies/${policy}`);
    const data = generateColumnar(graph, 150, 11);
    // Read and checked once: each reference explanation evaluates every unit again, but need not re-read them.
    const json = checkDataset(graph, readJsonDataset(columnarToJson(graph, data)));
    const e = run(graph, data, { backend: 'kernels' });
    expect(e.state).not.toBeNull();
    const state = e.state!;
    let explained = 0;
    for (const units of state.kinds.values())
      for (const id of units.ids) {
        const reference = explain(graph, json, id, { backend: 'reference' });
        expect(reference.trace).not.toBeNull();
        expect([id, explainEvaluated(state, id, {}, null)]).toEqual([id, reference]);
        explained++;
      }
    expect(explained).toBeGreaterThan(150);
    // One indicator at a time, as `explain --indicator` asks.
    const kind = graph.kinds[graph.kinds.length - 1]!.name;
    const indicator = graph.nodes.find((n) => n.role === 'indicator' && n.kind === kind)!;
    const id = state.kinds.get(kind)!.ids[3]!;
    const one = explainEvaluated(state, id, { indicator: indicator.name }, null).trace!;
    expect(renderTrace(one)).toBe(renderTrace(explain(graph, json, id, { indicator: indicator.name, backend: 'reference' }).trace!));
  }, 180_000); // about 10 s alone; several times that on two busy cores
});
