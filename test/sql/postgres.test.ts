// The PostgreSQL engine against the reference evaluator on a real server: the results JSON byte for byte.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { readTables } from '../../runtime/data/tables.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { evaluateLoaded } from '../../sql/index.js';
import { openPostgres } from '../../sql/postgres.js';
import { EngineError } from '../../sql/messages.js';
import { PG_URLS, freshSchema } from './pg-env.js';

const csv = (graph: ReturnType<typeof compileFolder>, policy: string) => {
  const dir = `policies/${policy}/data/csv`;
  return checkDataset(graph, readTables(graph, readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }))));
};

describe.skipIf(PG_URLS.length === 0)('PostgreSQL', () => {
  it.each([
    ['tax-provincial-2021', '2021'],
    ['tax-provincial-2021', '2021Q2'],
    ['county-individual-2021', undefined],
  ] as const)('%s %s: the reference results byte for byte', async (policy, period) => {
    const graph = compileFolder(`policies/${policy}`);
    const ds = csv(graph, policy);
    const db = await freshSchema();
    try {
      const r = await evaluateLoaded(db, graph, ds, period);
      expect(JSON.stringify(r.results)).toBe(JSON.stringify(evaluate(graph, ds, period ? { period } : {}).results));
    } finally {
      await db.close();
    }
  }, 300_000);

  it('generated data: the reference results byte for byte', async () => {
    const graph = compileFolder('policies/tax-provincial-2021');
    const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 60, 11))));
    const db = await freshSchema();
    try {
      const r = await evaluateLoaded(db, graph, ds, undefined);
      expect(JSON.stringify(r.results)).toBe(JSON.stringify(evaluate(graph, ds).results));
    } finally {
      await db.close();
    }
  }, 300_000);

  it('COPY carries names with tabs, line breaks, backslashes and a literal \\N unchanged', async () => {
    const graph = compileFolder('policies/county-individual-2021');
    const ds = csv(graph, 'county-individual-2021');
    const odd = ['tab\there', 'line\nbreak\r', 'back\\slash', '\\N', ''];
    odd.forEach((name, k) => (ds.units[k]!.name = name));
    const db = await freshSchema();
    try {
      const r = await evaluateLoaded(db, graph, ds, undefined);
      expect(JSON.stringify(r.results)).toBe(JSON.stringify(evaluate(graph, ds).results));
      const names = new Map(r.results!.units.map((u) => [u.id, u.name]));
      odd.forEach((name, k) => expect(names.get(ds.units[k]!.id)).toBe(name));
    } finally {
      await db.close();
    }
  }, 120_000);

  it('a server that is not there: where and why (KR503)', async () => {
    const url = 'postgresql://kaoping:secret@%2Fnonexistent-socket-dir/postgres';
    const e = await openPostgres(url).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineError);
    const issue = (e as EngineError).issues[0]!;
    expect(issue.code).toBe('KR503');
    expect(issue.message).toContain('kaoping:***@');
    expect(issue.message).not.toContain('secret');
  });
});
