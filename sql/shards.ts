// The policy's tables spread over PostgreSQL shards the way a distributed PostgreSQL spreads them by a key:
// on the coordinator each table is partitioned by the hash of its unit id, every partition a postgres_fdw
// foreign table on one shard. The generated SQL runs on the coordinator unchanged; each pass's scans of the
// data tables (with its period filter) go to the shards, the steps run where the pass's tables are.
import type { RuleGraph } from '../graph/graph.js';
import type { Dataset } from '../runtime/data/dataset.js';
import type { Database } from './database.js';
import { quoteIdent, quoteText } from './dialect.js';
import { loadDataset, type TableRows } from './load-dataset.js';
import { ID, UNIT } from './tables.js';

export interface Shard {
  /** the shard's connection (its search_path the schema the partitions go in) */
  db: Database;
  /** how the coordinator reaches it: a Unix socket folder or a host name, a port, a database, a user */
  host: string;
  port: string;
  dbname: string;
  user: string;
}

/** A shard's connection settings from its postgresql:// URL (the socket folder percent-encoded as the host). */
export function shardAddress(url: string): Omit<Shard, 'db'> {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname || u.host),
    port: u.port || '5432',
    dbname: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(u.username) || 'postgres',
  };
}

/** Set up the shards as foreign servers of the coordinator and load the dataset spread over them. */
export async function loadSharded(coordinator: Database, shards: Shard[], schema: string, graph: RuleGraph, ds: Dataset): Promise<void> {
  await coordinator.run('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
  const servers: string[] = [];
  for (const [k, s] of shards.entries()) {
    const server = quoteIdent(`kp_shard_${schema}_${k}`);
    servers.push(server);
    await coordinator.run(
      `CREATE SERVER ${server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ${quoteText(s.host)}, port ${quoteText(s.port)}, dbname ${quoteText(s.dbname)}, fetch_size '10000')`,
    );
    await coordinator.run(`CREATE USER MAPPING FOR CURRENT_USER SERVER ${server} OPTIONS (user ${quoteText(s.user)})`);
  }
  const create = async (t: TableRows, columns: string) => {
    const key = quoteIdent(t.columns.some((c) => c.name === ID) ? ID : UNIT);
    await coordinator.run(`CREATE TABLE ${quoteIdent(t.name)} (${columns}) PARTITION BY HASH (${key})`);
    for (const [k, s] of shards.entries()) {
      const part = `${t.name}_p${k}`;
      await s.db.run(`CREATE TABLE ${quoteIdent(part)} (${columns})`);
      await coordinator.run(
        `CREATE FOREIGN TABLE ${quoteIdent(part)} PARTITION OF ${quoteIdent(t.name)} FOR VALUES WITH (MODULUS ${shards.length}, REMAINDER ${k}) SERVER ${servers[k]} OPTIONS (schema_name ${quoteText(schema)}, table_name ${quoteText(part)})`,
      );
    }
  };
  await loadDataset(coordinator, graph, ds, create);
  // The coordinator plans with the shards' statistics.
  for (const s of shards) await s.db.run('ANALYZE');
}

/** Remove what `loadSharded` made on the coordinator (the schemas are the caller's). */
export async function dropShardServers(coordinator: Database, schema: string, count: number): Promise<void> {
  for (let k = 0; k < count; k++) await coordinator.run(`DROP SERVER IF EXISTS ${quoteIdent(`kp_shard_${schema}_${k}`)} CASCADE`);
}
