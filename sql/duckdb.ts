// The DuckDB engine, in process (@duckdb/node-api, an optional dependency loaded only here). kaoping sets its
// memory limit and threads: DuckDB's defaults take most of the machine.
import { duckdb } from './dialect.js';
import { loadDriver, tableColumns, type Cell, type Database, type Row } from './database.js';
import { EngineError, sqlIssue } from './messages.js';

export interface DuckDbOptions {
  /** a .duckdb file, or ':memory:' */
  path?: string;
  memoryLimit?: string;
  threads?: number;
}

/** A value as the engine reads it: text, a number (a double, or a small integer), or null. */
function cell(x: unknown): Cell {
  if (x === null || typeof x === 'string' || typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  return String(x);
}

export async function openDuckDb(opts: DuckDbOptions = {}): Promise<Database> {
  const api = await loadDriver('@duckdb/node-api', 'DuckDB', () => import('@duckdb/node-api'));
  const path = opts.path ?? ':memory:';
  let connection: import('@duckdb/node-api').DuckDBConnection;
  try {
    const instance = await api.DuckDBInstance.create(path, {
      memory_limit: opts.memoryLimit ?? '1GB',
      threads: String(opts.threads ?? 2),
      // Results are ordered by the queries that need an order; keeping the input's order costs memory.
      preserve_insertion_order: 'false',
    });
    connection = await instance.connect();
  } catch (e) {
    throw new EngineError([sqlIssue('KR503', [path, (e as Error).message])]);
  }
  const fail = (e: unknown): never => {
    throw new EngineError([sqlIssue('KR506', [(e as Error).message.split('\n')[0]!])]);
  };
  const db: Database = {
    dialect: duckdb,
    where: path,
    async run(sql, params = []) {
      try {
        await connection.run(sql, params.length ? [...params] : undefined);
      } catch (e) {
        fail(e);
      }
    },
    async query(sql, params = []) {
      try {
        const reader = await connection.runAndReadAll(sql, params.length ? [...params] : undefined);
        return reader.getRowsJson().map((r) => r.map((x) => (x === null ? null : String(x)))) as Row[];
      } catch (e) {
        return fail(e);
      }
    },
    async columns(sql, params = []) {
      try {
        const reader = await connection.runAndReadAll(sql, params.length ? [...params] : undefined);
        return reader.getColumns().map((c) => c.map(cell));
      } catch (e) {
        return fail(e);
      }
    },
    // the database's tables and the session's temporary ones (the data a run loaded)
    catalog: () => tableColumns(db, `(table_schema = current_schema() AND table_catalog = current_database()) OR table_catalog = 'temp'`),
    async close() {
      connection.closeSync();
    },
  };
  return db;
}
