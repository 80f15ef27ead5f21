// The results files of every bundled policy (each data form, a year and a quarter, with explanations) and of
// seeded generated data at 10k units keep their bytes: their SHA-256 were taken before evaluation was
// restructured into one driver with backends (golden/results-sha256.json; UPDATE_GOLDEN=1 writes them anew).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUNDLED,
  cliResultsFile,
  columnarResults,
  generatedData,
  jsonResults,
  policyGraph,
  resultsWithTraces,
  sampleData,
  sha256,
} from './results-outputs.js';

const GOLDEN = path.join(import.meta.dirname, 'golden', 'results-sha256.json');
const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;
const seen: Record<string, string> = {};

function check(name: string, hash: string): void {
  seen[name] = hash;
  if (!process.env.UPDATE_GOLDEN) expect([name, hash]).toEqual([name, expected[name]]);
}

afterAll(() => {
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, JSON.stringify({ ...expected, ...seen }, null, 2) + '\n');
});

describe.each(BUNDLED)('%s %s sample data', (folder, period) => {
  const graph = policyGraph(folder);
  it.each(['json', 'csv', 'xlsx'] as const)('gives the same results files from %s', async (form) => {
    const data = sampleData(graph, folder, form);
    for (const file of ['results.json', 'results.csv']) check(`${folder} ${period ?? '-'} ${form} ${file}`, sha256(await cliResultsFile(graph, data, period, file)));
  });
  it('gives the same results with explanations', () => {
    check(`${folder} ${period ?? '-'} json traces`, sha256(resultsWithTraces(graph, folder, period)));
  });
});

// 10k units through the reference evaluator take half a minute on two loaded cores: an honest limit.
describe.each(['tax-provincial-2021', 'county-individual-2021'])('%s generated data of 10k units', (folder) => {
  it('gives the same results from columns and from JSON', { timeout: 180_000 }, () => {
    const { graph, columnar, json } = generatedData(folder);
    check(`${folder} generated 10k columnar`, sha256(columnarResults(graph, columnar)));
    check(`${folder} generated 10k json`, sha256(jsonResults(graph, json)));
  });
});
