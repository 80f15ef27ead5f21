// 绩效分析 over several periods: each indicator's figures period by period (the analysis of each period, as
// `analyzeIndicators` makes it), how its mean and its share at full points moved from the first period that
// scores it to the last, and in which periods each flag was raised — so an analyst sees an indicator drifting
// towards 绩效趋同 before it gets there, or one that has flagged every quarter.
import type { RuleGraph } from '../../graph/graph.js';
import { SINGLE_PERIOD, type Dataset } from '../data/dataset.js';
import type { RuntimeIssue } from '../issues.js';
import type { AnalysisFlag } from './analysis-flags.js';
import { analyzeIndicators, type AnalysisOptions, type IndicatorAnalysis } from './indicator-analysis.js';

export interface IndicatorTrend {
  kind: string;
  name: string;
  section: string;
  points: number;
  precision: number;
  /** one entry per period, in the order asked; null when the period does not score the indicator */
  periods: (IndicatorAnalysis | null)[];
  /** mean of the last period scoring it minus that of the first; null when fewer than two periods score it */
  meanChange: number | null;
  /** share at full points, last period scoring it minus first; null likewise */
  fullShareChange: number | null;
  /** each flag raised in some period, with those periods, in the order of the periods */
  flags: { flag: AnalysisFlag; periods: string[] }[];
}

export interface Trend {
  periods: string[];
  indicators: IndicatorTrend[];
  /** every period's issues, each message prefixed by its period */
  issues: RuntimeIssue[];
  /** false when some period could not be analysed (its issues say why) */
  ok: boolean;
}

const FLAG_ORDER: readonly AnalysisFlag[] = ['uniform_full', 'constant', 'never_deducted', 'too_harsh'];

/** The analysis of each of `periods` and each indicator's trend across them (indicators no period scores are left out). */
export function indicatorTrend(graph: RuleGraph, dataset: Dataset, periods: readonly string[], options: AnalysisOptions = {}): Trend {
  const issues: RuntimeIssue[] = [];
  let ok = true;
  const byPeriod = periods.map((period) => {
    const analysis = analyzeIndicators(graph, dataset, period, options);
    for (const i of analysis.issues) issues.push({ ...i, message: `${period}: ${i.message}` });
    if (analysis.issues.some((i) => i.severity === 'error')) ok = false;
    return new Map(analysis.indicators.map((a) => [keyOf(a), a]));
  });
  if (!ok) return { periods: [...periods], indicators: [], issues, ok };
  const sectionName = new Map(graph.nodes.filter((n) => n.role === 'section').map((n) => [n.id, n.name]));
  const indicators: IndicatorTrend[] = [];
  // In the policy's order, as a single period's analysis lists them.
  for (const node of graph.nodes) {
    if (node.role !== 'indicator') continue;
    const key = `${node.kind}\u0000${sectionName.get(node.section) ?? node.section}\u0000${node.name}`;
    const row = byPeriod.map((m) => m.get(key) ?? null);
    const scored = row.filter((a): a is IndicatorAnalysis => a !== null && a.mean !== null);
    if (row.every((a) => a === null)) continue;
    const change = (of: (a: IndicatorAnalysis) => number | null) => (scored.length < 2 ? null : of(scored[scored.length - 1]!)! - of(scored[0]!)!);
    indicators.push({
      kind: node.kind,
      name: node.name,
      section: row.find((a) => a !== null)!.section,
      points: node.points,
      precision: node.precision,
      periods: row,
      meanChange: change((a) => a.mean),
      fullShareChange: change((a) => a.fullShare),
      flags: FLAG_ORDER.map((flag) => ({ flag, periods: periods.filter((_, k) => row[k]?.flags.includes(flag)) })).filter((f) => f.periods.length > 0),
    });
  }
  return { periods: [...periods], indicators, issues, ok };
}

/**
 * The periods a trend runs over when none are named: every period of the data in order, but those the policy
 * declares made of others (a year aggregated from its quarters would stand beside its own quarters).
 */
export function trendPeriods(graph: RuleGraph, dataset: Dataset): string[] {
  const aggregated = new Set(graph.periods.map((p) => p.period));
  return dataset.periods.filter((p) => p !== SINGLE_PERIOD && !aggregated.has(p));
}

function keyOf(a: IndicatorAnalysis): string {
  return `${a.kind}\u0000${a.section}\u0000${a.name}`;
}
