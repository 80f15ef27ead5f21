// The sharded PostgreSQL setup (a coordinator, two shards, the tables partitioned by unit over postgres_fdw)
// gives the single server's results, which are the reference's, on a few thousand generated units.
import { describe, expect, it } from 'vitest';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/evaluation/evaluate.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { columnarToJson, generateColumnar } from '../../bench/generate-data.js';
import { evaluateInDatabase } from '../../sql/engine.js';
import { evaluateLoaded } from '../../sql/index.js';
import { dropShardServers, loadSharded, shardAddress } from '../../sql/shards.js';
import { PG_URLS, freshSchema, newSchemaName } from './pg-env.js';

describe.skipIf(PG_URLS.length < 3)('sharded PostgreSQL', () => {
  it('600 units over two shards: the single server\'s results, byte for byte', async () => {
    const graph = compileFolder('policies/tax-provincial-2021');
    const ds = checkDataset(graph, readJsonDataset(columnarToJson(graph, generateColumnar(graph, 600, 5))));
    const single = await freshSchema(0);
    const one = await evaluateLoaded(single, graph, ds, undefined).finally(() => single.close());
    expect(one.results!.units.length).toBeGreaterThan(550);
    expect(JSON.stringify(one.results)).toBe(JSON.stringify(evaluate(graph, ds).results));

    const schema = newSchemaName();
    const coordinator = await freshSchema(0, schema);
    const shards = await Promise.all([1, 2].map(async (k) => ({ db: await freshSchema(k, schema), ...shardAddress(PG_URLS[k]!) })));
    try {
      await loadSharded(coordinator, shards, schema, graph, ds);
      // The rows are on the shards, not on the coordinator.
      for (const [k, s] of shards.entries()) expect(Number((await s.db.query(`SELECT COUNT(*) FROM "省局_p${k}"`))[0]![0])).toBeGreaterThan(0);
      const spread = await evaluateInDatabase(coordinator, graph);
      expect(JSON.stringify(spread.results)).toBe(JSON.stringify(one.results));
    } finally {
      await coordinator.run('SET search_path TO public');
      await dropShardServers(coordinator, schema, shards.length);
      await coordinator.close();
      for (const s of shards) await s.db.close();
    }
  }, 600_000);
});
