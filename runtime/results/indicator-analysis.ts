// 绩效分析: how each indicator separates the units it scores — distribution, share at full points and at zero,
// spread, correlation with the total, how many units would change tier without it — and flags for the faults
// the seeds name: 绩效趋同 (almost everyone at full points), 不区分 (one score for all), 从未扣分 (a deduction line
// that never fired), 过于严苛 (almost everyone at zero).
import type { IndicatorNode, RuleGraph, TiersNode } from '../../graph/graph.js';
import type { Dataset } from '../data/dataset.js';
import type { RuntimeIssue } from '../issues.js';
import { run } from '../evaluation/evaluate.js';
import { explainUnit } from '../evaluation/node-eval.js';
import { usableValues } from '../evaluation/population.js';
import { NOT_IN_PERIOD, type EvalState } from '../evaluation/state.js';
import type { Step } from '../explanation/trace.js';
import { thresholdsOf, type AnalysisFlag } from './analysis-flags.js';

export interface IndicatorAnalysis {
  kind: string;
  name: string;
  section: string;
  points: number;
  precision: number;
  /** units with a score (not exempt) */
  scored: number;
  /** min, lower quartile, median, upper quartile, max (quartiles interpolated between neighbours) */
  quartiles: [number, number, number, number, number] | null;
  mean: number | null;
  /** population standard deviation */
  sd: number | null;
  /** sd / mean; null when the mean is 0 */
  cv: number | null;
  fullShare: number | null;
  zeroShare: number | null;
  /** Pearson correlation of the indicator's scores with the totals; null when either is constant */
  correlation: number | null;
  /** units whose tier changes when the indicator is taken out (exempt for all, its points shared in its section); null without tiers in the period, or when not asked for */
  tierChanges: number | null;
  /** the deduction lines (as written) that took nothing from any unit; null when the indicator is aggregated from the periods' scores */
  neverDeducted: string[] | null;
  flags: AnalysisFlag[];
}

export interface Analysis {
  indicators: IndicatorAnalysis[];
  issues: RuntimeIssue[];
}

export interface AnalysisOptions {
  /** count the tier changes without each indicator (one more evaluation per indicator); true unless false */
  tierChanges?: boolean;
  /** called as the evaluations progress (the service's time limit throws from it) */
  onProgress?: (done: number, total: number) => void;
}

export function analyzeIndicators(graph: RuleGraph, dataset: Dataset, period?: string, options: AnalysisOptions = {}): Analysis {
  const base = run(graph, dataset, { ...(period !== undefined ? { period } : {}), ...progressOf(options) });
  if (!base.state) return { indicators: [], issues: base.issues };
  return { indicators: analyzeEvaluated(graph, dataset, base.state, period, options), issues: base.issues };
}

/** The analysis of an evaluation already made (the state of `run` for `period`), as analyzeIndicators makes it. */
export function analyzeEvaluated(graph: RuleGraph, dataset: Dataset, state: EvalState, period?: string, options: AnalysisOptions = {}): IndicatorAnalysis[] {
  const opts = { ...(period !== undefined ? { period } : {}), ...progressOf(options) };
  const withTierChanges = options.tierChanges !== false;
  const out: IndicatorAnalysis[] = [];
  for (const node of graph.nodes) {
    if (node.role !== 'indicator') continue;
    const flags = state.flags.get(node.id);
    if (flags && flags.every((f) => (f & NOT_IN_PERIOD) !== 0) && flags.length > 0) continue;
    out.push(analyzeOne(graph, dataset, state, node, opts, withTierChanges));
  }
  return out;
}

/** What each evaluation of the analysis is run with: the period, and the progress callback. */
type RunOptions = { period?: string; onProgress?: (done: number, total: number) => void };

function progressOf(options: AnalysisOptions): Pick<AnalysisOptions, 'onProgress'> {
  return options.onProgress ? { onProgress: options.onProgress } : {};
}

function analyzeOne(graph: RuleGraph, dataset: Dataset, state: EvalState, node: IndicatorNode, opts: RunOptions, withTierChanges: boolean): IndicatorAnalysis {
  const scores = usableValues(state, node.id);
  const total = state.totals.get(node.kind);
  const totals = total ? usableValues(state, total.id) : null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i]!;
    if (Number.isNaN(x)) continue;
    xs.push(x);
    if (totals) ys.push(totals[i]!);
  }
  const n = xs.length;
  const sorted = [...xs].sort((a, b) => a - b);
  const mean = n > 0 ? xs.reduce((a, b) => a + b, 0) / n : null;
  const sd = mean !== null ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n) : null;
  const full = xs.filter((x) => x >= node.points).length;
  const zero = xs.filter((x) => x <= 0).length;
  const neverDeducted = state.partScores.has(node.id) ? null : unfired(state, node);
  const a: IndicatorAnalysis = {
    kind: node.kind,
    name: node.name,
    section: state.nodes.get(node.section)?.name ?? node.section,
    points: node.points,
    precision: node.precision,
    scored: n,
    quartiles: n > 0 ? [sorted[0]!, quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted[n - 1]!] : null,
    mean,
    sd,
    cv: mean !== null && sd !== null && mean !== 0 ? sd / mean : null,
    fullShare: n > 0 ? full / n : null,
    zeroShare: n > 0 ? zero / n : null,
    correlation: totals && ys.every((y) => !Number.isNaN(y)) ? pearson(xs, ys) : null,
    tierChanges: withTierChanges ? tierChangesWithout(graph, dataset, state, node, opts) : null,
    neverDeducted,
    flags: [],
  };
  const limits = thresholdsOf(graph.analysis);
  if (n < limits.minScored) return a;
  if (a.fullShare! >= limits.fullShare) a.flags.push('uniform_full');
  if (sorted[0] === sorted[n - 1]) a.flags.push('constant');
  if (neverDeducted && neverDeducted.length > 0) a.flags.push('never_deducted');
  if (a.zeroShare! >= limits.zeroShare) a.flags.push('too_harsh');
  return a;
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** The indicator's deduction lines that took nothing from any unit scored, read from each unit's explanation. */
function unfired(state: EvalState, node: IndicatorNode): string[] {
  const lines = node.adjustments.filter((a) => a.direction === 'deduct').map((a) => a.text);
  if (lines.length === 0) return [];
  const fired = new Set<string>();
  const flags = state.flags.get(node.id)!;
  for (let i = 0; i < flags.length && fired.size < lines.length; i++) {
    const steps: Step[] = [];
    explainUnit(state, node, i, steps);
    for (const s of steps) if (s.step === 'adjust' && s.direction === 'deduct' && s.amount > 0) fired.add(s.text);
  }
  return lines.filter((t) => !fired.has(t));
}

/**
 * How many units' first tier changes when the indicator is taken out: the policy evaluated again with the
 * indicator exempt for every unit, so its section shares its points among the others as for any exempt
 * indicator. Null when the kind allots no tiers in the period.
 */
function tierChangesWithout(graph: RuleGraph, dataset: Dataset, state: EvalState, node: IndicatorNode, opts: RunOptions): number | null {
  const tiers = state.tiersOf.get(node.kind) as TiersNode | undefined;
  const before = tiers && state.tierOutcomes.get(tiers.id);
  if (!tiers || !before || state.scope?.notInPeriod.has(tiers.id)) return null;
  const without: RuleGraph = { ...graph, nodes: graph.nodes.map((n) => (n.id === node.id ? { ...node, exemptWhen: { k: 'bool', v: true } } : n)) };
  // The inputs are the same nodes, so the data checked against the policy holds for the changed copy too.
  const after = run(without, { ...dataset, graph: without }, opts).state?.tierOutcomes.get(tiers.id);
  if (!after) return null;
  let changed = 0;
  for (let i = 0; i < before.tier.length; i++) if (before.tier[i] !== after.tier[i]) changed++;
  return changed;
}
