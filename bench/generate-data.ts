// Seeded synthetic result data for any policy, generated column by column from the rule graph's input types
// (no object per unit), and its JSON form for the paths that read JSON. Values are plausible rather than
// realistic: rates between 50% and 100%, a few records per list, some optional inputs missing.
import type { InputNode, RelationNode, RuleGraph, ValueType } from '../graph/graph.js';
import type { ColumnarDataset, ColumnarKind, ColumnarRecords } from '../runtime/evaluation/columnar-dataset.js';
import type { DataRecord, DataValue } from '../graph/graph.js';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The texts of text record fields: seven shared strings rather than one string per record. */
const RECORD_TEXTS = Array.from({ length: 7 }, (_, k) => `记录${k}`);

const DAY_2021 = 18628; // 2021-01-01 in days since 1970-01-01

/** A value between lo and hi with `places` decimals. */
function step(r: () => number, lo: number, hi: number, places: number): number {
  return Math.round((lo + r() * (hi - lo)) * 10 ** places) / 10 ** places;
}

function numberOf(type: ValueType, r: () => number): number {
  switch (type.t) {
    case 'bool':
      return r() < 0.1 ? 1 : 0;
    case 'date':
      return DAY_2021 + Math.floor(r() * 365);
    case 'num':
      switch (type.dim) {
        case 'percent':
          return step(r, 0.5, 1, 3);
        case 'money':
          return step(r, 1e6, 1e9, 0);
        case 'count':
          return Math.floor(r() * 4);
        case 'days':
          return step(r, 1, 12, 1);
        case 'points':
          return step(r, 0, 10, 1);
        default:
          return step(r, 60, 100, 1);
      }
    default:
      return NaN;
  }
}

/** A member index, each member an eighth as likely as the one before it. */
function mildFirst(r: () => number, members: number): number {
  let x = r() * ((1 - 8 ** -members) / (1 - 1 / 8));
  for (let k = 0; k < members - 1; k++, x *= 8) if ((x -= 1) < 0) return k;
  return members - 1;
}

/** Units per kind: each kind's share of `units` (a kind that others relate to gets fewer units). */
export function kindSizes(graph: RuleGraph, units: number): Record<string, number> {
  const targets = new Set(graph.nodes.filter((n): n is RelationNode => n.role === 'relation').map((n) => n.target));
  const sizes: Record<string, number> = {};
  for (const k of graph.kinds) sizes[k.name] = targets.has(k.name) ? Math.max(1, Math.ceil(units / 10)) : units;
  return sizes;
}

/** A columnar dataset of `units` units of each evaluated kind (related kinds get a tenth as many). */
export function generateColumnar(graph: RuleGraph, units: number, seed = 2021): ColumnarDataset {
  const r = seededRandom(seed);
  const sizes = kindSizes(graph, units);
  const records = new Map(graph.records.map((x) => [x.name, x]));
  const kinds: Record<string, ColumnarKind> = {};
  graph.kinds.forEach((k, kindIndex) => {
    const n = sizes[k.name]!;
    const width = String(n).length;
    const ids = Array.from({ length: n }, (_, i) => `${kindIndex}-${String(i).padStart(width, '0')}`);
    kinds[k.name] = { ids, inputs: {}, relations: {} };
  });
  for (const node of graph.nodes) {
    const kind = kinds[node.kind];
    if (!kind) continue;
    const n = kind.ids.length;
    if (node.role === 'relation') {
      const targets = kinds[node.target]!.ids;
      kind.relations![node.name] = Array.from({ length: n }, () => targets[Math.floor(r() * targets.length)]!);
      continue;
    }
    if (node.role !== 'input') continue;
    const optional = node.missing.kind !== 'error';
    const t = node.type;
    if (t.t === 'list') {
      const spec = records.get(t.record)!;
      const start = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) start[i + 1] = start[i]! + 3 + Math.floor(r() * 5);
      const total = start[n]!;
      const fields: ColumnarRecords['fields'] = {};
      // Ratings (records with a number) come from every rater group, so every group a rule averages has
      // records. Other records take the members listed first most often: the policies list scales mildest
      // first, so severe findings and incidents, which may veto a unit, stay rare.
      const rated = spec.fields.some((f) => f.type.t === 'num');
      for (const f of spec.fields) {
        if (f.type.t === 'enum') {
          // Members by index (as a large columnar producer gives them).
          const members = f.type.values.length;
          const col = new Float64Array(total);
          for (let i = 0; i < n; i++)
            for (let q = start[i]!; q < start[i + 1]!; q++) col[q] = rated && q - start[i]! < members ? q - start[i]! : rated ? Math.floor(r() * members) : mildFirst(r, members);
          fields[f.name] = col;
        } else if (f.type.t === 'text' || f.type.t === 'ref') fields[f.name] = Array.from({ length: total }, (_, k) => RECORD_TEXTS[k % 7]!);
        else fields[f.name] = Float64Array.from({ length: total }, () => numberOf(f.type, r));
      }
      kind.inputs[node.name] = { start, fields };
    } else if (t.t === 'enum' || t.t === 'text') {
      kind.inputs[node.name] = Array.from({ length: n }, () => (optional && r() < 0.1 ? null : t.t === 'enum' ? t.values[Math.floor(r() * t.values.length)]! : `文本${Math.floor(r() * 9)}`));
    } else {
      kind.inputs[node.name] = Float64Array.from({ length: n }, () => (optional && r() < 0.1 ? NaN : numberOf(t, r)));
    }
  }
  return { kinds };
}

function dateText(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export function jsonValue(type: ValueType, v: number | string | null): DataValue {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (typeof v === 'string') return v;
  if (type.t === 'bool') return v === 1;
  if (type.t === 'date') return dateText(v);
  if (type.t === 'enum') return type.values[v]!;
  return v;
}

/** The JSON form (`{ units: [...] }`) of a columnar dataset, for the reference path and other engines. */
export function columnarToJson(graph: RuleGraph, data: ColumnarDataset): { units: Record<string, unknown>[] } {
  const units: Record<string, unknown>[] = [];
  const inputs = graph.nodes.filter((n): n is InputNode => n.role === 'input');
  const records = new Map(graph.records.map((x) => [x.name, x]));
  for (const [kind, k] of Object.entries(data.kinds)) {
    k.ids.forEach((id, i) => {
      const values: Record<string, DataValue> = {};
      for (const node of inputs.filter((x) => x.kind === kind)) {
        const col = k.inputs[node.name];
        if (col === undefined) continue;
        if (node.type.t === 'list' && !Array.isArray(col) && !(col instanceof Float64Array)) {
          if (col.missing?.[i]) continue;
          const spec = records.get(node.type.record)!;
          const rows: DataRecord[] = [];
          for (let q = col.start[i]!; q < col.start[i + 1]!; q++) {
            const row: DataRecord = {};
            for (const f of spec.fields) row[f.name] = jsonValue(f.type, col.fields[f.name]![q] ?? null) as DataRecord[string];
            rows.push(row);
          }
          values[node.name] = rows;
        } else {
          const v = jsonValue(node.type, (col as ArrayLike<number | string | null>)[i] ?? null);
          if (v !== null) values[node.name] = v;
        }
      }
      const relations: Record<string, string | null> = {};
      for (const [name, ids] of Object.entries(k.relations ?? {})) relations[name] = ids[i] ?? null;
      units.push({ id, kind, ...(Object.keys(relations).length ? { relations } : {}), inputs: values });
    });
  }
  return { units };
}
