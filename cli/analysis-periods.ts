// The periods a trend of 绩效分析 runs over, as `kaoping analyze --periods` and the service's `periods=` take them:
// a comma-separated list, or `all` for those of the data (trendPeriods); at least two, none twice.
import { cliMessage } from '../messages/index.js';
import type { RuleGraph } from '../graph/graph.js';
import type { Dataset } from '../runtime/data/dataset.js';
import { trendPeriods } from '../runtime/results/indicator-trend.js';
import { UsageError } from './context.js';

export function periodsAsked(graph: RuleGraph, dataset: Dataset, asked: string): string[] {
  const periods = asked === 'all' ? trendPeriods(graph, dataset) : asked.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const twice = periods.find((p, k) => periods.indexOf(p) !== k);
  if (twice !== undefined) throw new UsageError(cliMessage('trendRepeated', { period: twice }));
  if (periods.length < 2) throw new UsageError(cliMessage('trendPeriods', { periods: asked, count: periods.length }));
  return periods;
}
