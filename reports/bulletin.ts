// The 通报 of a period, as data: per entity kind the ranking with each unit's movement since the previous
// period, section scores, tiers and why a gated or vetoed unit is where it is; each indicator's best and worst
// units; how many units each tier holds. Rendered as a styled workbook (bulletin-workbook.ts) or as a
// self-contained HTML page (bulletin-html.ts).
import type { RuleGraph } from '../graph/graph.js';
import { roundTo } from '../runtime/evaluation/exact.js';
import { InputError } from '../messages/index.js';
import type { Evaluated } from './evaluated.js';
import { columnsOf, type UnitRow } from './results-columns.js';
import { cliMessage, type Lang } from '../messages/index.js';
import { phrasebook } from '../messages/catalogue.js';
import { REPORT_BULLETIN } from '../messages/report-bulletin.js';
import { tierReasonText } from '../messages/results-words.js';

/** A score cell: the score, a mark (免考, 不适用, 本期不考评), or null for none. */
export type ScoreCell = number | string | null;

export interface BulletinRow {
  rank: number | null;
  /** since the previous period: ↑3, ↓2, — (same place), 新/new (not ranked then); '' without a previous period */
  movement: string;
  id: string;
  name: string;
  total: number | null;
  sections: ScoreCell[];
  tiers: (string | null)[];
  /** why the unit's tier is what it is, when a gate or veto held */
  reason: string;
}

export interface IndicatorExtremes {
  name: string;
  section: string;
  points: number;
  precision: number;
  /** units scored (not exempt, evaluated in the period) */
  scored: number;
  mean: number | null;
  best: { score: number; units: string[] } | null;
  worst: { score: number; units: string[] } | null;
}

export interface KindBulletin {
  kind: string;
  label: string;
  totalPrecision: number;
  sections: { name: string; precision: number }[];
  tiers: string[];
  ranking: BulletinRow[];
  indicators: IndicatorExtremes[];
  tierCounts: { tiers: string; counts: { tier: string; units: number }[] }[];
  flagged: BulletinRow[];
}

export interface Bulletin {
  /** the language of its words (the names in it are the policy's and the data's) */
  lang: Lang;
  policy: string;
  period: string | null;
  previous: string | null;
  kinds: KindBulletin[];
  /** kinds left out, and why (none of their indicators is evaluated in the period) */
  notes: string[];
}

/** A unit's movement from rank `before` (previous period) to rank `now`. */
export function movement(before: number | null | undefined, now: number | null, lang: Lang = 'zh'): string {
  if (now === null) return '';
  if (before === null || before === undefined) return phrasebook(REPORT_BULLETIN, lang)('newlyRanked');
  if (before === now) return '—';
  return before > now ? `↑${before - now}` : `↓${now - before}`;
}

type Scored = { score: number | null; exempt?: true; notApplicable?: true; notInPeriod?: true };

/** The bulletin of the period `current`, compared with `previous`, in the words of `lang`. */
export function buildBulletin(graph: RuleGraph, current: Pick<Evaluated, 'results'>, previous: Pick<Evaluated, 'results'> | null, lang: Lang = 'zh'): Bulletin {
  const { results } = current;
  const words = phrasebook(REPORT_BULLETIN, lang);
  const mark = (r: Scored | undefined): ScoreCell =>
    r?.notInPeriod ? words('mark', { mark: 'notInPeriod' }) : r?.exempt ? words('mark', { mark: 'exempt' }) : r?.notApplicable ? words('mark', { mark: 'notApplicable' }) : (r?.score ?? null);
  if (previous) {
    const before = new Set(previous.results.units.map((u) => `${u.kind}\u0000${u.id}`));
    if (!results.units.some((u) => before.has(`${u.kind}\u0000${u.id}`)))
      throw new InputError(cliMessage('previousNoUnit', { previous: previous.results.period, period: results.period }));
  }
  const rankBefore = new Map(previous?.results.units.map((u) => [`${u.kind}\u0000${u.id}`, u.rank]) ?? []);
  const kinds: KindBulletin[] = [];
  const notes: string[] = [];
  for (const kind of graph.kinds) {
    const units = results.units.filter((u) => u.kind === kind.name);
    if (units.length === 0) continue;
    if (units.every((u) => u.total === null)) {
      notes.push(words('kindLeftOut', { kind: kind.name, period: results.period }));
      continue;
    }
    const all = columnsOf(graph, kind.name);
    // A run for part of the year leaves some indicators, sections and the tiers out: the bulletin shows what it evaluated.
    const left = results.scope?.notInPeriod[kind.name];
    const c = {
      ...all,
      sections: all.sections.filter((s) => !left?.sections.includes(s.name)),
      tiers: all.tiers.filter((t) => !left?.tiers.includes(t.name)),
      indicators: all.indicators.filter((i) => !left?.indicators.includes(i.name)),
    };
    const tiers = c.tiers.map((t) => t.name);
    const row = (u: UnitRow): BulletinRow => ({
      rank: u.rank,
      movement: previous ? movement(rankBefore.get(`${u.kind}\u0000${u.id}`), u.rank, lang) : '',
      id: u.id,
      name: u.name ?? u.id,
      total: u.total,
      sections: c.sections.map((s) => mark(u.sections[s.name])),
      tiers: tiers.map((t) => u.tiers[t] ?? null),
      reason: tierReasonText(tiers.flatMap((t) => u.tierReasons?.[t] ?? []), lang),
    });
    const ranking = units.map(row);
    const tierCounts = c.tiers.map((t) => ({ tiers: t.name, counts: t.tiers.map((rule) => ({ tier: rule.name, units: results.tiers[t.name]?.tiers[rule.name]?.length ?? 0 })) }));
    kinds.push({
      kind: kind.name,
      label: kind.label ?? kind.name,
      totalPrecision: c.totalPrecision,
      sections: c.sections.map((s) => ({ name: s.name, precision: s.precision })),
      tiers,
      ranking,
      indicators: c.indicators.map((i) => extremes(units, i.name, graph.nodes.find((n) => n.id === i.section)?.name ?? '', i.points, i.precision)),
      tierCounts,
      flagged: ranking.filter((r) => r.reason !== ''),
    });
  }
  return { lang, policy: graph.policy.name, period: results.period, previous: previous?.results.period ?? null, kinds, notes };
}

function extremes(units: readonly UnitRow[], name: string, section: string, points: number, precision: number): IndicatorExtremes {
  const scored = units.flatMap((u) => {
    const r = u.indicators[name];
    return r && !r.exempt && !r.notInPeriod && r.score !== null ? [{ unit: u.name ?? u.id, score: r.score }] : [];
  });
  if (scored.length === 0) return { name, section, points, precision, scored: 0, mean: null, best: null, worst: null };
  const scores = scored.map((s) => s.score);
  const top = Math.max(...scores);
  const bottom = Math.min(...scores);
  const holding = (score: number) => ({ score, units: scored.filter((s) => s.score === score).map((s) => s.unit) });
  // Shown at the indicator's precision, rounded as scores are (half up), not as the float happens to print.
  const mean = roundTo(scores.reduce((a, b) => a + b, 0) / scores.length, precision, 'half_up');
  return { name, section, points, precision, scored: scored.length, mean, best: holding(top), worst: holding(bottom) };
}

/** Units named in a cell: the first few, then how many more (a constant indicator is held by every unit). */
export function someUnits(units: readonly string[], lang: Lang, shown = 3): string {
  return phrasebook(REPORT_BULLETIN, lang)('someUnits', { units: units.slice(0, shown), all: units.length });
}
