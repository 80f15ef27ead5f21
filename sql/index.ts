// The SQL engines' API: evaluate a checked dataset in an in-process DuckDB, or the policy's tables where
// they are (a .duckdb file, a PostgreSQL database). Drivers load only when one of these is called.
import type { RuleGraph } from '../graph/graph.js';
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
