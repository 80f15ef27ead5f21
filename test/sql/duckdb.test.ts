// The DuckDB engine against the reference evaluator: the results JSON byte for byte, on every bundled
// policy's sample data (the year averaged from its quarters, and quarters) and on generated data.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluate.js';
import { checkDataset, readJsonDataset } from '../../runtime/dataset.js';
import { readTables } from '../../runtime/tables.js';
import type { RuleGraph } from '../../runtime/graph.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { evaluateDatasetInDuckDb } from '../../sql/index.js';

function csvData(graph: RuleGraph, policy: string) {
  const dir = `policies/${policy}/data/csv`;
  const files = readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
  return checkDataset(graph, readTables(graph, files));
}

async function same(graph: RuleGraph, ds: ReturnType<typeof csvData>, period?: string) {
  const opts = period ? { period } : {};
  const reference = evaluate(graph, ds, opts);
  const sql = await evaluateDatasetInDuckDb(graph, ds, opts);
  expect(sql.issues.map((i) => i.message)).toEqual(reference.issues.map((i) => i.message));
  expect(JSON.stringify(sql.results)).toBe(JSON.stringify(reference.results));
  return reference.results;
}

describe.each([
  ['tax-provincial-2021', ['2021', '2021Q1', '2021Q2', '2021Q4']],
  ['tax-provincial-2022', ['2022', '2022Q3']],
  ['county-individual-2021', [undefined]],
] as const)('DuckDB on %s', (policy, periods) => {
  const graph = compileFolder(`policies/${policy}`);
  const ds = csvData(graph, policy);
  it.each(periods.map((p) => [p ?? '(one period)', p] as const))('sample data, period %s: the reference results byte for byte', async (_, period) => {
    const results = await same(graph, ds, period);
    expect(results!.units.length).toBeGreaterThan(10);
  }, 120_000);
});

describe('DuckDB on generated data', () => {
  it.each(['tax-provincial-2021', 'county-individual-2021'])('%s, several seeds: the reference results byte for byte', async (policy) => {
    const graph = compileFolder(`policies/${policy}`);
    for (const seed of [1, 7, 2021]) {
      const json = columnarToJson(graph, generateColumnar(graph, 40, seed));
      await same(graph, checkDataset(graph, readJsonDataset(json)));
    }
  }, 300_000);
});
