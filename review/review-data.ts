// Both versions of a review made ready for the same data, by one set of rules for every caller (`kaoping diff
// --data`, the service's diff, the package's `diff` and the editor's review), so that they cannot disagree on
// the same pair of versions. What is adapted is said in notes.
import type { RuleGraph } from '../graph/graph.js';
import { diffMessage, type MessageRef } from '../messages/index.js';
import { kindShapes, type RawDataset } from '../runtime/index.js';

export interface ReviewVersion<Raw extends RawDataset | null = RawDataset | null> {
  graph: RuleGraph;
  /** the data as this version reads it: without the inputs it does not declare (null: data given in columns) */
  raw: Raw;
}

export interface ReviewData<Raw extends RawDataset | null = RawDataset | null> {
  before: ReviewVersion<Raw>;
  after: ReviewVersion<Raw>;
  /** the period both are evaluated for: the one asked, else the one the data is for; null for single-period data */
  period: string | null;
  notes: MessageRef[];
}

/**
 * `raw` is the data, or how a version reads it (CSV tables are read by each version's layout); null for data
 * given in columns, of which only the period asked is known and nothing is left out.
 * Without a period asked, the data's: a version's declared period it holds (OLD's first), else its latest year,
 * else its latest period. A version that does not declare that period is evaluated as the other declares it
 * (yearly versions declare their own years: `periods 2022 from 2022Q1, …`).
 */
export function reviewData(before: RuleGraph, after: RuleGraph, raw: RawDataset | ((graph: RuleGraph) => RawDataset), period: string | null): ReviewData<RawDataset>;
export function reviewData(before: RuleGraph, after: RuleGraph, raw: null, period: string | null): ReviewData<null>;
export function reviewData(before: RuleGraph, after: RuleGraph, raw: RawDataset | null | ((graph: RuleGraph) => RawDataset), period: string | null): ReviewData;
export function reviewData(before: RuleGraph, after: RuleGraph, raw: RawDataset | null | ((graph: RuleGraph) => RawDataset), period: string | null): ReviewData {
  const notes: MessageRef[] = [];
  const dataBefore = typeof raw === 'function' ? raw(before) : raw;
  const dataAfter = typeof raw === 'function' ? raw(after) : dataBefore;
  const chosen = period ?? (dataBefore && dataPeriod([before, after], dataBefore));
  const version = (graph: RuleGraph, other: RuleGraph, label: 'OLD' | 'NEW', data: RawDataset | null, othersData: RawDataset | null): ReviewVersion => {
    const adopted = withPeriodOf(graph, other, chosen);
    if (adopted !== graph) {
      const spec = other.periods.find((p) => p.period === chosen)!;
      notes.push(diffMessage('reviewPeriodAdopted', { version: label, period: spec.period, parts: spec.parts, aggregate: spec.aggregate }));
    }
    if (data === null) return { graph: adopted, raw: null };
    // Read by the other version's layout, tables show the inputs this version's layout passed over.
    const unread = new Set([...undeclaredInputs(adopted, data), ...(othersData ? undeclaredInputs(adopted, othersData) : [])]);
    if (unread.size > 0) notes.push(diffMessage('reviewInputsUnread', { version: label, inputs: [...unread].sort() }));
    return { graph: adopted, raw: withoutInputs(data, unread) };
  };
  return {
    before: version(before, after, 'OLD', dataBefore, dataAfter),
    after: version(after, before, 'NEW', dataAfter, dataBefore),
    period: chosen,
    notes,
  };
}

/** The period data with several periods is evaluated for (see reviewData); null when it holds one period. */
export function dataPeriod(graphs: readonly RuleGraph[], raw: RawDataset): string | null {
  const present = [...new Set(raw.units.flatMap((u) => [...u.periods.keys()]))].sort();
  if (present.length <= 1) return null;
  for (const graph of graphs) {
    const declared = graph.periods.find((p) => present.includes(p.period) || p.parts.some((part) => present.includes(part)));
    if (declared) return declared.period;
  }
  const years = present.filter((p) => /^\d{4}$/.test(p));
  return years[years.length - 1] ?? present[present.length - 1] ?? null;
}

/** The graph with the other version's declaration of `period` added, when it lacks one; else the graph itself. */
function withPeriodOf(graph: RuleGraph, other: RuleGraph, period: string | null): RuleGraph {
  if (period === null || graph.periods.some((p) => p.period === period)) return graph;
  const spec = other.periods.find((p) => p.period === period);
  return spec ? { ...graph, periods: [...graph.periods, spec] } : graph;
}

/** The inputs in the data a version does not declare (an indicator removed in NEW leaves its input in the data). */
function undeclaredInputs(graph: RuleGraph, raw: RawDataset): Set<string> {
  const shapes = kindShapes(graph);
  const out = new Set<string>();
  for (const unit of raw.units) {
    const inputs = shapes.get(unit.kind)?.inputs;
    if (inputs) for (const p of unit.periods.values()) for (const name of p.inputs.keys()) if (!inputs.has(name)) out.add(name);
  }
  return out;
}

function withoutInputs(raw: RawDataset, names: ReadonlySet<string>): RawDataset {
  if (names.size === 0) return raw;
  const units = raw.units.map((unit) => ({
    ...unit,
    periods: new Map([...unit.periods].map(([key, p]) => [key, { ...p, inputs: new Map([...p.inputs].filter(([name]) => !names.has(name))) }])),
  }));
  return { ...raw, units };
}
