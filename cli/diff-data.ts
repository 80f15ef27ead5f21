// A diff's impact on data: both versions evaluated on the same data files, made ready for them by the review's
// one set of rules (review/review-data.ts), their results compared. The caller says how one version is
// evaluated (the CLI prints the data's problems, the service answers them).
import { compareResults } from '../review/diff-impact.js';
import { reviewData } from '../review/review-data.js';
import type { SemanticDiff } from '../review/semantic-diff.js';
import type { RuleGraph } from '../graph/graph.js';
import type { RawDataset } from '../runtime/data/dataset.js';
import type { Results } from '../runtime/index.js';
import { render, type Lang } from '../messages/index.js';
import type { ImpactContext } from './diff-report.js';
import { rawData, type DataFiles } from './load-data.js';

export type EvaluateVersion = (graph: RuleGraph, raw: RawDataset, period: string | null, label: 'OLD' | 'NEW') => Results;

export function impactOnData(
  before: RuleGraph,
  after: RuleGraph,
  diff: SemanticDiff,
  files: DataFiles,
  data: string,
  period: string | null,
  lang: Lang,
  evaluate: EvaluateVersion,
): ImpactContext {
  const review = reviewData(before, after, (graph) => rawData(graph, files), period);
  const oldResults = evaluate(review.before.graph, review.before.raw!, review.period, 'OLD');
  const newResults = evaluate(review.after.graph, review.after.raw!, review.period, 'NEW');
  const notes = review.notes.map((n) => render(n, lang));
  return { data, period: review.period, notes, impact: compareResults(oldResults, newResults, diff) };
}
