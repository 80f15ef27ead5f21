// The PostgreSQL engine (`pg`, an optional dependency loaded only here): the policy's tables in a database
// (a schema of it), the working tables temporary to the session.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { postgres } from './dialect.js';
import { loadDriver, tableColumns, type Database, type Row } from './database.js';
import { quoteIdent } from './dialect.js';
import { EngineError, sqlIssue } from './messages.js';

/** A URL as shown in messages: without its password. */
export function shownUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/** COPY's text format: tab-separated, \\N for NULL, backslash, tab and line breaks escaped; in chunks of about 1 MiB. */
function* copyText(rows: Iterable<readonly (string | null)[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map((x) => (x === null ? '\\N' : x.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!))).join('\t') + '\n';
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pg = await loadDriver('pg', 'PostgreSQL', async () => (await import('pg')).default);
  const where = shownUrl(url);
  const client = new pg.Client({ connectionString: url });
  // A server that goes away mid-run is reported by the query that was running.
  client.on('error', () => {});
  try {
    await client.connect();
    if (schema !== undefined) await client.query(`SET search_path TO ${quoteIdent(schema)}`);
  } catch (e) {
    await client.end().catch(() => {});
    throw new EngineError([sqlIssue('KR503', [where, (e as Error).message])]);
  }
  const fail = (e: unknown): never => {
    throw new EngineError([sqlIssue('KR506', [(e as Error).message.split('\n')[0]!])]);
  };
  const db: Database = {
    dialect: postgres,
    where,
    async run(sql, params = []) {
      try {
        await client.query(sql, [...params]);
      } catch (e) {
        fail(e);
      }
    },
    async query(sql, params = []) {
      try {
        const r = await client.query({ text: sql, values: [...params], rowMode: 'array' });
        return (r.rows as unknown[][]).map((row) => row.map((x) => (x === null ? null : String(x)))) as Row[];
      } catch (e) {
        return fail(e);
      }
    },
    async columns(sql, params = []) {
      const rows = await db.query(sql, params);
      return (rows[0] ?? []).map((_, k) => rows.map((r) => r[k] ?? null));
    },
    async copyIn(table, columns, rows) {
      const { from } = await loadDriver('pg-copy-streams', 'PostgreSQL COPY', () => import('pg-copy-streams'));
      const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
      try {
        await pipeline(Readable.from(copyText(rows)), client.query(from(sql)));
      } catch (e) {
        fail(e);
      }
    },
    // the schema's tables and the session's temporary ones (the data a run loaded)
    catalog: () => tableColumns(db, `table_schema IN (current_schema(), (SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()))`),
    async close() {
      await client.end();
    },
  };
  return db;
}
