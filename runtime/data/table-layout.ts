// What a table's header says, shared by the whole-file table reader and the streaming CSV reader: which
// table a name is (an entity kind, or a record-list input), and which column is the id, name, period,
// unit, a relation, an input or a record field. Header problems are reported at row 1 of the table.
import type { RecordSpec, RuleGraph } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { dataIssue, type RuntimeIssue } from '../issues.js';
import { kindShapes, unknownField, type KindShape } from './dataset.js';

const ID = ['id', '编号'];
const NAME = ['name', '名称'];
const PERIOD = ['period', '期间'];
const UNIT = ['unit', '单位'];

function columnIndex(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(h));
}

/**
 * Reports (KR218) each column whose name, trimmed and with the spellings of one role (id/编号) taken as one,
 * is that of an earlier column; true when there is one. A second column of a name would otherwise silently
 * replace the first one's values.
 */
function duplicatedColumns(header: string[], roles: string[][], source: string, issues: RuntimeIssue[]): boolean {
  const seen = new Map<string, number>();
  let found = false;
  header.forEach((h, index) => {
    const name = h.trim();
    if (name === '') return;
    const key = roles.find((spellings) => spellings.includes(name))?.[0] ?? name;
    const first = seen.get(key);
    if (first === undefined) return void seen.set(key, index);
    issues.push(dataIssue('KR218', message('KR218', 'twice', { first: header[first]!.trim(), at: first + 1, again: name, atAgain: index + 1 }), { file: source, row: 1, column: name }));
    found = true;
  });
  return found;
}

export interface ListTable {
  kind: string;
  input: string;
  record: RecordSpec;
}

/** The tables a graph reads: one per entity kind, and one per record-list input. */
export interface TableTargets {
  shapes: Map<string, KindShape>;
  /** by table name: `input`, unless two kinds share it, and always `Kind.input` */
  lists: Map<string, ListTable[]>;
}

export function tableTargets(graph: RuleGraph): TableTargets {
  const shapes = kindShapes(graph);
  const lists = new Map<string, ListTable[]>();
  for (const [kind, shape] of shapes)
    for (const [name, node] of shape.inputs) {
      if (node.type.t !== 'list') continue;
      const record = node.type.record;
      const entry = { kind, input: name, record: graph.records.find((r) => r.name === record)! };
      lists.set(name, [...(lists.get(name) ?? []), entry]);
      lists.set(`${kind}.${name}`, [entry]);
    }
  return { shapes, lists };
}

/** The list input a table that is not a kind's holds, or null (reported) when the name is unknown or ambiguous. */
export function listTableOf(targets: TableTargets, table: string, source: string, issues: RuntimeIssue[]): ListTable | null {
  const found = targets.lists.get(table);
  if (!found) {
    const known = [...targets.shapes.keys(), ...targets.lists.keys()];
    issues.push(dataIssue('KR216', message('KR216', 'unknown', { table, known }), { file: source }));
    return null;
  }
  if (found.length > 1) {
    const names = found.map((x) => `${x.kind}.${x.input}`);
    issues.push(dataIssue('KR216', message('KR216', 'ambiguous', { table, names }), { file: source }));
    return null;
  }
  return found[0]!;
}

export interface UnitTableLayout {
  idCol: number;
  nameCol: number;
  periodCol: number;
  columns: { index: number; header: string; role: 'relation' | 'input' }[];
  /** columns that are neither, and not yet warned about (see `warnNow`) */
  unknown: { index: number; header: string }[];
}

/**
 * A kind's table by its header; null (reported) without an id column or with a column given twice. A column that is neither an input
 * nor a relation is warned about in header order when `warnNow` says so (the whole-file reader knows
 * whether an empty-headed column holds values), else left in `unknown` for the reader to decide later.
 */
export function unitTableLayout(
  kind: string,
  shape: KindShape,
  header: string[],
  source: string,
  issues: RuntimeIssue[],
  warnNow: (index: number, header: string) => boolean,
): UnitTableLayout | null {
  if (duplicatedColumns(header, [ID, NAME, PERIOD], source, issues)) return null;
  const idCol = columnIndex(header, ID);
  if (idCol < 0) {
    issues.push(dataIssue('KR222', message('KR222', 'id'), { file: source, row: 1 }));
    return null;
  }
  const nameCol = columnIndex(header, NAME);
  const periodCol = columnIndex(header, PERIOD);
  const layout: UnitTableLayout = { idCol, nameCol, periodCol, columns: [], unknown: [] };
  header.forEach((h, index) => {
    if (index === idCol || index === nameCol || index === periodCol) {
      // The column is taken as the unit's id, name or period, so an input or relation of that name would be lost.
      if (shape.inputs.has(h) || shape.relations.has(h)) {
        const role = index === idCol ? 'id' : index === nameCol ? 'name' : 'period';
        issues.push(dataIssue('KR224', message('KR224', 'reserved', { column: h, role, kind }), { file: source, row: 1, column: h }));
      }
      return;
    }
    if (shape.relations.has(h)) layout.columns.push({ index, header: h, role: 'relation' });
    else if (shape.inputs.has(h) && shape.inputs.get(h)!.type.t !== 'list') layout.columns.push({ index, header: h, role: 'input' });
    else if (shape.inputs.has(h))
      issues.push(dataIssue('KR214', message('KR214', 'listColumn', { column: h, kind }), { file: source, row: 1, column: h }));
    else if (warnNow(index, h)) issues.push(unknownColumnWarning(kind, shape, h, source));
    else layout.unknown.push({ index, header: h });
  });
  return layout;
}

/**
 * The warning for a column that is neither an input nor a relation. Extra columns are common in real
 * spreadsheets: they are ignored, and the warning names the likely intended input.
 */
export function unknownColumnWarning(kind: string, shape: KindShape, column: string, source: string): RuntimeIssue {
  return dataIssue('KR214', unknownField(kind, column, 'column', shape), { file: source, row: 1, column }, { severity: 'warning' });
}

export interface RecordTableLayout {
  unitCol: number;
  periodCol: number;
  fields: { index: number; header: string }[];
}

/** A record-list table by its header; null (reported) without a unit column or with a column given twice. Unknown columns are errors. */
export function recordTableLayout(record: RecordSpec, header: string[], source: string, issues: RuntimeIssue[]): RecordTableLayout | null {
  if (duplicatedColumns(header, [UNIT, PERIOD], source, issues)) return null;
  const unitCol = columnIndex(header, UNIT);
  if (unitCol < 0) {
    issues.push(dataIssue('KR222', message('KR222', 'unit'), { file: source, row: 1 }));
    return null;
  }
  const periodCol = columnIndex(header, PERIOD);
  const fields: RecordTableLayout['fields'] = [];
  header.forEach((h, index) => {
    if (index === unitCol || index === periodCol) return;
    if (record.fields.some((f) => f.name === h)) fields.push({ index, header: h });
    else {
      const known = record.fields.map((f) => f.name);
      issues.push(dataIssue('KR214', message('KR214', 'recordColumn', { column: h, record: record.name, known }), { file: source, row: 1, column: h }));
    }
  });
  return { unitCol, periodCol, fields };
}

/** A table's name: its file name without folder and extension. */
export function tableName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}
