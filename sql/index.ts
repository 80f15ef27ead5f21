// The SQL engines' API: evaluate a checked dataset in an in-process DuckDB, or the policy's tables where
// they are (a .duckdb file, a PostgreSQL database). Drivers load only when one of these is called.
import type { RuleGraph } from '../graph/index.js';
import type { Dataset } from '../runtime/data/dataset.js';
import { hasErrors } from '../runtime/issues.js';
import type { Database } from './database.js';
import { evaluateInDatabase, type SqlEvaluation } from './engine.js';
import { loadDataset } from './load-dataset.js';
import { openDuckDb, type DuckDbOptions } from './duckdb.js';

export type { SqlEvaluation } from './engine.js';
export { evaluateInDatabase } from './engine.js';
export { EngineError, Unsupported } from './messages.js';

/** Evaluate a dataset read by the runtime (JSON, workbook or CSV) in a fresh in-memory DuckDB. */
export async function evaluateDatasetInDuckDb(graph: RuleGraph, ds: Dataset, opts: { period?: string } & DuckDbOptions = {}): Promise<SqlEvaluation> {
  if (hasErrors(ds.issues)) return { results: null, issues: ds.issues, state: null };
  const db = await openDuckDb(opts);
  try {
    return await evaluateLoaded(db, graph, ds, opts.period);
  } finally {
    await db.close();
  }
}

/** Load a dataset into a database and evaluate it there. */
export async function evaluateLoaded(db: Database, graph: RuleGraph, ds: Dataset, period: string | undefined): Promise<SqlEvaluation> {
  await loadDataset(db, graph, ds);
  return evaluateInDatabase(db, graph, { ...(period !== undefined ? { period } : {}), issues: ds.issues });
}
export type { Database } from './database.js';
export { quoteIdent } from './dialect.js';
export { openDuckDb } from './duckdb.js';
export { loadCsvFolder } from './load-csv.js';
export { policyTables } from './tables.js';
export { DIALECTS } from './dialect.js';
export { layoutScript, scriptText } from './engine.js';
export { openPostgres } from './postgres.js';
export { loadDataset } from './load-dataset.js';
export { writeResultsTable } from './results-table.js';
export { explainInDatabase } from './explain.js';
