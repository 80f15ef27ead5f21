// The exported json-rules-engine rules on every generated unit, incomplete ones and units of other kinds
// included: the engine runs without an exception, and each fired rule's score is kaoping's indicator score
// (indicators without linked deductions, which the export leaves out by design).
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { exportJsonRulesEngine, registerKaopingExtensions, type EngineLike } from '../../export/json-rules-engine.js';
import { run } from '../../runtime/evaluation/evaluate.js';
import type { IndicatorNode } from '../../graph/graph.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';

describe.each(['tax-provincial-2021', 'county-individual-2021'])('json-rules-engine export of %s', (policy) => {
  const graph = compileFolder(`policies/${policy}`);
  it('runs on all units and fires kaoping\'s scores', async () => {
    const exported = exportJsonRulesEngine(graph);
    const engine = new Engine(exported.rules as never, exported.engineOptions);
    registerKaopingExtensions(engine as unknown as EngineLike);
    const data = generateColumnar(graph, 40, 7);
    const state = run(graph, data, { backend: 'kernels' }).state!;
    const json = columnarToJson(graph, data);
    const indicators = new Map(graph.nodes.filter((n): n is IndicatorNode => n.role === 'indicator').map((n) => [n.id, n]));
    let fired = 0;
    let missingInputs = 0;
    for (const unit of json.units) {
      const inputs = unit.inputs as Record<string, unknown>;
      const declared = graph.nodes.filter((n) => n.role === 'input' && n.kind === unit.kind);
      if (declared.some((n) => inputs[n.name] === null || inputs[n.name] === undefined)) missingInputs++;
      const { events } = await engine.run({ kind: unit.kind, ...inputs });
      const i = state.kinds.get(unit.kind as string)!.index.get(unit.id as string)!;
      for (const e of events) {
        const node = [...indicators.values()].find((n) => n.kind === e.params!.kind && n.name === e.params!.indicator)!;
        if (node.links.length > 0) continue;
        const col = state.columns.get(node.id)!;
        expect([unit.id, node.name, e.params!.score]).toEqual([unit.id, node.name, col.v[i]]);
        fired++;
      }
    }
    expect(fired).toBeGreaterThan(100);
    expect(missingInputs).toBeGreaterThan(0);
  });
});
