// A columnar dataset as the folder of CSV files a producer would hand over: one table per entity kind
// (id, relations, inputs) and one per record-list input (unit, fields), in pieces of a bounded number of
// rows so that a million units are written without building one huge string.
import Papa from 'papaparse';
import type { InputNode, RuleGraph } from '../graph/graph.js';
import type { ColumnarDataset, ColumnarRecords } from '../runtime/evaluation/columnar-dataset.js';
import { jsonValue } from './generate-data.js';

/** A piece of one file's text; a file's first piece holds its header. */
export interface CsvPiece {
  file: string;
  text: string;
}

function cell(v: ReturnType<typeof jsonValue>, percent: boolean): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // A bare number in a table cell is a fraction only within [-1, 1]; the generator's rates stay there.
  if (percent && typeof v === 'number' && Math.abs(v) > 1) throw new Error(`percent ${v} is not writable as a bare fraction`);
  return String(v);
}

const rows = (header: string[] | null, body: string[][]) => Papa.unparse(header ? [header, ...body] : body, { newline: '\n' }) + '\n';

export function* csvTables(graph: RuleGraph, data: ColumnarDataset, batch = 20_000): Generator<CsvPiece> {
  const records = new Map(graph.records.map((x) => [x.name, x]));
  for (const kind of graph.kinds) {
    const k = data.kinds[kind.name];
    if (!k) continue;
    const inputs = graph.nodes.filter((n): n is InputNode => n.role === 'input' && n.kind === kind.name && k.inputs[n.name] !== undefined);
    const scalars = inputs.filter((n) => n.type.t !== 'list');
    const relations = Object.keys(k.relations ?? {});
    const header = ['id', ...relations, ...scalars.map((n) => n.name)];
    for (let from = 0; from < k.ids.length || from === 0; from += batch) {
      const body: string[][] = [];
      for (let i = from; i < Math.min(k.ids.length, from + batch); i++)
        body.push([
          k.ids[i]!,
          ...relations.map((r) => k.relations![r]![i] ?? ''),
          ...scalars.map((n) => cell(jsonValue(n.type, (k.inputs[n.name] as ArrayLike<number | string | null>)[i] ?? null), n.type.t === 'num' && n.type.dim === 'percent')),
        ]);
      yield { file: `${kind.name}.csv`, text: rows(from === 0 ? header : null, body) };
    }
    for (const n of inputs) {
      if (n.type.t !== 'list') continue;
      const list = k.inputs[n.name] as ColumnarRecords;
      const fields = records.get(n.type.record)!.fields;
      const file = `${kind.name}.${n.name}.csv`;
      let body: string[][] = [];
      let first = true;
      for (let i = 0; i < k.ids.length; i++) {
        for (let q = list.start[i]!; q < list.start[i + 1]!; q++)
          body.push([k.ids[i]!, ...fields.map((f) => cell(jsonValue(f.type, list.fields[f.name]![q] ?? null), f.type.t === 'num' && f.type.dim === 'percent'))]);
        if (body.length >= batch || i === k.ids.length - 1) {
          yield { file, text: rows(first ? ['unit', ...fields.map((f) => f.name)] : null, body) };
          first = false;
          body = [];
        }
      }
    }
  }
}
