// A diff's impact on data: both versions evaluated on the same data files, their results compared. The caller
// says how one version is evaluated (the CLI prints the data's problems, the service answers them).
import { compareResults } from '../compiler/diff-impact.js';
import type { SemanticDiff } from '../compiler/semantic-diff.js';
import type { RuleGraph } from '../runtime/graph.js';
import type { RawDataset } from '../runtime/dataset.js';
import type { Results } from '../runtime/index.js';
import type { ImpactContext } from './diff-report.js';
import { rawData, type DataFiles } from './load-data.js';

export type EvaluateVersion = (graph: RuleGraph, raw: RawDataset, label: 'OLD' | 'NEW') => Results;

export function impactOnData(
  before: RuleGraph,
  after: RuleGraph,
  diff: SemanticDiff,
  files: DataFiles,
  data: string,
  period: string | null,
  evaluate: EvaluateVersion,
): ImpactContext {
  const old = withPeriodOf(before, after, period);
  const now = withPeriodOf(after, before, period);
  const oldResults = evaluate(old.graph, rawData(old.graph, files), 'OLD');
  const newResults = evaluate(now.graph, rawData(now.graph, files), 'NEW');
  const notes = [old.note && `OLD: ${old.note}`, now.note && `NEW: ${now.note}`].filter((n): n is string => n !== null);
  return { data, period, notes, impact: compareResults(oldResults, newResults, diff) };
}

/**
 * A review evaluates both versions on one year's data, but each version declares only its own year
 * (`periods 2021 from 2021Q1, …`). When the period asked is declared by the other version only, this
 * version is evaluated with that declaration, and the report says so.
 */
function withPeriodOf(graph: RuleGraph, other: RuleGraph, period: string | null): { graph: RuleGraph; note: string | null } {
  if (period === null || graph.periods.some((p) => p.period === period)) return { graph, note: null };
  const spec = other.periods.find((p) => p.period === period);
  if (!spec) return { graph, note: null };
  const note = `period ${period} is not declared in this version; evaluated as the other version declares it (${spec.parts.join(', ')} by ${spec.aggregate})`;
  return { graph: { ...graph, periods: [...graph.periods, spec] }, note };
}
