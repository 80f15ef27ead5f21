// The terminal's view of results: one ranking table per entity kind.
import type { RuleGraph } from '../graph/graph.js';
import { formatPercent } from '../review/semantic-diff.js';
import type { Evaluated } from './evaluate-data.js';
import type { IndividualPart } from './individual-shares.js';
import { columnsOf, type KindColumns, type UnitRow } from './results-columns.js';
import { tierReasonHeader, tierReasonText } from '../messages/results-words.js';
import { renderTable } from './table.js';

/** A score as fixed decimals of its precision (97.79, 70.00), so a column's decimal points line up. */
function score(v: number | null | undefined, precision: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(precision);
}

function rowOf(c: KindColumns, u: UnitRow, part: IndividualPart | undefined, reasons: readonly string[]): string[] {
  const sections = c.sections.map((s) => {
    const r = u.sections[s.name];
    return r ? (r.exempt ? '免考' : score(r.score, s.precision)) : '—';
  });
  const name = u.name && u.name !== u.id ? u.name : u.id;
  return [
    u.rank === null ? '—' : String(u.rank),
    name,
    score(u.total, c.totalPrecision),
    ...sections,
    ...c.bonuses.map((b) => score(u.bonuses[b.name], b.precision)),
    ...(c.individual ? [score(part?.relatedTotal, c.individual.precision), part ? formatPercent(part.share) : '—'] : []),
    ...c.tiers.map((t) => u.tiers[t.name] ?? ''),
    ...reasons.map((t) => tierReasonText(u.tierReasons?.[t])),
  ];
}

/**
 * A kind's table: rank, unit, total, sections, bonuses, the related unit's share, tiers, and why a unit's tier
 * is what it is when a gate or veto held for any unit listed — for `units` in the order given, under `heading`.
 */
export function kindTable(graph: RuleGraph, kind: string, heading: string, units: readonly UnitRow[], partOf: (u: UnitRow) => IndividualPart | undefined): string {
  const k = graph.kinds.find((x) => x.name === kind)!;
  const c = columnsOf(graph, kind);
  const scores = [...c.sections, ...c.bonuses].map((n) => n.name);
  if (c.individual) scores.push(c.individual.result, c.individual.share);
  const reasons = c.tiers.map((t) => t.name).filter((t) => units.some((u) => u.tierReasons?.[t]));
  const header = ['名次', k.label ?? kind, '总分', ...scores, ...c.tiers.map((t) => t.name), ...reasons.map((t) => tierReasonHeader(t, 'zh'))];
  const align = header.map((_, i) => (i === 1 || i >= 3 + scores.length ? 'left' : 'right') as 'left' | 'right');
  return `${heading}\n` + renderTable(header, units.map((u) => rowOf(c, u, partOf(u), reasons)), align);
}

/** One table per entity kind that has units, in the results' order. */
export function rankingTables(graph: RuleGraph, { results, individuals }: Evaluated): string {
  const out: string[] = [];
  for (const kind of graph.kinds) {
    const units = results.units.filter((u) => u.kind === kind.name);
    if (units.length === 0) continue;
    const heading = `${kind.name}（${units.length}）${results.period ? ` ${results.period}` : ''}`;
    out.push(kindTable(graph, kind.name, heading, units, (u) => individuals.get(u.id)));
  }
  return out.join('\n');
}
