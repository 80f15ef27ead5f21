// Result data: the raw form read from JSON or tables (values still as written, each with its location),
// and the checked form the evaluator reads (typed values keyed by the graph's node ids).
import { z } from 'zod';
import type { InputNode, RelationNode, RuleGraph, ValueType } from '../../graph/graph.js';
import { closestName } from './closest-name.js';
import { commonMessage, message, type MessageRef } from '../../messages/index.js';
import { appendIssues, dataIssue, schemaProblem, type DataLocation, type RuntimeIssue } from '../issues.js';
import {
  fieldValue,
  isMissing,
  parseScalar,
  recordFieldTypes,
  show,
  type DataRow,
  type RawCell,
  type TypedValue,
} from './value-parse.js';

/** The period key of a one-period dataset. */
export const SINGLE_PERIOD = '';

export interface RawField {
  cell: RawCell;
  at: DataLocation;
}
export interface RawRecord {
  fields: Map<string, RawField>;
  at: DataLocation;
}
export type RawInput = RawField | { records: RawRecord[]; at: DataLocation };
export interface RawPeriod {
  at: DataLocation;
  inputs: Map<string, RawInput>;
}
export interface RawUnit {
  id: string;
  kind: string;
  name: string | null;
  at: DataLocation;
  relations: Map<string, RawField>;
  periods: Map<string, RawPeriod>;
}
export interface RawDataset {
  units: RawUnit[];
  /** problems found while reading (structure, unknown columns), not tied to a value's type */
  issues: RuntimeIssue[];
}

export interface CheckedValue {
  value: TypedValue | null; // null: given as empty, or invalid (then `invalid` is set and an issue says why)
  at: DataLocation;
  invalid?: true;
}
export interface UnitPeriod {
  at: DataLocation;
  values: Map<string, CheckedValue>; // by input node id; absent: not given
}
export interface DatasetUnit {
  id: string;
  kind: string;
  name: string | null;
  at: DataLocation;
  relations: Map<string, { id: string | null; at: DataLocation }>; // by relation node id
  periods: Map<string, UnitPeriod>;
}
export interface Dataset {
  units: DatasetUnit[];
  /** the periods present, sorted; [SINGLE_PERIOD] for a one-period dataset */
  periods: string[];
  /** type and reference problems; those with `unit` make that unit bad, the others the whole dataset */
  issues: RuntimeIssue[];
  /** the graph the values were checked against, and the raw data to check again for another graph */
  graph: RuleGraph;
  raw: RawDataset;
}

// ── JSON form ────────────────────────────────────────────────────────────────

const jsonValue = z.unknown();
const jsonUnit = z.strictObject({
  id: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().optional(),
  relations: z.record(z.string(), z.string().nullable()).optional(),
  inputs: z.record(z.string(), jsonValue).optional(),
  periods: z.record(z.string(), z.record(z.string(), jsonValue)).optional(),
});
const jsonDataset = z.strictObject({ units: z.array(z.unknown()) });

const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
const UNIT_KEYS = new Set(['id', 'kind', 'name', 'relations', 'inputs', 'periods']);

/**
 * A unit that `jsonUnit` certainly accepts, checked without zod (which builds objects per value): the
 * common case of a large dataset. Anything else goes through zod, so its messages are zod's.
 */
function plainUnit(u: unknown): boolean {
  if (!isPlain(u)) return false;
  for (const key in u) if (!UNIT_KEYS.has(key)) return false;
  const { id, kind, name, relations, inputs, periods } = u;
  if (typeof id !== 'string' || id.length === 0 || typeof kind !== 'string' || kind.length === 0) return false;
  if (name !== undefined && typeof name !== 'string') return false;
  if (relations !== undefined) {
    if (!isPlain(relations)) return false;
    for (const key in relations) if (relations[key] !== null && typeof relations[key] !== 'string') return false;
  }
  if (inputs !== undefined && !isPlain(inputs)) return false;
  if (periods !== undefined) {
    if (!isPlain(periods)) return false;
    for (const key in periods) if (!isPlain(periods[key])) return false;
  }
  return true;
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Read the JSON form (`{ units: [...] }`, as text or parsed) into the raw form. */
export function readJsonDataset(json: unknown): RawDataset {
  let data = json;
  const issues: RuntimeIssue[] = [];
  if (typeof json === 'string') {
    const tooLarge = tooLargeToReadWhole(json.length);
    if (tooLarge) return { units: [], issues: [tooLarge] };
    try {
      data = JSON.parse(json);
    } catch (e) {
      return { units: [], issues: [dataIssue('KR200', message('KR200', 'json', { detail: (e as Error).message }), { path: '(根)' })] };
    }
  }
  const top = jsonDataset.safeParse(data, { reportInput: true });
  if (!top.success) {
    for (const i of top.error.issues) issues.push(dataIssue('KR201', message('KR201', 'schema', { detail: schemaProblem(i) }), { path: jsonPath(i.path) || '(根)' }));
    return { units: [], issues };
  }
  const units: RawUnit[] = [];
  top.data.units.forEach((u, index) => {
    const base = `units[${index}]`;
    const parsed = plainUnit(u) ? null : jsonUnit.safeParse(u, { reportInput: true });
    if (parsed && !parsed.success) {
      for (const i of parsed.error.issues) issues.push(dataIssue('KR201', message('KR201', 'schema', { detail: schemaProblem(i) }), { path: `${base}${i.path.length ? '.' : ''}${jsonPath(i.path)}` }));
      return;
    }
    // Entries are read from the original object: a parsed record would lose a `__proto__` key.
    const p = u as z.infer<typeof jsonUnit>;
    const at = { path: base };
    if (p.inputs && p.periods) {
      issues.push(dataIssue('KR201', message('KR201', 'inputsAndPeriods'), at, { unit: p.id }));
      return;
    }
    const relations = new Map<string, RawField>();
    if (p.relations) for (const name of Object.keys(p.relations)) relations.set(name, { cell: { v: p.relations[name] }, at: { path: `${base}.relations.${name}` } });
    const periods = new Map<string, RawPeriod>();
    if (p.periods) for (const key of Object.keys(p.periods)) periods.set(key, jsonPeriod(p.periods[key]!, `${base}.periods.${key}`));
    else periods.set(SINGLE_PERIOD, jsonPeriod(p.inputs ?? {}, `${base}.inputs`));
    units.push({ id: p.id, kind: p.kind, name: p.name ?? null, at, relations, periods });
  });
  return { units, issues };
}

// Keys, not `Object.entries`: that makes an array per entry, several per value of the data.
function jsonPeriod(inputs: Record<string, unknown>, path: string): RawPeriod {
  const map = new Map<string, RawInput>();
  for (const name of Object.keys(inputs)) map.set(name, jsonInput(inputs[name], `${path}.${name}`));
  return { at: { path }, inputs: map };
}

function jsonInput(v: unknown, path: string): RawInput {
  if (!Array.isArray(v)) return { cell: { v }, at: { path } };
  const records: RawRecord[] = [];
  for (let i = 0; i < v.length; i++) {
    const r: unknown = v[i];
    const fields = new Map<string, RawField>();
    const at = { path: `${path}[${i}]` };
    if (typeof r === 'object' && r !== null && !Array.isArray(r)) {
      const record = r as Record<string, unknown>;
      for (const name of Object.keys(record)) fields.set(name, { cell: { v: record[name] }, at: { path: `${at.path}.${name}` } });
    } else fields.set('', { cell: { v: r }, at });
    records.push({ fields, at });
  }
  return { records, at: { path } };
}

// ── Checking against a graph ─────────────────────────────────────────────────

export interface KindShape {
  inputs: Map<string, InputNode>; // by name
  relations: Map<string, RelationNode>; // by name
}

export function kindShapes(graph: RuleGraph): Map<string, KindShape> {
  const shapes = new Map<string, KindShape>();
  for (const k of graph.kinds) shapes.set(k.name, { inputs: new Map(), relations: new Map() });
  for (const n of graph.nodes) {
    const s = shapes.get(n.kind);
    if (!s) continue;
    if (n.role === 'input') s.inputs.set(n.name, n);
    if (n.role === 'relation') s.relations.set(n.name, n);
  }
  return shapes;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most units one dataset may hold, all kinds together; beyond it the data is refused, not half read. */
export const MAX_UNITS = 1_000_000;
/**
 * Most bytes of data read whole (CSV files; JSON text by its characters; a workbook counts XLSX_WEIGHT times
 * its size, being compressed). Whole-file reading keeps an object per value, about 60 bytes of memory per byte of CSV, so
 * beyond this it would exhaust the heap; larger data is read streamed into columns (columnar-csv.ts).
 */
export const MAX_WHOLE_DATA_BYTES = 40 * 2 ** 20;
export const XLSX_WEIGHT = 8;

/**
 * A UTF-8 file of n bytes holds at least n / 3 characters, so JSON larger than this many bytes is beyond the
 * limit in characters too: refused by its size on disk, before a byte is read.
 */
export const MAX_WHOLE_JSON_FILE_BYTES = 3 * MAX_WHOLE_DATA_BYTES;

/**
 * The issue for data too large to read whole (`bytes`, in `file` when known), or null. `refuseAbove` is the
 * bound for what `bytes` counts (JSON files by bytes on disk: MAX_WHOLE_JSON_FILE_BYTES).
 */
export function tooLargeToReadWhole(bytes: number, file?: string, refuseAbove = MAX_WHOLE_DATA_BYTES): RuntimeIssue | null {
  if (bytes <= refuseAbove) return null;
  const mib = (b: number) => Math.ceil(b / 2 ** 20);
  return dataIssue('KR243', message('KR243', 'tooLarge', { mib: mib(bytes), limit: mib(MAX_WHOLE_DATA_BYTES) }), file === undefined ? { path: '(数据)' } : { file });
}

/** Most records one unit's record-list input may hold in one period. */
export const MAX_RECORDS_PER_LIST = 100_000;

/** Check raw data against the graph's entity kinds and input types. Every problem is located. */
export function checkDataset(graph: RuleGraph, raw: RawDataset): Dataset {
  const issues: RuntimeIssue[] = [...raw.issues];
  if (raw.units.length > MAX_UNITS) {
    issues.push(dataIssue('KR240', message('KR240', 'tooMany', { count: raw.units.length, max: MAX_UNITS }), { path: '(根)' }));
    return { units: [], periods: [SINGLE_PERIOD], issues, graph, raw };
  }
  const shapes = kindShapes(graph);
  const records = new Map(graph.records.map((r) => [r.name, recordFieldTypes(r)]));
  const byId = new Map<string, RawUnit>();
  const units: DatasetUnit[] = [];
  const periodKeys = new Set<string>();
  const unknown = new UnknownFields();

  for (const u of raw.units) {
    const shape = shapes.get(u.kind);
    if (!shape) {
      const known = graph.kinds.map((k) => k.name);
      issues.push(dataIssue('KR202', message('KR202', 'unknown', { kind: u.kind, known }), u.at, { unit: u.id }));
      continue;
    }
    const first = byId.get(u.id);
    if (first) {
      issues.push(dataIssue('KR203', message('KR203', 'first', { first: describe(first.at) }), u.at, { unit: u.id, kind: u.kind }));
      continue;
    }
    byId.set(u.id, u);
    const who = { unit: u.id, kind: u.kind };
    const relations = new Map<string, { id: string | null; at: DataLocation }>();
    for (const [name, f] of u.relations) {
      const rel = shape.relations.get(name);
      if (!rel) {
        unknown.note(u.kind, name, 'relation', f.at, u.id);
        continue;
      }
      const v = f.cell.v;
      if (isMissing(v)) relations.set(rel.id, { id: null, at: f.at });
      else if (typeof v === 'string') relations.set(rel.id, { id: v.trim(), at: f.at });
      else issues.push(dataIssue('KR205', message('KR205', 'notId', { value: show(v) }), f.at, { ...who, field: name }));
    }
    const periods = new Map<string, UnitPeriod>();
    // forEach, not for…of: the entries' iterator makes a pair per value.
    u.periods.forEach((p, key) => {
      periodKeys.add(key);
      const values = new Map<string, CheckedValue>();
      p.inputs.forEach((input, name) => {
        const node = shape.inputs.get(name);
        if (!node) unknown.note(u.kind, name, 'input', input.at, u.id);
        else values.set(node.id, checkInput(node, input, records, issues, who) ?? { value: null, at: input.at, invalid: true });
      });
      periods.set(key, { at: p.at, values });
    });
    units.push({ id: u.id, kind: u.kind, name: u.name, at: u.at, relations, periods });
  }

  // Relations must reach a unit of the declared kind.
  const kindOf = new Map(units.map((u) => [u.id, u.kind]));
  const relationNodes = new Map(graph.nodes.filter((n) => n.role === 'relation').map((n) => [n.id, n as RelationNode]));
  for (const u of units)
    for (const [relId, r] of u.relations) {
      if (r.id === null) continue;
      const rel = relationNodes.get(relId)!;
      const k = kindOf.get(r.id);
      const who = { unit: u.id, kind: u.kind, field: rel.name };
      if (k === undefined) issues.push(dataIssue('KR207', message('KR207', 'missing', { id: r.id }), r.at, who));
      else if (k !== rel.target) issues.push(dataIssue('KR208', message('KR208', 'kind', { id: r.id, kind: k, target: rel.target }), r.at, who));
    }

  if (periodKeys.size > 1 && periodKeys.has(SINGLE_PERIOD))
    issues.push(dataIssue('KR209', message('KR209', 'mixed'), { path: 'units' }));
  appendIssues(issues, unknown.warnings(shapes));
  units.sort((a, b) => compareIds(a.id, b.id));
  return { units, periods: [...periodKeys].sort(compareIds), issues, graph, raw };
}

/**
 * Fields of the JSON form that are neither an input nor a relation of the unit's kind. Real result data
 * often carries extra fields (another year's inputs, notes), so they are ignored with a warning, one per
 * kind and name at its first place; a misspelt required input still fails as a missing value, and the
 * warning's did-you-mean hint points at the likely intended name.
 */
class UnknownFields {
  private readonly seen = new Map<string, { kind: string; name: string; where: 'input' | 'relation'; at: DataLocation; unit: string; count: number }>();

  note(kind: string, name: string, where: 'input' | 'relation', at: DataLocation, unit: string): void {
    const key = JSON.stringify([kind, where, name]);
    const first = this.seen.get(key);
    if (first) first.count++;
    else this.seen.set(key, { kind, name, where, at, unit, count: 1 });
  }

  warnings(shapes: Map<string, KindShape>): RuntimeIssue[] {
    return [...this.seen.values()].map((f) => {
      const shape = shapes.get(f.kind)!;
      const text = unknownField(f.kind, f.name, f.where === 'input' ? 'field' : 'relation', shape, f.count);
      return dataIssue(f.where === 'input' ? 'KR206' : 'KR204', text, f.at, { unit: f.unit, kind: f.kind, field: f.name, severity: 'warning' });
    });
  }
}

/** The sentence for a field or column (`noun`) that is neither an input nor a relation of `kind`, with a did-you-mean hint. */
export function unknownField(kind: string, name: string, noun: 'field' | 'relation' | 'column', shape: KindShape, count = 1): MessageRef {
  const guess = name === '' ? null : closestName(name, [...shape.inputs.keys(), ...shape.relations.keys()]);
  return commonMessage('unknownField', { kind, name, noun, guess, count });
}

function describe(at: DataLocation): string {
  return at.file !== undefined ? `${at.file}${at.row !== undefined ? `:${at.row}` : ''}` : (at.path ?? '');
}

function checkInput(
  node: InputNode,
  input: RawInput,
  records: Map<string, Map<string, ValueType>>,
  issues: RuntimeIssue[],
  who: { unit: string; kind: string },
): CheckedValue | null {
  const field = node.name;
  if (node.type.t === 'list') {
    if (!('records' in input)) {
      if (isMissing(input.cell.v)) return { value: null, at: input.at };
      issues.push(dataIssue('KR210', message('KR210', 'notList', { value: show(input.cell.v) }), input.at, { ...who, field }));
      return null;
    }
    if (input.records.length > MAX_RECORDS_PER_LIST) {
      issues.push(dataIssue('KR241', message('KR241', 'tooMany', { count: input.records.length, max: MAX_RECORDS_PER_LIST }), input.at, { ...who, field }));
      return null;
    }
    const types = records.get(node.type.record)!;
    let ok = true;
    const rows: DataRow[] = [];
    const record = node.type.record;
    for (const r of input.records) {
      const row: DataRow = Object.create(null);
      r.fields.forEach((f, name) => {
        const type = types.get(name);
        if (!type) {
          issues.push(dataIssue('KR211', message('KR211', 'unknown', { record, name, known: [...types.keys()] }), f.at, { ...who, field }));
          ok = false;
          return;
        }
        if (isMissing(f.cell.v)) return;
        const parsed = parseScalar(type, f.cell);
        if (parsed.ok) row[name] = fieldValue(type, parsed.value);
        else {
          issues.push(dataIssue('KR212', parsed.text, f.at, { ...who, field: `${field}.${name}` }));
          ok = false;
        }
      });
      for (const name of types.keys()) {
        if (name in row) continue;
        const f = r.fields.get(name);
        if (f && !isMissing(f.cell.v)) continue; // its bad value is already reported
        issues.push(dataIssue('KR213', message('KR213', f ? 'empty' : 'missing', { name }), f?.at ?? r.at, { ...who, field: `${field}.${name}` }));
        ok = false;
      }
      rows.push(row);
    }
    return ok ? { value: rows, at: input.at } : null;
  }
  if ('records' in input) {
    issues.push(dataIssue('KR210', message('KR210', 'notScalar'), input.at, { ...who, field }));
    return null;
  }
  if (isMissing(input.cell.v)) return { value: null, at: input.at };
  const parsed = parseScalar(node.type, input.cell);
  if (parsed.ok) return { value: parsed.value, at: input.at };
  issues.push(dataIssue('KR212', parsed.text, input.at, { ...who, field }));
  return null;
}
