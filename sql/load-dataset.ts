// A checked dataset (read by the runtime from JSON, a workbook or CSV files, with its located messages)
// loaded into a database as the policy's tables: one per entity kind, one per record-list input, typed.
// Values go in as parameters, never as SQL text.
import type { RuleGraph, ValueType } from '../graph/graph.js';
import { SINGLE_PERIOD, type Dataset } from '../runtime/data/dataset.js';
import type { Database } from './database.js';
import { quoteIdent } from './dialect.js';
import { ID, NAME, PERIOD, UNIT, policyTables } from './tables.js';

type Cell = string | null;

/** The SQL type a value of a declared type is stored as. */
function columnType(type: ValueType, decimal: string): string {
  switch (type.t) {
    case 'num':
      return decimal;
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'list':
      return 'BOOLEAN'; // in a kind's table: whether the unit has the list
    default:
      return 'VARCHAR';
  }
}

const DAY_MS = 86_400_000;

/** A typed value as the text its column reads exactly (numbers in their shortest decimal form). */
function cellText(v: unknown, type: ValueType): Cell {
  if (v === null || v === undefined) return null;
  if (type.t === 'bool') return v === true || v === 1 ? 'true' : 'false';
  if (type.t === 'date' && typeof v === 'number') return new Date(v * DAY_MS).toISOString().slice(0, 10);
  if (typeof v === 'number') return decimalText(v);
  return String(v);
}

function decimalText(x: number): string {
  const t = String(x);
  if (!/e/i.test(t)) return t;
  return x.toFixed(20).replace(/\.?0+$/, '');
}

export interface TableRows {
  name: string;
  columns: { name: string; type: string }[];
  rows: Cell[][];
}

export function datasetTables(graph: RuleGraph, ds: Dataset, decimal: string): TableRows[] {
  const tables = policyTables(graph);
  const periodic = !(ds.periods.length === 1 && ds.periods[0] === SINGLE_PERIOD);
  const out: TableRows[] = [];
  for (const spec of tables.kinds.values()) {
    const scalar = spec.inputs;
    const columns = [
      { name: ID, type: 'VARCHAR' },
      { name: NAME, type: 'VARCHAR' },
      ...(periodic ? [{ name: PERIOD, type: 'VARCHAR' }] : []),
      ...spec.relations.map((r) => ({ name: r.name, type: 'VARCHAR' })),
      ...scalar.map((i) => ({ name: i.name, type: columnType(i.type, decimal) })),
    ];
    const rows: Cell[][] = [];
    for (const u of ds.units) {
      if (u.kind !== spec.kind) continue;
      for (const [period, p] of u.periods) {
        const row: Cell[] = [u.id, u.name, ...(periodic ? [period] : [])];
        for (const r of spec.relations) row.push(u.relations.get(r.id)?.id ?? null);
        for (const i of scalar) {
          const value = p.values.get(i.id)?.value ?? null;
          row.push(i.type.t === 'list' ? (value === null ? null : 'true') : cellText(value, i.type));
        }
        rows.push(row);
      }
    }
    out.push({ name: spec.table, columns, rows });
  }
  for (const list of tables.lists.values()) {
    const fields = list.record.fields;
    const columns = [{ name: UNIT, type: 'VARCHAR' }, ...(periodic ? [{ name: PERIOD, type: 'VARCHAR' }] : []), ...fields.map((x) => ({ name: x.name, type: columnType(x.type, decimal) }))];
    const rows: Cell[][] = [];
    for (const u of ds.units) {
      if (u.kind !== list.kind) continue;
      for (const [period, p] of u.periods) {
        const records = p.values.get(list.input.id)?.value;
        if (!Array.isArray(records)) continue;
        for (const rec of records) rows.push([u.id, ...(periodic ? [period] : []), ...fields.map((x) => cellText(rec[x.name], x.type))]);
      }
    }
    out.push({ name: list.table, columns, rows });
  }
  return out;
}

/** Rows copied in where the driver can (PostgreSQL); else inserted a few hundred at a time, each value a parameter cast to its column's type. */
const BATCH = 200;

/** How a table is made before its rows go in: a temporary table, unless a layout (shards) says otherwise. */
export type CreateTable = (t: TableRows, columns: string) => Promise<void>;

/** The data of one run, loaded as temporary tables of the session by default: two runs on one server never
 *  meet, and nothing is left behind. */
export async function loadDataset(db: Database, graph: RuleGraph, ds: Dataset, create?: CreateTable): Promise<void> {
  for (const t of datasetTables(graph, ds, db.dialect.decimal)) {
    const cols = t.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
    if (create) await create(t, cols);
    else await db.run(`CREATE ${db.dialect.tempTable} ${quoteIdent(t.name)} (${cols})`);
    await insertRows(db, t);
  }
}

/** Tables that stay after the session: data put in a database for later runs (`--db` without `--data`). */
export function lastingTables(db: Database): CreateTable {
  return async (t, columns) => db.run(`CREATE TABLE ${quoteIdent(t.name)} (${columns})`);
}

/** A table's rows put in: copied where the driver can, else inserted in batches, every value a parameter. */
export async function insertRows(db: Database, t: TableRows): Promise<void> {
  if (db.copyIn) return db.copyIn(t.name, t.columns.map((c) => c.name), t.rows);
  for (let at = 0; at < t.rows.length; at += BATCH) {
    const batch = t.rows.slice(at, at + BATCH);
    const params: string[] = [];
    const values = batch.map((row) => {
      const cells = row.map((cell, k) => {
        if (cell === null) return 'NULL';
        params.push(cell);
        return `CAST(${db.dialect.param(params.length)} AS ${t.columns[k]!.type})`;
      });
      return `(${cells.join(', ')})`;
    });
    await db.run(`INSERT INTO ${quoteIdent(t.name)} VALUES ${values.join(', ')}`, params);
  }
}
