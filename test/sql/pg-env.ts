// The PostgreSQL servers of the tests, from KAOPING_PG_URLS (comma-separated; .ci/run starts them with
// test/sql/pg-cluster.sh): the first is the single server and the sharded setup's coordinator, the next two
// its shards. In CI they must be there; elsewhere, without them, the PostgreSQL tests are skipped, and say so.
import { openPostgres } from '../../sql/postgres.js';
import type { Database } from '../../sql/database.js';

export const PG_URLS = (process.env.KAOPING_PG_URLS ?? '').split(',').filter((u) => u !== '');
export const IN_CI = process.env.CI === 'true';

if (PG_URLS.length === 0) {
  if (IN_CI) throw new Error('KAOPING_PG_URLS is not set: CI must start the PostgreSQL servers (test/sql/pg-cluster.sh)');
  console.log('PostgreSQL tests skipped: KAOPING_PG_URLS is not set (start servers with test/sql/pg-cluster.sh start DIR 3)');
}

let schemas = 0;

export function newSchemaName(): string {
  return `kp_test_${process.pid}_${Date.now()}_${schemas++}`;
}

/** A connection to server k in a schema of its own, dropped by `close`. */
export async function freshSchema(k = 0, schema = newSchemaName()): Promise<Database> {
  const db = await openPostgres(PG_URLS[k]!);
  await db.run(`CREATE SCHEMA ${schema}`);
  await db.run(`SET search_path TO ${schema}`);
  const close = db.close.bind(db);
  db.close = async () => {
    await db.run(`DROP SCHEMA ${schema} CASCADE`);
    await close();
  };
  return db;
}
