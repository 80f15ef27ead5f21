// Columnar datasets: result data given as one array per input over all units of a kind, for populations
// too large to hold as one object per unit (a million units): read into the driver's form (`UnitData`, one
// period) with their columns in place. `evaluate(graph, columns)` takes them like any data.
// Values are typed already: numbers as Float64Array (percent as a fraction, booleans 1/0, dates as days
// since 1970-01-01, NaN for "no value"), enum members and text as strings (null for "no value"), record
// lists as offsets plus one column per field. Every problem is reported with its kind, unit and field.
import type { GraphNode, InputNode, RecordSpec, RuleGraph } from '../../graph/graph.js';
import type { LoadedColumn, UnitData } from './evaluate.js';
import { commonMessage, message, type MessageRef } from '../../messages/index.js';
import { IssueList, dataIssue, type RuntimeIssue } from '../issues.js';
import { fieldNumber, isTextField, rowsOf, type FieldColumn, type RecordColumns } from './kernels/kernels-lists.js';
import { DEFAULTED, MISSING, type Column, type KindUnits } from './state.js';
import { fillPeerMean } from './fill-missing.js';
import { parseScalar, type DataRow } from '../data/value-parse.js';

/** Records of a list input: unit i has records start[i] … start[i + 1]; enum fields by member name or index. */
export interface ColumnarRecords {
  start: Int32Array;
  fields: Record<string, Float64Array | (string | null)[]>;
  /** units without the list (1), as opposed to an empty list */
  missing?: Uint8Array;
}

export type ColumnarInput = Float64Array | (string | null)[] | ColumnarRecords;

export interface ColumnarKind {
  ids: string[];
  names?: (string | null)[];
  inputs: Record<string, ColumnarInput>;
  relations?: Record<string, (string | null)[]>;
}

export interface ColumnarDataset {
  kinds: Record<string, ColumnarKind>;
}

/** Whether data is in the columnar form (`{ kinds: { K: { ids, inputs } } }`) rather than the JSON form (`{ units }`). */
export function isColumnar(x: unknown): x is ColumnarDataset {
  if (typeof x !== 'object' || x === null || 'units' in x || !('kinds' in x)) return false;
  const kinds = (x as { kinds: unknown }).kinds;
  return typeof kinds === 'object' && kinds !== null && Object.values(kinds).every((k) => typeof k === 'object' && k !== null && Array.isArray((k as ColumnarKind).ids));
}

const isRecords = (x: ColumnarInput): x is ColumnarRecords => !Array.isArray(x) && !(x instanceof Float64Array);

/** Unit order: by id, as the evaluator orders units (results never depend on the data's order). */
function sortOrder(ids: string[]): Int32Array | null {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) if (!(ids[i - 1]! < ids[i]!)) sorted = false;
  if (sorted) return null;
  return Int32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
}

function permute<T>(xs: ArrayLike<T>, order: Int32Array | null): T[] {
  return order ? Array.from(order, (i) => xs[i]!) : Array.from(xs);
}

function permuteNumbers(xs: Float64Array, order: Int32Array | null): Float64Array {
  return order ? Float64Array.from(order, (i) => xs[i]!) : xs;
}

function permuteRecords(r: ColumnarRecords, order: Int32Array | null, n: number): ColumnarRecords {
  if (!order) return r;
  const start = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) start[p + 1] = start[p]! + r.start[order[p]! + 1]! - r.start[order[p]!]!;
  const fields: ColumnarRecords['fields'] = {};
  for (const [name, col] of Object.entries(r.fields)) {
    const out: Float64Array | (string | null)[] = col instanceof Float64Array ? new Float64Array(start[n]!) : new Array<string | null>(start[n]!);
    for (let p = 0; p < n; p++) for (let k = r.start[order[p]!]!, q = start[p]!; k < r.start[order[p]! + 1]!; k++, q++) out[q] = col[k]!;
    fields[name] = out;
  }
  return { start, fields, missing: r.missing ? Uint8Array.from(order, (i) => r.missing![i]!) : undefined };
}

/** A check of one number of type `t`, chosen once per column; badNumber says what is wrong. */
function numberCheck(t: GraphNode['type']): (x: number) => boolean {
  if (t.t === 'bool') return (x) => x === 0 || x === 1;
  if (t.t === 'date') return (x) => Number.isInteger(x);
  if (t.t === 'num' && t.dim === 'count') return (x) => Number.isInteger(x) && x >= 0;
  return (x) => x - x === 0; // finite
}

class Loader {
  readonly loaded = new Map<string, LoadedColumn>();

  constructor(
    readonly graph: RuleGraph,
    private readonly issues: IssueList,
  ) {}

  problem(kind: string, unit: string | undefined, field: string, text: MessageRef): void {
    this.issues.add(dataIssue('KR212', text, { path: `kinds.${kind}.inputs.${field}` }, { kind, field, ...(unit !== undefined ? { unit } : {}) }));
  }

  input(node: InputNode, units: KindUnits, given: ColumnarInput | undefined, order: Int32Array | null): void {
    const n = units.ids.length;
    const flags = new Uint8Array(n);
    const t = node.type;
    let fallback: number | string | null = null;
    if (node.missing.kind === 'default' && t.t !== 'list') {
      const parsed = parseScalar(t, { v: node.missing.value });
      fallback = parsed.ok ? parsed.value : null;
    }
    const wrongShape = (shape: 'records' | 'strings' | 'numbers') => this.problem(node.kind, undefined, node.name, commonMessage('columnShape', { shape, count: n }));
    if (t.t === 'list') {
      const spec = this.graph.records.find((r) => r.name === t.record)!;
      let records: RecordColumns;
      if (given === undefined) {
        flags.fill(node.missing.kind === 'default' ? DEFAULTED : MISSING);
        records = { start: new Int32Array(n + 1), fields: new Map(spec.fields.map((f) => [f.name, isTextField(f.type) ? [] : new Float64Array(0)])) };
      } else if (!isRecords(given) || given.start.length !== n + 1) return wrongShape('records');
      else {
        const r = permuteRecords(given, order, n);
        const fields = new Map<string, FieldColumn>();
        const total = r.start[n]!;
        for (const f of spec.fields) {
          const col = r.fields[f.name];
          if (!col || col.length !== total) return this.problem(node.kind, undefined, `${node.name}.${f.name}`, commonMessage('fieldLength', { count: total }));
          fields.set(f.name, isTextField(f.type) ? (Array.isArray(col) ? col : Array.from(col as unknown as (string | null)[])) : this.fieldNumbers(node, f.name, f.type, col, r.start, units));
        }
        for (let i = 0; i < n; i++) if (r.missing?.[i]) flags[i] = node.missing.kind === 'default' ? DEFAULTED : MISSING;
        records = { start: r.start, fields };
      }
      // A unit's rows are made only if the reference backend or an explanation reads them.
      this.loaded.set(node.id, { column: { t: 'list', v: rowsOnDemand(spec, records, n) }, flags, records });
      return;
    }
    if (t.t === 'enum' || t.t === 'text') {
      const values = given === undefined ? new Array<string | null>(n).fill(null) : Array.isArray(given) && given.length === n ? permute(given, order) : null;
      if (!values) return wrongShape('strings');
      const col: Column = t.t === 'enum' ? { t: 'enum', v: new Float64Array(n), values: t.values } : { t: 'text', v: values };
      for (let i = 0; i < n; i++) {
        let v = values[i] ?? null;
        if (v === null && fallback !== null) {
          v = String(fallback);
          flags[i] = DEFAULTED;
        } else if (v === null) flags[i] = MISSING;
        if (col.t === 'enum') {
          const k = v === null ? NaN : t.t === 'enum' ? t.values.indexOf(v) : NaN;
          if (k < 0) this.problem(node.kind, units.ids[i], node.name, commonMessage('notEnumValue', { value: `"${v}"`, values: col.values }));
          col.v[i] = k;
        } else col.v[i] = v;
      }
      this.loaded.set(node.id, { column: col, flags });
      return;
    }
    if (given !== undefined && !(given instanceof Float64Array && given.length === n)) return wrongShape('numbers');
    // The given column is read in place; it is copied only to write a default into it.
    let v = given === undefined ? new Float64Array(n).fill(NaN) : order ? permuteNumbers(given, order) : given;
    const check = numberCheck(t);
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x !== x) {
        if (typeof fallback === 'number') {
          if (v === given) v = given.slice();
          v[i] = fallback;
          flags[i] = DEFAULTED;
        } else flags[i] = MISSING;
      } else if (!check(x)) this.problem(node.kind, units.ids[i], node.name, this.badNumber(t, x)!);
    }
    if (node.missing.kind === 'fill_peer_mean') fillPeerMean(v === given ? (v = given.slice()) : v, flags);
    this.loaded.set(node.id, { column: { t: 'num', v }, flags });
  }

  /** Whether a numeric field column has no problem at all (enum members as valid indexes). */
  validNumbers(type: GraphNode['type'], col: Float64Array, check: (x: number) => boolean): boolean {
    const members = type.t === 'enum' ? type.values.length : -1;
    for (let k = 0; k < col.length; k++) {
      const x = col[k]!;
      if (x !== x || !check(x) || (members >= 0 && (!Number.isInteger(x) || x < 0 || x >= members))) return false;
    }
    return true;
  }

  badNumber(t: GraphNode['type'], x: number): MessageRef | null {
    if (!Number.isFinite(x)) return commonMessage('notFinite', { value: String(x) });
    if (t.t === 'bool' && x !== 0 && x !== 1) return commonMessage('notBoolFlag', { value: x });
    if (t.t === 'date' && !Number.isInteger(x)) return commonMessage('notWholeDays', { value: x });
    if (t.t === 'num' && t.dim === 'count' && (!Number.isInteger(x) || x < 0)) return commonMessage('notCount', { value: String(x), because: null });
    return null;
  }

  fieldNumbers(node: InputNode, field: string, type: GraphNode['type'], col: Float64Array | (string | null)[], start: Int32Array, units: KindUnits): Float64Array {
    const check = numberCheck(type);
    if (col instanceof Float64Array && this.validNumbers(type, col, check)) return col; // read in place
    const out = new Float64Array(col.length);
    let unit = 0;
    for (let k = 0; k < col.length; k++) {
      while (start[unit + 1]! <= k) unit++;
      const v = col[k];
      const x = typeof v === 'string' ? fieldNumber(type, v) : v === null || v === undefined ? NaN : type.t === 'enum' && (!Number.isInteger(v) || v < 0 || v >= type.values.length) ? -1 : v;
      const why = x !== x ? commonMessage('emptyRecordField')
        : x === -1 && type.t === 'enum' ? commonMessage('notEnumValue', { value: `"${v}"`, values: type.values })
        : check(x) ? null : this.badNumber(type, x);
      if (why) this.problem(node.kind, units.ids[unit], `${node.name}.${field}`, why);
      out[k] = x;
    }
    return out;
  }
}

/**
 * A columnar dataset read into the driver's form (one period), every problem reported with its kind, unit and
 * field; null data when there is any error. Number columns are read in place, not copied: they must not change
 * while an evaluation of them is in use.
 */
export function columnarData(graph: RuleGraph, data: ColumnarDataset): { data: UnitData | null; issues: RuntimeIssue[] } {
  const kinds = new Map<string, KindUnits>();
  const issues = new IssueList();
  const orders = new Map<string, Int32Array | null>();
  for (const name of Object.keys(data.kinds))
    if (!graph.kinds.some((k) => k.name === name))
      issues.add(dataIssue('KR202', message('KR202', 'unknown', { kind: name, known: graph.kinds.map((k) => k.name) }), { path: `kinds.${name}` }));
  const earlier: KindUnits[] = []; // kinds already indexed, latest first
  for (const k of graph.kinds) {
    const given = data.kinds[k.name];
    const ids = given?.ids ?? [];
    const order = sortOrder(ids);
    orders.set(k.name, order);
    const sorted = permute(ids, order);
    // One map per kind serves as its index and, with the earlier kinds' maps, finds repeated ids.
    const index = new Map<string, number>();
    for (let i = 0; i < sorted.length; i++) {
      const id = sorted[i]!;
      let also = index.has(id) ? k.name : null;
      for (let e = 0; e < earlier.length && also === null; e++) if (earlier[e]!.index.has(id)) also = earlier[e]!.kind;
      if (also !== null) issues.add(dataIssue('KR203', message('KR203', 'also', { kind: also }), { path: `kinds.${k.name}.ids` }, { unit: id, kind: k.name }));
      index.set(id, i);
    }
    const names = given?.names ? permute(given.names, order) : new Array<string | null>(sorted.length).fill(null);
    const units: KindUnits = { kind: k.name, ids: sorted, names, index };
    kinds.set(k.name, units);
    earlier.unshift(units);
  }
  if (issues.errors > 0) return { data: null, issues: issues.list() };

  const loader = new Loader(graph, issues);
  for (const node of graph.nodes) {
    const given = data.kinds[node.kind];
    const units = kinds.get(node.kind)!;
    const order = orders.get(node.kind) ?? null;
    if (node.role === 'input') {
      const v = given?.inputs[node.name];
      loader.input(node, units, v, order);
      if (v === undefined && node.missing.kind === 'error' && units.ids.length > 0)
        issues.add(dataIssue('KR230', message('KR230', 'missing'), { path: `kinds.${node.kind}.inputs` }, { kind: node.kind, field: node.name }));
      else if (node.missing.kind === 'error' || node.missing.kind === 'fill_peer_mean') {
        // still missing after loading: no value given, or (filled by peers) no peer had one to fill from
        const why = node.missing.kind === 'error' ? 'emptyValue' : 'noPeer';
        const flags = loader.loaded.get(node.id)?.flags ?? new Uint8Array(0);
        for (let i = 0; i < flags.length; i++)
          if (flags[i]! & MISSING) issues.add(dataIssue('KR230', message('KR230', why), { path: `kinds.${node.kind}.inputs.${node.name}` }, { unit: units.ids[i]!, kind: node.kind, field: node.name }));
      }
    } else if (node.role === 'relation') {
      const target = kinds.get(node.target)!;
      const ids = given?.relations?.[node.name];
      const col = new Int32Array(units.ids.length).fill(-1);
      if (ids) {
        const sortedIds = permute(ids, order);
        for (let i = 0; i < col.length; i++) {
          const id = sortedIds[i];
          if (id === null || id === undefined) continue;
          const j = target.index.get(id);
          if (j === undefined) issues.add(dataIssue('KR207', message('KR207', 'missing', { id }), { path: `kinds.${node.kind}.relations.${node.name}` }, { unit: units.ids[i]!, kind: node.kind, field: node.name }));
          else col[i] = j;
        }
      }
      loader.loaded.set(node.id, { column: { t: 'ref', v: col }, flags: new Uint8Array(units.ids.length) });
    }
  }
  if (issues.errors > 0) return { data: null, issues: issues.list() };
  return { data: { kinds, load: (node) => loader.loaded.get(node.id)! }, issues: issues.list() };
}

/** A list column whose rows are made when first read, unit by unit (a million units' rows would not fit). */
function rowsOnDemand(spec: RecordSpec, cols: RecordColumns, n: number): DataRow[][] {
  const made = new Map<number, DataRow[]>();
  return new Proxy(new Array<DataRow[]>(n), {
    get(target, key, receiver) {
      const i = typeof key === 'string' ? Number(key) : NaN;
      if (!Number.isInteger(i) || i < 0 || i >= n) return Reflect.get(target, key, receiver);
      let rows = made.get(i);
      if (!rows) made.set(i, (rows = rowsOf(spec, cols, i)));
      return rows;
    },
  });
}
