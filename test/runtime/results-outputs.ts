// The results files the runtime's behaviour is pinned by: every bundled policy on its sample data in each
// form (JSON, CSV folder, workbook), a quarter run, explanations, and seeded generated data of 10k units
// through the columnar path and the JSON path. Their SHA-256 are kept in golden/results-sha256.json (made
// before evaluation was restructured), so any byte that changes fails results-unchanged.test.ts.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, readTables, type RuleGraph } from '../../runtime/index.js';
import { readJsonDataset } from '../../runtime/data/dataset.js';
import { run } from '../../runtime/evaluation/evaluate.js';
import { buildResults } from '../../runtime/results/results.js';
import { evaluateRaw } from '../../cli/evaluate-data.js';
import { resultsFile } from '../../reports/results-file.js';
import { stableJson } from '../../reports/stable-json.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { compileFolder } from './compile-helper.js';

// Relative to the repository (vitest runs there), as the CLI names them: results carry source places, which
// must not depend on where the repository is checked out.
const POLICIES = 'policies';

export const BUNDLED: [folder: string, period: string | null][] = [
  ['tax-provincial-2021', '2021'],
  ['tax-provincial-2021', '2021Q2'],
  ['tax-provincial-2022', '2022'],
  ['county-individual-2021', null],
];

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

const graphs = new Map<string, RuleGraph>();
export function policyGraph(folder: string): RuleGraph {
  let g = graphs.get(folder);
  if (!g) graphs.set(folder, (g = compileFolder(path.join(POLICIES, folder))));
  return g;
}

/** The sample data of a bundled policy in one of its forms, as the runtime reads it. */
export function sampleData(graph: RuleGraph, folder: string, form: 'json' | 'csv' | 'xlsx') {
  const dir = path.join(POLICIES, folder, 'data');
  if (form === 'json') return readJsonDataset(readFileSync(path.join(dir, 'results.json'), 'utf8'));
  const files = form === 'csv' ? readdirSync(path.join(dir, 'csv')).sort().map((f) => path.join(dir, 'csv', f)) : [path.join(dir, 'results.xlsx')];
  return readTables(graph, files.map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) })));
}

/** The results file `kaoping eval --out FILE` writes for the data (JSON or CSV by the name). */
export async function cliResultsFile(graph: RuleGraph, data: ReturnType<typeof sampleData>, period: string | null, file: string): Promise<string | Uint8Array> {
  const outcome = evaluateRaw(graph, data, { period });
  if (!outcome.evaluated) throw new Error(outcome.issues.map((i) => i.message).join('\n'));
  return resultsFile(graph, outcome.evaluated, file, 'zh', { raw: false });
}

/** The results with every unit's explanation, as the embedding API gives them. */
export function resultsWithTraces(graph: RuleGraph, folder: string, period: string | null): string {
  const data = readFileSync(path.join(POLICIES, folder, 'data', 'results.json'), 'utf8');
  const { results, issues } = evaluate(graph, data, { traces: true, ...(period ? { period } : {}) });
  if (!results) throw new Error(issues.map((i) => i.message).join('\n'));
  return JSON.stringify(results);
}

export const GENERATED_UNITS = 10_000;

/** Seeded generated data of 10k units: the columnar form, and the same data in the JSON form. */
export function generatedData(folder: string) {
  const graph = policyGraph(folder);
  const columnar = generateColumnar(graph, GENERATED_UNITS, 1);
  return { graph, columnar, json: columnarToJson(graph, columnar) };
}

export function columnarResults(graph: RuleGraph, data: ReturnType<typeof generateColumnar>): string {
  const e = run(graph, data, { backend: 'kernels' });
  if (!e.state) throw new Error(e.issues.map((i) => i.message).join('\n'));
  return stableJson(buildResults(e.state, null, new Map(), e.issues, false));
}

export function jsonResults(graph: RuleGraph, data: unknown): string {
  const { results, issues } = evaluate(graph, data);
  if (!results) throw new Error(issues.map((i) => i.message).join('\n'));
  return stableJson(results);
}
