// The DuckDB engine against the reference evaluator: the results JSON byte for byte, on every bundled
// policy's sample data (the year averaged from its quarters, and quarters) and on generated data.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { readTables } from '../../runtime/data/tables.js';
import type { RuleGraph } from '../../graph/graph.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { evaluateDatasetInDuckDb } from '../../sql/index.js';
import { gb18030 } from '../runtime/gb18030.js';

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

describe('DuckDB reading a CSV folder itself', () => {
  const run = async (graph: RuleGraph, files: string[], period?: string) => {
    const { openDuckDb } = await import('../../sql/duckdb.js');
    const { loadCsvFolder } = await import('../../sql/load-csv.js');
    const { evaluateInDatabase } = await import('../../sql/engine.js');
    const db = await openDuckDb();
    try {
      const issues = await loadCsvFolder(db, graph, files);
      if (issues.some((i) => i.severity === 'error')) return { results: null, issues };
      return await evaluateInDatabase(db, graph, { ...(period ? { period } : {}), issues });
    } finally {
      await db.close();
    }
  };
  it.each([
    ['tax-provincial-2021', '2021'],
    ['tax-provincial-2022', '2022Q3'],
    ['county-individual-2021', undefined],
  ] as const)('%s %s: the reference results byte for byte, and its warnings', async (policy, period) => {
    const graph = compileFolder(`policies/${policy}`);
    const dir = `policies/${policy}/data/csv`;
    const reference = evaluate(graph, csvData(graph, policy), period ? { period } : {});
    const sql = await run(graph, readdirSync(dir).sort().map((f) => `${dir}/${f}`), period);
    expect(JSON.stringify(sql.results)).toBe(JSON.stringify(reference.results));
  }, 300_000);
  it('Parquet files are read as the CSV files are: the reference results byte for byte', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { openDuckDb } = await import('../../sql/duckdb.js');
    const policy = 'county-individual-2021';
    const graph = compileFolder(`policies/${policy}`);
    const src = `policies/${policy}/data/csv`;
    const dir = mkdtempSync(`${tmpdir()}/kp-parquet-`);
    // Each table written by DuckDB as Parquet with its numbers typed, as a warehouse exports them.
    const db = await openDuckDb();
    for (const f of readdirSync(src)) {
      const out = `${dir}/${f.replace(/\.csv$/, '.parquet')}`;
      await db.run(`COPY (SELECT * FROM read_csv($1, header = true)) TO '${out.replaceAll("'", "''")}' (FORMAT parquet)`, [`${src}/${f}`]);
    }
    await db.close();
    const reference = evaluate(graph, csvData(graph, policy));
    const sql = await run(graph, readdirSync(dir).sort().map((f) => `${dir}/${f}`));
    expect(JSON.stringify(sql.results)).toBe(JSON.stringify(reference.results));
  }, 120_000);
  it('a cell that does not read is located by table, unit and column (KR212); GB18030 files are read', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const graph = compileFolder('policies/county-individual-2021');
    const src = 'policies/county-individual-2021/data/csv';
    const dir = mkdtempSync(`${tmpdir()}/kp-csv-`);
    const input = graph.nodes.find((n) => n.role === 'input' && n.kind === '干部' && n.type.t === 'num' && n.type.dim !== 'percent')!;
    for (const f of readdirSync(src)) {
      let text = readFileSync(`${src}/${f}`, 'utf8');
      if (f === '干部.csv') {
        const [head, first, ...rest] = text.split('\n');
        const cols = head!.split(',');
        const cells = first!.split(',');
        cells[cols.indexOf(input.name)] = '十二';
        text = [head, cells.join(','), ...rest].join('\n');
        // The same table in GB18030, as a spreadsheet saves it on a Chinese Windows.
        writeFileSync(`${dir}/${f}`, gb18030(text));
      } else writeFileSync(`${dir}/${f}`, text);
    }
    const r = await run(graph, readdirSync(dir).sort().map((f) => `${dir}/${f}`));
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'KR212', file: '干部.csv', column: input.name, field: input.name });
    expect(errors[0]!.message).toContain('十二');
  }, 120_000);
});

