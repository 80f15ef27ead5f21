// `eval --engine duckdb|postgres`: the policy evaluated by a SQL engine, with the same results, terminal
// output and exit codes as the runtime's. Data files are read and checked by the runtime, then loaded; or
// the policy's tables are read where they are (--db: a .duckdb file, a PostgreSQL URL).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RuleGraph } from '../graph/graph.js';
import type { Database } from '../sql/database.js';
import { InputError, UsageError, type CliContext } from './context.js';
import { checkData, dataPaths, readData, renderIssues } from './load-data.js';
import { hasErrors, type RuntimeIssue } from '../runtime/issues.js';
import type { Explanation } from '../runtime/explanation/explain.js';
import type { Evaluated } from './evaluate-data.js';
import { individualsOf } from '../reports/individual-shares.js';
import { cliMessage, message } from '../messages/index.js';

export type EngineName = 'duckdb' | 'postgres';

export interface EngineOptions {
  engine: EngineName;
  data?: string;
  db?: string;
  schema?: string;
  /** a table of the database to write the results into */
  into?: string;
  period?: string;
}

async function open(ctx: CliContext, opts: EngineOptions): Promise<Database> {
  if (opts.engine === 'postgres') {
    if (!opts.db) throw new UsageError(cliMessage('postgresNeedsDb'));
    const { openPostgres } = await import('../sql/postgres.js');
    return openPostgres(opts.db, opts.schema);
  }
  if (opts.schema !== undefined) throw new UsageError(cliMessage('schemaNeedsPostgres'));
  const { openDuckDb } = await import('../sql/duckdb.js');
  return openDuckDb(opts.db ? { path: path.resolve(ctx.cwd, opts.db) } : {});
}

/** The data files: a folder's Parquet files too when DuckDB reads them. */
async function duckDbFiles(ctx: CliContext, opts: EngineOptions): Promise<string[]> {
  const full = path.resolve(ctx.cwd, opts.data!);
  if (opts.engine === 'duckdb' && /\.parquet$/i.test(full)) return [full];
  if (opts.engine === 'duckdb') {
    const names = await readdir(full).catch(() => null);
    const parquet = (names ?? []).filter((n) => /\.parquet$/i.test(n)).sort();
    if (parquet.length > 0) return [...parquet.map((n) => path.join(full, n)), ...(await dataPaths(ctx, opts.data!).catch(() => []))].sort();
  }
  return dataPaths(ctx, opts.data!);
}

/**
 * Open the engine, load the data (or read the tables where they are) and run `work` on the database, its data
 * issues so far given. Bad data and the engine's own refusals become the CLI's messages, never a driver's trace.
 */
async function inEngine<T>(
  ctx: CliContext,
  graph: RuleGraph,
  opts: EngineOptions,
  work: (db: Database, issues: RuntimeIssue[]) => Promise<T>,
  refused: (issues: RuntimeIssue[]) => T,
): Promise<T> {
  if (!opts.data && !opts.db) throw new UsageError(cliMessage('engineNoData'));
  if (opts.data && opts.db && opts.engine === 'duckdb') throw new UsageError(cliMessage('duckdbDataOrDb'));
  const { EngineError, Unsupported } = await import('../sql/messages.js');
  const { loadDataset } = await import('../sql/load-dataset.js');
  try {
    // DuckDB reads a folder of CSV or Parquet files itself; other data is read and checked by the runtime, then loaded.
    const files = opts.data ? await duckDbFiles(ctx, opts) : [];
    const direct = opts.engine === 'duckdb' && files.length > 0 && files.every((f) => /\.(csv|parquet)$/i.test(f));
    const dataset = opts.data && !direct ? checkData(graph, await readData(ctx, graph, opts.data)) : null;
    const db = await open(ctx, opts);
    try {
      let issues = dataset?.issues ?? [];
      if (dataset) await loadDataset(db, graph, dataset);
      if (direct) {
        const { loadCsvFolder } = await import('../sql/load-csv.js');
        issues = await loadCsvFolder(db, graph, files);
      }
      return hasErrors(issues) ? refused(issues) : await work(db, issues);
    } finally {
      await db.close();
    }
  } catch (e) {
    if (e instanceof Unsupported) throw new InputError(message('KR501', 'text', { args: [e.construct] }));
    if (!(e instanceof EngineError)) throw e;
    ctx.err(renderIssues(ctx, e.issues));
    throw new InputError(cliMessage('engineStopped', { engine: opts.engine, problems: e.issues.length }));
  }
}

export async function engineEval(ctx: CliContext, graph: RuleGraph, opts: EngineOptions): Promise<Evaluated> {
  if (opts.into !== undefined && !opts.db) throw new UsageError(cliMessage('intoNeedsDb'));
  const { evaluateInDatabase } = await import('../sql/engine.js');
  const period = opts.period !== undefined ? { period: opts.period } : {};
  const outcome = await inEngine(
    ctx,
    graph,
    opts,
    async (db, issues) => {
      const r = await evaluateInDatabase(db, graph, { ...period, issues });
      if (opts.into !== undefined && r.results) {
        const { writeResultsTable } = await import('../sql/results-table.js');
        await writeResultsTable(db, opts.into, r.results);
      }
      return r;
    },
    (issues) => ({ results: null, issues, state: null }),
  );
  const { results, issues, state } = outcome;
  const shown = issues.filter((i) => i.severity === 'error' || results !== null);
  if (shown.length > 0) ctx.err(renderIssues(ctx, shown));
  if (!results || !state) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new InputError(cliMessage('dataErrors', { where: null, errors: errors.length, more: false, skippable: false }));
  }
  return { results, individuals: individualsOf(state), state };
}

/** `explain --engine`: one unit's explanation, the policy evaluated by the engine (sql/explain.ts). */
export async function engineExplain(ctx: CliContext, graph: RuleGraph, opts: EngineOptions, unit: string, indicator: string | undefined): Promise<Explanation> {
  const { explainInDatabase } = await import('../sql/explain.js');
  const given = { ...(opts.period !== undefined ? { period: opts.period } : {}), ...(indicator !== undefined ? { indicator } : {}) };
  return inEngine(ctx, graph, opts, async (db, issues) => (await explainInDatabase(db, graph, [unit], { ...given, issues }))[0]!, (issues) => ({ trace: null, issues }));
}
