// CSV tables streamed straight into a columnar dataset, for populations too large to read as one object
// per unit: each row's cells are typed as they arrive and appended to one array per input, so memory is
// the columns themselves plus one chunk of text. The tables are those of whole-file reading (one per entity
// kind, one per record-list input, the same header rules and value parsing), for one period. Every problem
// names its file, row and column; beyond MAX_LISTED_ISSUES only their count is kept (IssueList).
import type { RuleGraph, ValueType } from '../../graph/graph.js';
import { CsvRows } from './csv-rows.js';
import type { ColumnarDataset, ColumnarKind, ColumnarRecords } from '../evaluation/columnar-dataset.js';
import { MAX_RECORDS_PER_LIST, type KindShape } from './dataset.js';
import { message, type MessageRef } from '../../messages/index.js';
import { IssueList, dataIssue, type DataLocation, type RuntimeIssue } from '../issues.js';
import { listTableOf, recordTableLayout, tableName, tableTargets, unitTableLayout, unknownColumnWarning, type ListTable, type TableTargets } from './table-layout.js';
import { isMissing, isRefused, tableCellReader } from './value-parse.js';
import { cadenceOf } from '../evaluation/evaluate.js';

export interface StreamedDataset {
  /** null when there is any error */
  data: ColumnarDataset | null;
  /** the period of the rows (their period column), or null when the tables have none */
  period: string | null;
  issues: RuntimeIssue[];
}

/** One file's bytes, pushed in chunks. */
export interface CsvFileSink {
  push(bytes: Uint8Array): void;
  end(): void;
}

/** Numbers per block at most: a column grows by blocks, never by copying itself into one twice its size. */
const BLOCK = 1 << 16;

/** A growing typed array of numbers, kept in blocks until done. */
class Numbers<A extends Float64Array | Int32Array> {
  private full: A[] = [];
  private block: A;
  private at = 0;
  length = 0;
  constructor(private readonly make: (n: number) => A) {
    this.block = make(1024);
  }
  push(x: number): void {
    if (this.at === this.block.length) {
      this.full.push(this.block);
      this.block = this.make(Math.min(BLOCK, this.block.length * 2));
      this.at = 0;
    }
    this.block[this.at++] = x;
    this.length++;
  }
  /** The numbers pushed, once: each block is let go as it is copied, so a column is never held twice. */
  done(): A {
    const out = this.make(this.length);
    let o = 0;
    for (let b = this.full.shift(); b; b = this.full.shift()) {
      out.set(b, o);
      o += b.length;
    }
    out.set(this.block.subarray(0, this.at), o);
    this.block = this.make(0);
    this.at = this.length = 0;
    return out;
  }
}

const floats = (n: number) => new Float64Array(n);
const ints = (n: number) => new Int32Array(n);

/** Distinct strings kept once per column; beyond this many, a column's new strings are kept as they come. */
const INTERNED_STRINGS = 1 << 16;

/**
 * A cell's text as a string of its own. V8 keeps a long substring as a view of the string it was cut
 * from, so a stored cell would keep its whole chunk of the file alive; joining and cutting copies it.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/**
 * Where a column's typed values go: numbers (percent as a fraction, booleans 1/0, dates as days, enum fields
 * as member index) or strings (the same text kept once: ids, relations and record names repeat a lot).
 */
type Sink = { read: CellReader; type: ValueType } & ({ numbers: Numbers<Float64Array> } | { strings: (string | null)[]; intern: Map<string, string> });
type CellReader = ReturnType<typeof tableCellReader>;

function sinkFor(type: ValueType, enumIndex: boolean): Sink {
  const read = tableCellReader(type);
  if (type.t === 'num' || type.t === 'bool' || type.t === 'date' || (type.t === 'enum' && enumIndex)) return { read, type, numbers: new Numbers(floats) };
  return { read, type, strings: [], intern: new Map() };
}

interface KindTable {
  kind: string;
  shape: KindShape;
  ids: string[];
  names: (string | null)[];
  inputs: Map<string, Sink>;
  relations: Map<string, Sink>;
}

interface ListRows {
  target: ListTable;
  source: string;
  /** each record's unit, as its key in the kind's UnitKeys */
  units: Numbers<Int32Array>;
  rows: Numbers<Int32Array>;
  fields: Map<string, Sink>;
}

/** A number for each unit id of a kind: list tables name a unit by id per record, before or after its kind's table. */
interface UnitKeys {
  key: Map<string, number>;
  ids: string[];
}

export class ColumnarCsvReader {
  private readonly targets: TableTargets;
  private readonly kinds = new Map<string, KindTable>();
  private readonly lists = new Map<string, ListRows>();
  private readonly unitKeys = new Map<string, UnitKeys>();
  private readonly issues = new IssueList();
  private period: string | null;
  private periodic: boolean | null = null;
  private mixed = false; // more than one period, none asked for (reported once)
  private matched = false; // a row of the period asked for

  /** `period`, when given, is the period the rows must be of. */
  constructor(
    private readonly graph: RuleGraph,
    private readonly wanted: string | null = null,
  ) {
    this.targets = tableTargets(graph);
    this.period = wanted;
  }

  private report(issue: RuntimeIssue): void {
    this.issues.add(issue);
  }

  /** A file of the dataset, named as in a folder of CSV files (`省局.csv`, `司局评分.csv`). */
  file(name: string): CsvFileSink {
    let row: ((cells: string[], at: number) => void) | null = null;
    const rows = new CsvRows({
      row: (cells, at) => {
        if (row) row(cells, at);
        else row = this.header(name, cells.map((h) => h.trim())) ?? (() => {});
      },
      unreadable: (text, at, code = 'KR226') => this.report(dataIssue(code, text, { file: name, row: at })),
    });
    return { push: (bytes) => rows.push(bytes), end: () => rows.end() };
  }

  /** The reader of the rows under this header; null (reported) when the table cannot be read. */
  private header(file: string, header: string[]): ((cells: string[], at: number) => void) | null {
    const table = tableName(file);
    const issues: RuntimeIssue[] = [];
    const read = this.targets.shapes.has(table) ? this.kindTable(table, file, header, issues) : this.listTable(table, file, header, issues);
    for (const i of issues) this.report(i);
    return read;
  }

  /** Whether the tables all have a period column or none has; reported at the header that breaks it. */
  private samePeriodShape(periodCol: number, file: string): boolean {
    if (this.periodic !== null && this.periodic !== periodCol >= 0) {
      this.report(dataIssue('KR223', message('KR223', 'mixed'), { file, row: 1 }));
      return false;
    }
    this.periodic = periodCol >= 0;
    return true;
  }

  /** Whether the row is of the period being read: the one asked for, else the only one the data may have. */
  private inPeriod(cell: string | undefined, at: DataLocation, unit: string | undefined): boolean {
    const p = (cell ?? '').trim();
    if (p === '') {
      this.report(dataIssue('KR215', message('KR215', 'period'), at, unit !== undefined ? { unit } : {}));
      return false;
    }
    if (this.period === null) this.period = p;
    if (p === this.period) return (this.matched = true);
    if (this.wanted === null && !this.mixed) {
      this.mixed = true;
      this.report(dataIssue('KR231', message('KR231', 'several', { periods: [this.period, p], more: true }), at));
    }
    return false;
  }

  private keysOf(kind: string): UnitKeys {
    let keys = this.unitKeys.get(kind);
    if (!keys) this.unitKeys.set(kind, (keys = { key: new Map(), ids: [] }));
    return keys;
  }

  private unitKey(keys: UnitKeys, id: string): number {
    let k = keys.key.get(id);
    if (k === undefined) {
      const kept = detached(id);
      k = keys.ids.push(kept) - 1;
      keys.key.set(kept, k);
    }
    return k;
  }

  private duplicateTable(file: string, table: string): null {
    this.report(dataIssue('KR228', message('KR228', 'twice', { table }), { file }));
    return null;
  }

  private kindTable(kind: string, file: string, header: string[], issues: RuntimeIssue[]): ((cells: string[], at: number) => void) | null {
    if (this.kinds.has(kind)) return this.duplicateTable(file, kind);
    const shape = this.targets.shapes.get(kind)!;
    const layout = unitTableLayout(kind, shape, header, file, issues, (_, h) => h !== '');
    if (!layout || !this.samePeriodShape(layout.periodCol, file)) return null;
    const t: KindTable = { kind, shape, ids: [], names: [], inputs: new Map(), relations: new Map() };
    this.kinds.set(kind, t);
    const columns = layout.columns.map((c) => {
      const node = c.role === 'input' ? shape.inputs.get(c.header)! : shape.relations.get(c.header)!;
      const sink = sinkFor(node.type, false);
      (c.role === 'input' ? t.inputs : t.relations).set(c.header, sink);
      return { index: c.index, header: c.header, sink };
    });
    const emptyHeaded = layout.unknown; // warned about once, if any row has a value there
    const { idCol, nameCol, periodCol } = layout;
    const keys = this.keysOf(kind);
    return (cells, row) => {
      if (cells.every(isMissing)) return;
      for (let k = emptyHeaded.length - 1; k >= 0; k--)
        if (!isMissing(cells[emptyHeaded[k]!.index])) {
          this.report(unknownColumnWarning(kind, shape, '', file));
          emptyHeaded.splice(k, 1);
        }
      const idCell = cells[idCol];
      if (isMissing(idCell)) return this.report(dataIssue('KR215', message('KR215', 'id'), { file, row, column: header[idCol]! }));
      const id = idCell!.trim();
      if (periodCol >= 0 && !this.inPeriod(cells[periodCol], { file, row, column: header[periodCol]! }, id)) return;
      t.ids.push(keys.ids[this.unitKey(keys, id)]!);
      const name = nameCol >= 0 ? cells[nameCol] : undefined;
      t.names.push(isMissing(name) ? null : detached(name!));
      for (const c of columns) {
        const refused = this.cell(c.sink, cells[c.index]);
        if (refused !== null) this.report(dataIssue('KR212', refused, { file, row, column: c.header }, { unit: id, kind, field: c.header }));
      }
    };
  }

  private listTable(table: string, file: string, header: string[], issues: RuntimeIssue[]): ((cells: string[], at: number) => void) | null {
    const target = listTableOf(this.targets, table, file, issues);
    if (!target) return null;
    const key = `${target.kind}.${target.input}`;
    if (this.lists.has(key)) return this.duplicateTable(file, table);
    const layout = recordTableLayout(target.record, header, file, issues);
    if (!layout) return null;
    const absent = target.record.fields.filter((f) => !layout.fields.some((c) => c.header === f.name)).map((f) => f.name);
    if (absent.length > 0) {
      issues.push(dataIssue('KR227', message('KR227', 'missing', { columns: absent }), { file, row: 1 }));
      return null;
    }
    if (!this.samePeriodShape(layout.periodCol, file)) return null;
    const list: ListRows = { target, source: file, units: new Numbers(ints), rows: new Numbers(ints), fields: new Map() };
    this.lists.set(key, list);
    const columns = layout.fields.map((c) => {
      const type = target.record.fields.find((f) => f.name === c.header)!.type;
      const sink = sinkFor(type, true);
      list.fields.set(c.header, sink);
      return { index: c.index, header: c.header, sink };
    });
    const { unitCol, periodCol } = layout;
    const keys = this.keysOf(target.kind);
    // A unit's records usually come together: its key is looked up once for them.
    let lastUnit = '';
    let lastKey = -1;
    return (cells, row) => {
      if (cells.every(isMissing)) return;
      const unit = (cells[unitCol] ?? '').trim();
      if (unit === '') return this.report(dataIssue('KR217', message('KR217', 'empty'), { file, row, column: header[unitCol]! }));
      if (periodCol >= 0 && !this.inPeriod(cells[periodCol], { file, row, column: header[periodCol]! }, unit)) return;
      if (unit !== lastUnit) [lastUnit, lastKey] = [unit, this.unitKey(keys, unit)];
      list.units.push(lastKey);
      list.rows.push(row);
      for (const c of columns) {
        const text = cells[c.index];
        const missing = isMissing(text);
        const refused = missing ? message('KR213', 'empty', { name: c.header }) : this.cell(c.sink, text);
        if (missing) pushMissing(c.sink);
        if (refused !== null)
          this.report(dataIssue(missing ? 'KR213' : 'KR212', refused, { file, row, column: c.header }, { unit, kind: target.kind, field: `${target.input}.${c.header}` }));
      }
    };
  }

  /** Type one cell into its column, missing as NaN / null; a refused value is kept as missing and its reason returned. */
  private cell(sink: Sink, text: string | undefined): MessageRef | null {
    if (isMissing(text)) {
      pushMissing(sink);
      return null;
    }
    const v = sink.read(text!);
    if (isRefused(v)) {
      pushMissing(sink);
      return v.text;
    }
    if ('numbers' in sink) sink.numbers.push(typeof v === 'number' ? v : (sink.type as Extract<ValueType, { t: 'enum' }>).values.indexOf(v));
    else if (sink.type.t === 'enum') sink.strings.push(sink.type.values[sink.type.values.indexOf(v as string)]!); // the member's own string
    else {
      // Text is kept as written; ids of related units without the spaces around them.
      const s = sink.type.t === 'text' ? (v as string) : (v as string).trim();
      let kept = sink.intern.get(s);
      if (kept === undefined) {
        kept = detached(s);
        if (sink.intern.size < INTERNED_STRINGS) sink.intern.set(kept, kept); // keyed by the copy: the cut text would hold its chunk
      }
      sink.strings.push(kept);
    }
    return null;
  }

  /** The dataset, once every file has ended. */
  finish(): StreamedDataset {
    const period = this.periodic ? this.period : this.wanted;
    if (this.periodic && this.wanted !== null && !this.matched) this.report(dataIssue('KR231', message('KR231', 'missing', { period: this.wanted, known: null }), { path: '(数据)' }));
    else if (period !== null) this.refuseParts(period);
    const kinds: Record<string, ColumnarKind> = {};
    for (const k of this.graph.kinds) {
      const t = this.kinds.get(k.name);
      if (!t) continue;
      const inputs: ColumnarKind['inputs'] = {};
      for (const [name, sink] of t.inputs) inputs[name] = done(sink);
      const relations: NonNullable<ColumnarKind['relations']> = {};
      for (const [name, sink] of t.relations) relations[name] = done(sink) as (string | null)[];
      kinds[k.name] = { ids: t.ids, names: t.names, inputs, relations };
    }
    for (const list of this.lists.values()) {
      const kind = (kinds[list.target.kind] ??= { ids: [], names: [], inputs: {}, relations: {} });
      kind.inputs[list.target.input] = this.groupByUnit(list, kind.ids);
    }
    this.unitKeys.clear(); // a million ids' keys are not needed by the evaluation
    return { data: this.issues.errors > 0 ? null : { kinds }, period, issues: this.issues.list() };
  }

  /**
   * Streamed rows are evaluated as one whole period: a period the policy sums from its parts, or a part of
   * a year (which evaluates only that cadence's indicators), needs the whole-file reader.
   */
  private refuseParts(period: string): void {
    const summed = this.graph.periods.find((p) => p.period === period);
    if (summed || cadenceOf(period) !== null)
      this.report(dataIssue('KR225', message('KR225', 'parts', { period, parts: summed ? summed.parts : null }), { path: '(数据)' }));
  }

  /** A list table's rows as each unit's records, units in `ids` order, records in file order. */
  private groupByUnit(list: ListRows, ids: string[]): ColumnarRecords {
    const keys = this.keysOf(list.target.kind);
    const position = new Int32Array(keys.ids.length).fill(-1);
    for (let i = ids.length - 1; i >= 0; i--) position[keys.key.get(ids[i]!)!] = i; // the first of repeated ids (reported later)
    const n = ids.length;
    const start = new Int32Array(n + 1);
    const rows = list.rows.done();
    const unitOf = list.units.done();
    for (let k = 0; k < unitOf.length; k++) {
      const key = unitOf[k]!;
      const i = position[key]!;
      unitOf[k] = i;
      if (i < 0) this.report(dataIssue('KR217', message('KR217', 'notInTable', { unit: keys.ids[key]!, kind: list.target.kind }), { file: list.source, row: rows[k]! }, { unit: keys.ids[key]! }));
      else start[i + 1]!++;
    }
    for (let i = 0; i < n; i++) {
      if (start[i + 1]! > MAX_RECORDS_PER_LIST)
        this.report(dataIssue('KR241', message('KR241', 'tooMany', { count: start[i + 1]!, max: MAX_RECORDS_PER_LIST }), { file: list.source }, { unit: ids[i]!, kind: list.target.kind, field: list.target.input }));
      start[i + 1]! += start[i]!;
    }
    // Counting sort: each record goes to the next free place of its unit, so a unit's records keep file
    // order; the array of records' units becomes the array of their places.
    const place = unitOf;
    const next = start.slice(0, n);
    for (let k = 0; k < place.length; k++) if (place[k]! >= 0) place[k] = next[place[k]!]!++;
    const fields: ColumnarRecords['fields'] = {};
    const total = start[n]!;
    for (const [name, sink] of list.fields) {
      const col = done(sink);
      const out: Float64Array | (string | null)[] = col instanceof Float64Array ? new Float64Array(total) : new Array<string | null>(total);
      for (let k = 0; k < place.length; k++) if (place[k]! >= 0) out[place[k]!] = col[k]!;
      fields[name] = out;
    }
    return { start, fields };
  }
}

function pushMissing(sink: Sink): void {
  if ('numbers' in sink) sink.numbers.push(NaN);
  else sink.strings.push(null);
}

function done(sink: Sink): Float64Array | (string | null)[] {
  return 'numbers' in sink ? sink.numbers.done() : sink.strings;
}
