// The DuckDB engine end to end on a folder of CSV files (DuckDB reads, types, evaluates; the runtime ranks
// and allots tiers), and the floor no evaluation can beat: DuckDB reading the same files and aggregating each
// record table per unit. Each runs in a process of its own (bench/run.ts), for its peak memory.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RuleGraph } from '../graph/graph.js';
import { peakRss } from './measure.js';
import { openDuckDb } from '../sql/duckdb.js';
import { loadCsvFolder } from '../sql/load-csv.js';
import { evaluateInDatabase } from '../sql/engine.js';
import { quoteIdent } from '../sql/dialect.js';
import { policyTables } from '../sql/tables.js';

export interface EngineRun {
  units: number;
  bytes: number;
  loadMs: number;
  evalMs: number;
  /** processor time of the whole run, every thread (on a shared machine, steadier than wall-clock time) */
  cpuMs: number;
  peakRss: number;
}

/** What kaoping sets DuckDB to in the bench, as in `eval --engine duckdb`: not DuckDB's defaults. */
export const BENCH_DUCKDB = { memoryLimit: '1GB', threads: 2 };

export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const filesOf = (dir: string) => readdirSync(dir).sort().map((f) => path.join(dir, f));
const bytesOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);

export async function duckdbEngineRun(graph: RuleGraph, dir: string): Promise<EngineRun> {
  const files = filesOf(dir);
  const cpu = cpuMs();
  const started = performance.now();
  const db = await openDuckDb(BENCH_DUCKDB);
  const issues = await loadCsvFolder(db, graph, files);
  if (issues.some((i) => i.severity === 'error')) throw new Error(issues[0]!.message);
  const loaded = performance.now();
  const r = await evaluateInDatabase(db, graph, { issues });
  if (!r.results) throw new Error(r.issues.find((i) => i.severity === 'error')?.message ?? 'no results');
  const done = performance.now();
  await db.close();
  return { units: r.results.units.length, bytes: bytesOf(files), loadMs: loaded - started, evalMs: done - loaded, cpuMs: cpuMs() - cpu, peakRss: peakRss() };
}

/** Read every file and aggregate each record table per unit (count and the sum of each field read as a number). */
export async function duckdbFloorRun(graph: RuleGraph, dir: string): Promise<EngineRun> {
  const files = filesOf(dir);
  const tables = policyTables(graph);
  const lists = new Map([...tables.lists.values()].flatMap((l) => [[l.table, l], [`${l.kind}.${l.input.name}`, l]] as const));
  const cpu = cpuMs();
  const started = performance.now();
  const db = await openDuckDb(BENCH_DUCKDB);
  let units = 0;
  for (const file of files) {
    const name = path.basename(file, '.csv');
    const read = `read_csv($1, all_varchar = true, header = true)`;
    if (lists.has(name)) {
      const fields = lists.get(name)!.record.fields;
      const sums = fields.map((x) => `SUM(TRY_CAST(${quoteIdent(x.name)} AS DOUBLE))`).join(', ');
      await db.query(`SELECT COUNT(*) FROM (SELECT unit, COUNT(*)${sums ? `, ${sums}` : ''} FROM ${read} GROUP BY unit)`, [file]);
    } else units += Number((await db.query(`SELECT COUNT(DISTINCT id) FROM ${read}`, [file]))[0]![0]);
  }
  const done = performance.now();
  await db.close();
  return { units, bytes: bytesOf(files), loadMs: done - started, evalMs: 0, cpuMs: cpuMs() - cpu, peakRss: peakRss() };
}
