// The lines under the ranking of a run for part of the year (`--period 2021Q2`): which period was evaluated,
// and what it leaves to the year — so a quarter's totals are never read as the year's.
import type { Results } from '../runtime/index.js';
import type { RuleGraph } from '../graph/graph.js';
import { phrasebook, type Lang } from '../messages/catalogue.js';
import { REPORT_RESULTS } from '../messages/report-results.js';

/** '' for a year (the period evaluates everything). */
export function periodSummary(graph: RuleGraph, results: Results, lang: Lang): string {
  const scope = results.scope;
  if (!scope || results.period === null) return '';
  const words = phrasebook(REPORT_RESULTS, lang);
  const period = results.period;
  const left: { kind: string; indicators: number; left: number; bonuses: string[] }[] = [];
  const tiers: string[] = [];
  for (const kind of graph.kinds) {
    const out = scope.notInPeriod[kind.name];
    if (!out || !results.units.some((u) => u.kind === kind.name)) continue;
    const indicators = graph.nodes.filter((n) => n.role === 'indicator' && n.kind === kind.name).length;
    left.push({ kind: kind.name, indicators, left: out.indicators.length, bonuses: out.bonuses });
    tiers.push(...out.tiers);
  }
  const lines = [words('periodScope', { period, cadence: scope.cadence, evaluates: scope.evaluates }), words('periodLeft', { period, kinds: left })];
  if (tiers.length > 0) lines.push(words('periodNoTiers', { period, tiers }));
  return `\n${lines.join('\n')}\n`;
}
