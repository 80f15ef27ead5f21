// The lines under the ranking of a run for part of the year (`--period 2021Q2`): which period was evaluated,
// and what it leaves to the year — so a quarter's totals are never read as the year's.
import type { Results } from '../runtime/index.js';
import type { RuleGraph } from '../graph/graph.js';
import { PERIOD_NAMES } from '../runtime/explanation/render-trace.js';

/** '' for a year (the period evaluates everything). */
export function periodSummary(graph: RuleGraph, results: Results): string {
  const scope = results.scope;
  if (!scope || results.period === null) return '';
  const p = results.period;
  const left: string[] = [];
  const tiers: string[] = [];
  for (const kind of graph.kinds) {
    const out = scope.notInPeriod[kind.name];
    if (!out || !results.units.some((u) => u.kind === kind.name)) continue;
    const all = graph.nodes.filter((n) => n.role === 'indicator' && n.kind === kind.name).length;
    left.push(`${kind.name} ${all} 个指标中的 ${out.indicators.length} 个${out.bonuses.length > 0 ? `，加分项 ${out.bonuses.join('、')}` : ''}`);
    tiers.push(...out.tiers);
  }
  const lines = [
    `考评期间 ${p}（${PERIOD_NAMES[scope.cadence]}）：只考评${scope.evaluates.map((c) => PERIOD_NAMES[c]).join('、')}指标，板块分和总分只合计本期考评的指标`,
    `${p} 不考评：${left.join('；')}`,
  ];
  if (tiers.length > 0) lines.push(`${p} 不分段（分段按年度考评结果）：${tiers.join('、')}`);
  return `\n${lines.join('\n')}\n`;
}
