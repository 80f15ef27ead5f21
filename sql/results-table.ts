// `eval --engine … --db … --into TABLE`: the results written back where the data is, one row per unit (its
// id, kind, name, total, rank and tier, and the unit's whole results as JSON, as in the results file). The
// table is made anew; the rows go in as COPY data or parameters, never as SQL text.
import type { Results } from '../runtime/results/results.js';
import type { Database } from './database.js';
import { quoteIdent } from './dialect.js';
import { insertRows, type TableRows } from './load-dataset.js';

export async function writeResultsTable(db: Database, table: string, results: Results): Promise<void> {
  const t: TableRows = {
    name: table,
    columns: [
      { name: 'id', type: 'VARCHAR' },
      { name: 'kind', type: 'VARCHAR' },
      { name: 'name', type: 'VARCHAR' },
      { name: 'total', type: db.dialect.decimal },
      { name: 'rank', type: 'INTEGER' },
      { name: 'tier', type: 'VARCHAR' },
      { name: 'results', type: 'VARCHAR' },
    ],
    rows: results.units.map((u) => [u.id, u.kind, u.name, u.total === null ? null : String(u.total), u.rank === null ? null : String(u.rank), u.tier, JSON.stringify(u)]),
  };
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  await db.run(`CREATE TABLE ${quoteIdent(table)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ')})`);
  await insertRows(db, t);
}
