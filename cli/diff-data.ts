// A diff's impact on data: both versions evaluated on the same data files, made ready for them by the review's
// one set of rules (review/review-data.ts), their results compared. The caller says how one version is
// evaluated (the CLI prints the data's problems, the service answers them), and, for a period, how its
// warnings are checked (then the units whose warnings change are listed too).
import { compareResults, compareWarnings, type RaisedLike } from '../review/diff-impact.js';
import { reviewData, type ReviewData } from '../review/review-data.js';
import type { SemanticDiff } from '../review/semantic-diff.js';
import type { RuleGraph } from '../graph/graph.js';
import { render, type Lang } from '../messages/index.js';
import type { RawDataset } from '../runtime/data/dataset.js';
import type { Results } from '../runtime/index.js';
import type { ImpactContext } from './diff-report.js';
import { rawData, type DataFiles } from './load-data.js';

export type EvaluateVersion = (graph: RuleGraph, raw: RawDataset, period: string | null, label: 'OLD' | 'NEW') => Results;
/** The warnings a version raises in `period`; null when they could not be checked. */
export type WatchVersion = (graph: RuleGraph, raw: RawDataset, period: string) => readonly RaisedLike[] | null;

export function impactOnData(
  before: RuleGraph,
  after: RuleGraph,
  diff: SemanticDiff,
  files: DataFiles,
  data: string,
  period: string | null,
  evaluate: EvaluateVersion,
  lang: Lang,
  watch?: WatchVersion,
): ImpactContext {
  const review = reviewData(before, after, (graph) => rawData(graph, files), period);
  const oldResults = evaluate(review.before.graph, review.before.raw, review.period, 'OLD');
  const newResults = evaluate(review.after.graph, review.after.raw, review.period, 'NEW');
  const notes = review.notes.map((n) => render(n, lang));
  const impact = compareResults(oldResults, newResults, diff);
  return { data, period: review.period, notes, impact, places: after.policy.precision, warnings: warningChanges(review, watch) };
}

function warningChanges(review: ReviewData<RawDataset>, watch: WatchVersion | undefined): ImpactContext['warnings'] {
  const { before, after, period } = review;
  if (period === null || !watch || (before.graph.warnings ?? []).length + (after.graph.warnings ?? []).length === 0) return null;
  const old = watch(before.graph, before.raw, period);
  const now = watch(after.graph, after.raw, period);
  return old && now ? { period, units: compareWarnings(old, now) } : null;
}
