// The terminal's view of results: one ranking table per entity kind.
import type { RuleGraph } from '../graph/graph.js';
import { formatPercent } from '../review/semantic-diff.js';
import type { Evaluated } from './evaluate-data.js';
import type { IndividualPart } from '../reports/individual-shares.js';
import { columnsOf, type KindColumns, type UnitRow } from '../reports/results-columns.js';
import { RESULT_WORDS, tierReasonHeader, tierReasonText } from '../messages/results-words.js';
import { phrasebook, type Lang } from '../messages/catalogue.js';
import { REPORT_RESULTS } from '../messages/report-results.js';
import { renderTable } from './table.js';

/** A score as fixed decimals of its precision (97.79, 70.00), so a column's decimal points line up. */
function score(v: number | null | undefined, precision: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(precision);
}

function rowOf(c: KindColumns, u: UnitRow, part: IndividualPart | undefined, reasons: readonly string[], lang: Lang): string[] {
  const sections = c.sections.map((s) => {
    const r = u.sections[s.name];
    return r ? (r.exempt ? RESULT_WORDS.exempt[lang] : score(r.score, s.precision)) : '—';
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
    ...reasons.map((t) => tierReasonText(u.tierReasons?.[t], lang)),
  ];
}

/**
 * A kind's table: rank, unit, total, sections, bonuses, the related unit's share, tiers, and why a unit's tier
 * is what it is when a gate or veto held for any unit listed — for `units` in the order given, under `heading`.
 */
export function kindTable(graph: RuleGraph, kind: string, heading: string, units: readonly UnitRow[], partOf: (u: UnitRow) => IndividualPart | undefined, lang: Lang): string {
  const k = graph.kinds.find((x) => x.name === kind)!;
  const c = columnsOf(graph, kind);
  const scores = [...c.sections, ...c.bonuses].map((n) => n.name);
  if (c.individual) scores.push(c.individual.result, c.individual.share);
  const reasons = c.tiers.map((t) => t.name).filter((t) => units.some((u) => u.tierReasons?.[t]));
  const header = [RESULT_WORDS.rank[lang], k.label ?? kind, RESULT_WORDS.total[lang], ...scores, ...c.tiers.map((t) => t.name), ...reasons.map((t) => tierReasonHeader(t, lang))];
  const align = header.map((_, i) => (i === 1 || i >= 3 + scores.length ? 'left' : 'right') as 'left' | 'right');
  return `${heading}\n` + renderTable(header, units.map((u) => rowOf(c, u, partOf(u), reasons, lang)), align);
}

/** One table per entity kind that has units, in the results' order. */
export function rankingTables(graph: RuleGraph, { results, individuals }: Evaluated, lang: Lang): string {
  const words = phrasebook(REPORT_RESULTS, lang);
  const out: string[] = [];
  for (const kind of graph.kinds) {
    const units = results.units.filter((u) => u.kind === kind.name);
    if (units.length === 0) continue;
    const heading = words('rankingHeading', { kind: kind.name, units: units.length, shown: null, period: results.period });
    out.push(kindTable(graph, kind.name, heading, units, (u) => individuals.get(u.id), lang));
  }
  return out.join('\n');
}
