// A diff's impact on data: both versions evaluated on the same data files, their results compared. The caller
// says how one version is evaluated (the CLI prints the data's problems, the service answers them).
import { compareResults, versionsForPeriod } from '../review/diff-impact.js';
import type { SemanticDiff } from '../review/semantic-diff.js';
import type { RuleGraph } from '../graph/graph.js';
import type { RawDataset } from '../runtime/data/dataset.js';
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
  const versions = versionsForPeriod(before, after, period);
  const oldResults = evaluate(versions.before, rawData(versions.before, files), 'OLD');
  const newResults = evaluate(versions.after, rawData(versions.after, files), 'NEW');
  const notes = versions.notes;
  return { data, period, notes, impact: compareResults(oldResults, newResults, diff) };
}

