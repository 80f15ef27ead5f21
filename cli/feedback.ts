// A unit's 绩效改进建议书, as data: its result, rank and tier (and why, when a gate or veto held), where it lost
// most points with the explanation of each, how far it stands from the peer median and from the tier above, and the
// warnings raised for it in the period.
import type { RuleGraph } from '../graph/graph.js';
import type { Trace, TraceItem } from '../runtime/explanation/trace.js';
import { buildTrace } from '../runtime/explanation/explain.js';
import { roundTo, snap } from '../runtime/evaluation/exact.js';
import { renderTraceItem } from '../runtime/explanation/render-trace.js';
import type { Evaluated } from './evaluate-data.js';
import { columnsOf, type UnitRow } from '../reports/results-columns.js';
import { tierReasonText } from '../messages/results-words.js';
import { WARNING_LEVEL_WORDS, type Monitoring } from '../runtime/results/warnings.js';
import type { Lang } from '../messages/catalogue.js';

export interface PointsLost {
  indicator: string;
  section: string;
  points: number;
  score: number;
  lost: number;
  /** the indicator's precision, for showing its score and loss */
  precision: number;
  /** the explanation, sentence by sentence (runtime/render-trace) */
  explanation: string[];
}

export interface UnitFeedback {
  /** the language of its words (the names in it are the policy's and the data's) */
  lang: Lang;
  policy: string;
  period: string | null;
  kind: string;
  id: string;
  name: string;
  total: number | null;
  precision: number;
  rank: number | null;
  /** units ranked in the kind */
  of: number;
  sections: { name: string; points: number; score: number | null; exempt: boolean }[];
  tiers: { name: string; tier: string | null; reason: string; explanation: string[] } | null;
  /** the kind's median total, and the unit's total less it (both at the total's precision, half up) */
  median: number | null;
  toMedian: number | null;
  /** the tier above the unit's: its lowest total, and how far the unit's total is below it (≤ 0: not a matter of points) */
  tierAbove: { tier: string; lowest: number; gap: number } | null;
  /** indicators where it lost points, most first */
  lost: PointsLost[];
  /** the warnings (预警) raised for it in the period, most serious first; null when none applies to the period */
  warnings: { level: string; warning: string; message: string }[] | null;
}

/** The feedback of `unit` in the evaluation, in the words of `lang`. */
export function unitFeedback(graph: RuleGraph, evaluated: Evaluated, unit: UnitRow, warnings: Monitoring | null, lang: Lang): UnitFeedback {
  const { results, state } = evaluated;
  const c = columnsOf(graph, unit.kind);
  const i = state.kinds.get(unit.kind)!.index.get(unit.id)!;
  const trace: Trace = buildTrace(state, unit.kind, i, {}, results.period);
  const peers = results.units.filter((u) => u.kind === unit.kind);
  const totals = peers.flatMap((u) => (u.total === null ? [] : [u.total])).sort((a, b) => a - b);
  const round = (x: number) => roundTo(x, c.totalPrecision, graph.policy.rounding);
  const median = totals.length === 0 ? null : totals.length % 2 === 1 ? totals[(totals.length - 1) / 2]! : (totals[totals.length / 2 - 1]! + totals[totals.length / 2]!) / 2;
  const tiersNode = c.tiers[0];
  const tierItem = trace.items.find((t): t is Extract<TraceItem, { item: 'tier' }> => t.item === 'tier' && t.name === tiersNode?.name);
  let tierAbove: UnitFeedback['tierAbove'] = null;
  const tier = tiersNode ? (unit.tiers[tiersNode.name] ?? null) : null;
  if (tiersNode && tier !== null && unit.total !== null) {
    const k = tiersNode.tiers.findIndex((t) => t.name === tier);
    const above = k > 0 ? tiersNode.tiers[k - 1]!.name : null;
    const members = above ? (results.tiers[tiersNode.name]?.tiers[above] ?? []) : [];
    const lowest = Math.min(...peers.filter((u) => members.includes(u.id) && u.total !== null).map((u) => u.total!));
    if (above && Number.isFinite(lowest)) tierAbove = { tier: above, lowest, gap: round(lowest - unit.total) };
  }
  const lost = trace.items
    .filter((t): t is Extract<TraceItem, { item: 'indicator' }> => t.item === 'indicator' && t.score !== null && !t.exempt && !t.notInPeriod)
    .map((t) => ({
      indicator: t.name,
      section: t.section,
      points: t.points,
      score: t.score!,
      lost: snap(t.points - t.score!),
      precision: c.indicators.find((x) => x.name === t.name)?.precision ?? graph.policy.precision,
      explanation: renderTraceItem(t, trace, { places: graph.policy.precision, lang }),
    }))
    .filter((x) => x.lost > 0)
    .sort((a, b) => b.lost - a.lost || (a.indicator < b.indicator ? -1 : 1));
  return {
    lang,
    policy: results.policy.name,
    period: results.period,
    kind: unit.kind,
    id: unit.id,
    name: unit.name ?? unit.id,
    total: unit.total,
    precision: c.totalPrecision,
    rank: unit.rank,
    of: peers.filter((u) => u.rank !== null).length,
    sections: c.sections.map((s) => {
      const r = unit.sections[s.name];
      return { name: s.name, points: r?.periodPoints ?? s.points, score: r?.score ?? null, exempt: Boolean(r?.exempt || r?.notApplicable || r?.notInPeriod) };
    }),
    tiers: tiersNode
      ? { name: tiersNode.name, tier, reason: tierReasonText(unit.tierReasons?.[tiersNode.name], lang), explanation: tierItem ? renderTraceItem(tierItem, trace, { places: graph.policy.precision, lang }) : [] }
      : null,
    median: median === null ? null : round(median),
    toMedian: median === null || unit.total === null ? null : round(unit.total - median),
    tierAbove,
    lost,
    warnings: warnings && warnings.checked.length > 0
      ? warnings.warnings.filter((w) => w.unit === unit.id && w.kind === unit.kind).map((w) => ({ level: WARNING_LEVEL_WORDS[w.level][lang], warning: w.warning, message: w.message }))
      : null,
  };
}
