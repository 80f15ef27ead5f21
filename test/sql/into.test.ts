// `eval --engine … --db … --into TABLE`: the results written back into the database, one row per unit, equal
// to the results file; in the schema `--schema` names (PostgreSQL).
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { compileFolder } from '../runtime/compile-helper.js';
import { checkDataset } from '../../runtime/data/dataset.js';
import { readTables } from '../../runtime/data/tables.js';
import type { Results } from '../../runtime/results/results.js';
import { openDuckDb } from '../../sql/duckdb.js';
import { openPostgres } from '../../sql/postgres.js';
import { lastingTables, loadDataset } from '../../sql/load-dataset.js';
import { PG_URLS, newSchemaName } from './pg-env.js';

const COUNTY = 'policies/county-individual-2021';
const graph = compileFolder(COUNTY);
const csv = `${COUNTY}/data/csv`;
const ds = checkDataset(graph, readTables(graph, readdirSync(csv).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${csv}/${name}`)) }))));

/** The table's rows against the results file: every unit, its total, rank, tier and whole results. */
function sameAsFile(rows: (string | null)[][], file: string) {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  expect(rows).toHaveLength(results.units.length);
  const byId = new Map(rows.map((r) => [r[0], r]));
  for (const u of results.units) {
    const [, kind, name, total, rank, tier, whole] = byId.get(u.id)!;
    expect([kind, name, tier]).toEqual([u.kind, u.name, u.tier]);
    expect(total === null ? null : Number(total)).toBe(u.total);
    expect(rank === null ? null : Number(rank)).toBe(u.rank);
    expect(JSON.parse(whole!)).toEqual(u);
  }
}

describe('eval --engine … --into', () => {
  it('duckdb: the results table of a .duckdb file equals the results file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kp-into-'));
    const file = path.join(dir, 'data.duckdb');
    const db = await openDuckDb({ path: file });
    await loadDataset(db, graph, ds, lastingTables(db));
    await db.close();
    const r = await runCli(['eval', COUNTY, '--engine', 'duckdb', '--db', file, '--into', '评价结果', '--out', path.join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    const back = await openDuckDb({ path: file });
    try {
      sameAsFile(await back.query('SELECT * FROM "评价结果"'), path.join(dir, 'r.json'));
    } finally {
      await back.close();
    }
  }, 300_000);
  it('needs --db', async () => {
    const r = await runCli(['eval', COUNTY, '--engine', 'duckdb', '--data', csv, '--into', 't']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--into needs --db');
  });
  it.skipIf(PG_URLS.length === 0)('postgres, in the schema --schema names: the results table equals the results file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kp-into-'));
    const schema = newSchemaName();
    const admin = await openPostgres(PG_URLS[0]!);
    await admin.run(`CREATE SCHEMA ${schema}`);
    try {
      const r = await runCli(['eval', COUNTY, '--engine', 'postgres', '--db', PG_URLS[0]!, '--schema', schema, '--data', csv, '--into', '评价结果', '--out', path.join(dir, 'r.json')]);
      expect(r.stderr).not.toMatch(/KR5|\n\s+at /);
      expect(r.code).toBe(0);
      sameAsFile(await admin.query(`SELECT * FROM ${schema}."评价结果"`), path.join(dir, 'r.json'));
    } finally {
      await admin.run(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }, 300_000);
});
