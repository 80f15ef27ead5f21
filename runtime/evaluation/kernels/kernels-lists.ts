// Record lists in columnar form for the kernels: the records of all units laid end to end, one column per
// field (numbers, booleans 1/0, dates in days and enum member indexes as Float64Array with NaN for "no
// value"; text as strings), and `start[i]` … `start[i + 1]` the records of unit i. A unit without the
// list has no records here; its input's MISSING bit says so.
import type { RecordSpec, ValueType } from '../../../graph/graph.js';
import type { DataRow, RecordValue } from '../../data/value-parse.js';

export type FieldColumn = Float64Array | (string | null)[];

export interface RecordColumns {
  start: Int32Array;
  fields: Map<string, FieldColumn>;
}

export function isTextField(type: ValueType): boolean {
  return type.t === 'text' || type.t === 'ref';
}

/** A field value as kept in a field column (enum members by index, booleans 1/0). */
export function fieldNumber(type: ValueType, v: RecordValue | undefined): number {
  if (v === undefined) return NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (type.t === 'enum') return typeof v === 'string' ? type.values.indexOf(v) : NaN;
  return typeof v === 'number' ? v : NaN;
}

/** Columns of the records of every unit (null: the unit has no list). */
export function recordColumnsOf(spec: RecordSpec, lists: readonly (DataRow[] | null | undefined)[]): RecordColumns {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + (lists[i]?.length ?? 0);
  const total = start[lists.length]!;
  const fields = new Map<string, FieldColumn>();
  for (const f of spec.fields) {
    if (isTextField(f.type)) {
      const col = new Array<string | null>(total).fill(null);
      lists.forEach((rows, i) => rows?.forEach((r, k) => (col[start[i]! + k] = typeof r[f.name] === 'string' ? (r[f.name] as string) : null)));
      fields.set(f.name, col);
    } else {
      const col = new Float64Array(total);
      lists.forEach((rows, i) => rows?.forEach((r, k) => (col[start[i]! + k] = fieldNumber(f.type, r[f.name]))));
      fields.set(f.name, col);
    }
  }
  return { start, fields };
}

/** Unit i's records as the reference evaluator reads them. */
export function rowsOf(spec: RecordSpec, cols: RecordColumns, i: number): DataRow[] {
  const rows: DataRow[] = [];
  for (let k = cols.start[i]!; k < cols.start[i + 1]!; k++) {
    const row: DataRow = Object.create(null);
    for (const f of spec.fields) {
      const col = cols.fields.get(f.name)!;
      const v = col[k];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      if (typeof v === 'string') row[f.name] = v;
      else if (f.type.t === 'bool') row[f.name] = v === 1;
      else if (f.type.t === 'enum') row[f.name] = f.type.values[v]!;
      else row[f.name] = v;
    }
    rows.push(row);
  }
  return rows;
}
