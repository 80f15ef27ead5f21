// What differs between two versions of a period's data for one policy (a unit's corrected record, a changed
// input): per unit, period and input, the value before and after as a trace shows it. Values are compared as
// checked, so 88.5% and 0.885 are the same value; record lists as multisets of records.
import type { Dataset, DatasetUnit } from './dataset.js';
import type { InputNode, RelationNode, RuleGraph } from '../../graph/graph.js';
import { traceValue } from '../evaluation/expr-eval.js';
import { traceRecord } from '../evaluation/node-eval.js';
import { record, show } from '../explanation/render-trace.js';
import type { DataRow, TypedValue } from './value-parse.js';

export interface InputChange {
  kind: string;
  unit: string;
  name: string | null;
  /** '' for a one-period dataset */
  period: string;
  /** the input's (or relation's) name */
  input: string;
  /** as a trace shows it; null when not given */
  before: string | null;
  after: string | null;
  /** for a record list: the records only before, and only after (`field=value，…`) */
  removed?: string[];
  added?: string[];
}

export interface DataChanges {
  changes: InputChange[];
  /** units only one side has */
  onlyBefore: { kind: string; unit: string }[];
  onlyAfter: { kind: string; unit: string }[];
}

export function dataChanges(graph: RuleGraph, before: Dataset, after: Dataset): DataChanges {
  const key = (u: DatasetUnit) => `${u.kind}\u0000${u.id}`;
  const old = new Map(before.units.map((u) => [key(u), u]));
  const now = new Map(after.units.map((u) => [key(u), u]));
  const inputs = graph.nodes.filter((n): n is InputNode => n.role === 'input');
  const relations = graph.nodes.filter((n): n is RelationNode => n.role === 'relation');
  const changes: InputChange[] = [];
  for (const [k, b] of old) {
    const a = now.get(k);
    if (!a) continue;
    const at = { kind: b.kind, unit: b.id, name: a.name ?? b.name };
    for (const rel of relations) {
      if (rel.kind !== b.kind) continue;
      const x = b.relations.get(rel.id)?.id ?? null;
      const y = a.relations.get(rel.id)?.id ?? null;
      if (x !== y) changes.push({ ...at, period: '', input: rel.name, before: x, after: y });
    }
    const periods = [...new Set([...b.periods.keys(), ...a.periods.keys()])].sort();
    for (const period of periods) {
      for (const input of inputs) {
        if (input.kind !== b.kind) continue;
        const x = b.periods.get(period)?.values.get(input.id)?.value ?? null;
        const y = a.periods.get(period)?.values.get(input.id)?.value ?? null;
        const change = compare(graph, input, x, y);
        if (change) changes.push({ ...at, period, input: input.name, ...change });
      }
    }
  }
  const only = (side: Map<string, DatasetUnit>, other: Map<string, DatasetUnit>) =>
    [...side].filter(([k]) => !other.has(k)).map(([, u]) => ({ kind: u.kind, unit: u.id }));
  return { changes, onlyBefore: only(old, now), onlyAfter: only(now, old) };
}

function compare(graph: RuleGraph, input: InputNode, x: TypedValue | null, y: TypedValue | null): Pick<InputChange, 'before' | 'after' | 'removed' | 'added'> | null {
  if (input.type.t === 'list') {
    const spec = graph.records.find((r) => r.name === (input.type as { record: string }).record) ?? null;
    const shown = (rows: TypedValue | null) => (Array.isArray(rows) ? rows.map((r: DataRow) => record(traceRecord(r, spec))) : []);
    const xs = shown(x);
    const ys = shown(y);
    const removed = minus(xs, ys);
    const added = minus(ys, xs);
    if (removed.length === 0 && added.length === 0) return null;
    const count = (v: TypedValue | null, n: number) => (v === null ? null : `${n}条`);
    return { before: count(x, xs.length), after: count(y, ys.length), removed, added };
  }
  if (x === y) return null;
  const text = (v: TypedValue | null) => (v === null ? null : show(traceValue(v as number | string, input.type)));
  return { before: text(x), after: text(y) };
}

/** The items of `xs` not matched one for one in `ys`. */
function minus(xs: string[], ys: string[]): string[] {
  const left = new Map<string, number>();
  for (const y of ys) left.set(y, (left.get(y) ?? 0) + 1);
  return xs.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}
