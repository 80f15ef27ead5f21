// What the engine asks of a database connection, whichever the driver: run a statement, read rows (every
// value as text or null, so exact decimals stay exact), list the columns of the data tables, close.
import type { Dialect } from './dialect.js';

export type Row = (string | null)[];
export type Cell = string | number | null;

export interface Database {
  dialect: Dialect;
  /** where the data is, for messages (a file name or a URL without its password) */
  where: string;
  run(sql: string, params?: readonly string[]): Promise<void>;
  /** rows with every column as text (NULL as null) */
  query(sql: string, params?: readonly string[]): Promise<Row[]>;
  /** a result by columns: text, numbers (doubles, integers) and null as the database has them */
  columns(sql: string, params?: readonly string[]): Promise<Cell[][]>;
  /** rows of text (null: NULL) bulk-loaded into a table's columns, where the driver can (PostgreSQL's COPY) */
  copyIn?(table: string, columns: readonly string[], rows: Iterable<readonly (string | null)[]>): Promise<void>;
  /** the columns of every table of the data's schema, by table name */
  catalog(): Promise<Map<string, Set<string>>>;
  close(): Promise<void>;
}

/** An optional driver loaded only when an engine is asked for; a missing one is a clear message. */
export async function loadDriver<T>(name: string, label: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      const { EngineError, sqlIssue } = await import('./messages.js');
      throw new EngineError([sqlIssue('KR502', [label, name])]);
    }
    throw e;
  }
}

/** The columns of the tables information_schema lists under `where`, by table. */
export async function tableColumns(db: Database, where: string): Promise<Map<string, Set<string>>> {
  const rows = await db.query(`SELECT table_name, column_name FROM information_schema.columns WHERE ${where}`);
  const out = new Map<string, Set<string>>();
  for (const [t, c] of rows) out.set(t!, (out.get(t!) ?? new Set()).add(c!));
  return out;
}
