// `explain --engine`: the explanation built from an engine's evaluation and the unit's records read back equals
// the reference's explanation (the trace, field by field), on DuckDB and PostgreSQL, for units with records,
// linked deductions, individuals, a quarter and the year averaged from its quarters.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { checkDataset, readJsonDataset, type Dataset } from '../../runtime/data/dataset.js';
import { readTables } from '../../runtime/data/tables.js';
import { explain } from '../../runtime/explanation/explain-unit.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { Database } from '../../sql/database.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { openDuckDb } from '../../sql/duckdb.js';
import { loadDataset } from '../../sql/load-dataset.js';
import { explainInDatabase } from '../../sql/explain.js';
import { runCli } from '../cli/run-cli.js';
import { PG_URLS, freshSchema } from './pg-env.js';

function csvData(graph: RuleGraph, policy: string): Dataset {
  const dir = `policies/${policy}/data/csv`;
  return checkDataset(graph, readTables(graph, readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }))));
}

/** Each unit explained in the database equals the reference's explanation of it (its issues too). */
async function sameExplanations(open: () => Promise<Database>, graph: RuleGraph, ds: Dataset, units: string[], opts: { period?: string; indicator?: string } = {}) {
  const db = await open();
  try {
    await loadDataset(db, graph, ds);
    const explained = await explainInDatabase(db, graph, units, { ...opts, issues: ds.issues });
    for (const [k, unit] of units.entries()) {
      const reference = explain(graph, ds, unit, opts);
      const engine = explained[k]!;
      expect(engine.trace, unit).not.toBeNull();
      expect(JSON.stringify(engine.trace), unit).toBe(JSON.stringify(reference.trace));
      expect(engine.issues.map((i) => i.message)).toEqual(reference.issues.map((i) => i.message));
    }
  } finally {
    await db.close();
  }
}

const cases = [
  ['tax-provincial-2021', '2021', ['北京', '河北', '驻北京']],
  ['tax-provincial-2021', '2021Q2', ['天津', '驻天津']],
  ['tax-provincial-2022', '2022', ['北京', '上海']],
  ['county-individual-2021', undefined, ['G001', 'G002', '办公室']],
] as const;

describe('explain --engine duckdb', () => {
  it.each(cases)('%s %s: the reference explanation of %j', async (policy, period, units) => {
    const graph = compileFolder(`policies/${policy}`);
    await sameExplanations(() => openDuckDb(), graph, csvData(graph, policy), [...units], period ? { period } : {});
  }, 300_000);

  it('generated data, every rule pattern firing: the reference explanation of units with records and linked deductions', async () => {
    const graph = compileFolder('policies/tax-provincial-2021');
    const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 80, 7))));
    const ids = ds.units.map((u) => u.id);
    // 省局 (records of five lists) and 特派办 (a linked deduction from 省局's records) alike
    const picked = [...ids.filter((id) => id.startsWith('1-')).slice(0, 4), ...ids.filter((id) => id.startsWith('0-')).slice(0, 3)];
    expect(picked.length).toBe(7);
    await sameExplanations(() => openDuckDb(), graph, ds, picked);
  }, 300_000);

  it('one indicator only, and a unit that is not in the data (KR310)', async () => {
    const graph = compileFolder('policies/tax-provincial-2021');
    const ds = csvData(graph, 'tax-provincial-2021');
    await sameExplanations(() => openDuckDb(), graph, ds, ['北京'], { period: '2021', indicator: '精确执法' });
    const db = await openDuckDb();
    try {
      await loadDataset(db, graph, ds);
      const [none] = await explainInDatabase(db, graph, ['无此单位'], { period: '2021', issues: ds.issues });
      expect(none!.trace).toBeNull();
      expect(none!.issues.map((i) => i.code)).toContain('KR310');
    } finally {
      await db.close();
    }
  }, 300_000);

  it('the CLI prints what `explain` on the files prints', async () => {
    const args = ['explain', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/csv', '--unit', '河北', '--period', '2021'];
    const files = await runCli(args);
    const engine = await runCli([...args, '--engine', 'duckdb']);
    expect(files.code).toBe(0);
    expect(engine).toEqual(files);
    expect((await runCli(['explain', 'policies/tax-provincial-2021', '--unit', '河北', '--db', 'x.duckdb'])).code).toBe(2);
  }, 300_000);
});

describe.skipIf(PG_URLS.length === 0)('explain --engine postgres', () => {
  it.each(cases)('%s %s: the reference explanation of %j', async (policy, period, units) => {
    const graph = compileFolder(`policies/${policy}`);
    await sameExplanations(() => freshSchema(), graph, csvData(graph, policy), [...units], period ? { period } : {});
  }, 300_000);
});
