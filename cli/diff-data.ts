// A diff's impact on data: both versions evaluated on the same data files, their results compared. The caller
// says how one version is evaluated (the CLI prints the data's problems, the service answers them), and, for a
// period, how its warnings are checked (then the units whose warnings change are listed too).
import { compareResults, compareWarnings, versionsForPeriod, type RaisedLike } from '../review/diff-impact.js';
import type { SemanticDiff } from '../review/semantic-diff.js';
import type { RuleGraph } from '../graph/graph.js';
import type { Lang } from '../messages/index.js';
import type { RawDataset } from '../runtime/data/dataset.js';
import type { Results } from '../runtime/index.js';
import type { ImpactContext } from './diff-report.js';
import { rawData, type DataFiles } from './load-data.js';

export type EvaluateVersion = (graph: RuleGraph, raw: RawDataset, label: 'OLD' | 'NEW') => Results;
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
  const versions = versionsForPeriod(before, after, period, lang);
  const oldResults = evaluate(versions.before, rawData(versions.before, files), 'OLD');
  const newResults = evaluate(versions.after, rawData(versions.after, files), 'NEW');
  const notes = versions.notes;
  return { data, period, notes, impact: compareResults(oldResults, newResults, diff), places: after.policy.precision, warnings: warningChanges(versions, files, period, watch) };
}

function warningChanges(versions: { before: RuleGraph; after: RuleGraph }, files: DataFiles, period: string | null, watch: WatchVersion | undefined): ImpactContext['warnings'] {
  const { before, after } = versions;
  if (period === null || !watch || (before.warnings ?? []).length + (after.warnings ?? []).length === 0) return null;
  const old = watch(before, rawData(before, files), period);
  const now = watch(after, rawData(after, files), period);
  return old && now ? { period, units: compareWarnings(old, now) } : null;
}

