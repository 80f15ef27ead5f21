// Every backend against the reference, byte for byte: the results (with explanations) of every bundled policy
// on its sample data, for a year and a quarter, and of seeded generated data in the JSON form and as columns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../runtime/index.js';
import { BACKENDS, type BackendName } from '../../runtime/evaluation/evaluate.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { BUNDLED, policyGraph, sampleData } from './results-outputs.js';
import { checkDataset } from '../../runtime/data/dataset.js';

const OTHERS = (Object.keys(BACKENDS) as BackendName[]).filter((b) => b !== 'reference');

describe.each(BUNDLED)('%s %s sample data', (folder, period) => {
  const graph = policyGraph(folder);
  const dataset = checkDataset(graph, sampleData(graph, folder, 'json'));
  const opts = { traces: true, ...(period ? { period } : {}) };
  const reference = JSON.stringify(evaluate(graph, dataset, { ...opts, backend: 'reference' }));
  it.each(OTHERS)('%s gives the reference bytes', (backend) => {
    expect(JSON.parse(reference).results).not.toBeNull();
    expect(JSON.stringify(evaluate(graph, dataset, { ...opts, backend }))).toBe(reference);
  });
  it('by default, too', () => {
    expect(JSON.stringify(evaluate(graph, dataset, opts))).toBe(reference);
  });
});

describe.each(['tax-provincial-2021', 'tax-provincial-2022', 'county-individual-2021'])('%s generated data', (folder) => {
  const graph = policyGraph(folder);
  it('every backend gives the same bytes from JSON and from columns (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 80 }), (seed, units) => {
        const columns = generateColumnar(graph, units, seed);
        const json = columnarToJson(graph, columns);
        const reference = JSON.stringify(evaluate(graph, json, { backend: 'reference' }).results);
        for (const backend of Object.keys(BACKENDS) as BackendName[]) {
          expect([backend, 'json', JSON.stringify(evaluate(graph, json, { backend }).results)]).toEqual([backend, 'json', reference]);
          expect([backend, 'columns', JSON.stringify(evaluate(graph, columns, { backend }).results)]).toEqual([backend, 'columns', reference]);
        }
      }),
      { numRuns: 6 },
    );
  });
});
