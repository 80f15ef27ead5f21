// Part of check-structure: the period an indicator or a bonus declares, and its own aggregation over the parts
// of a period (`period monthly by sum` / `周期 月度 依据 合计`).
import type { BonusDecl, IndicatorDecl, IndicatorItem, MetaItem, Span } from '../dsl/ast.js';
import type { PeriodAggregate, PeriodKind } from '../graph/graph.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message } from '../messages/index.js';
import { didYouMean } from './did-you-mean.js';
import type { TypedPolicy } from './check-types.js';
import { PERIOD_AGGREGATES, PERIOD_KINDS } from './value-words.js';

/** What a `period` line of an indicator or bonus says: its cadence and, with `by`, its own aggregation. */
export interface ItemPeriod {
  period: PeriodKind;
  aggregate: PeriodAggregate | null;
}

const PART_CADENCES: [RegExp, PeriodKind][] = [
  [/^\d{4}Q[1-4]$/, 'quarterly'],
  [/^\d{4}M\d\d$/, 'monthly'],
  [/^\d{4}H[12]$/, 'half_yearly'],
];

/** The cadence of a part of a `periods` declaration (`2021Q2` → quarterly); null when ill-formed (KP3011). */
function partCadence(part: string): PeriodKind | null {
  return PART_CADENCES.find(([re]) => re.test(part))?.[1] ?? null;
}

/** Whether part `part` (`2021M02`) lies within the aggregated period `whole` (a year, quarter or half-year). */
export function partInside(part: string, whole: string): boolean {
  if (part.slice(0, 4) !== whole.slice(0, 4)) return false;
  if (whole.length === 4) return true;
  const months = (p: string): [number, number] => {
    const n = Number(p.slice(5));
    return p[4] === 'M' ? [n, n] : p[4] === 'Q' ? [3 * n - 2, 3 * n] : [6 * n - 5, 6 * n];
  };
  const [a, b] = months(part);
  const [c, d] = months(whole);
  // A part is finer than its whole: a quarter is not a part of itself.
  return a >= c && b <= d && b - a < d - c;
}

export function checkItemPeriods(policy: TypedPolicy): { itemPeriods: Map<IndicatorDecl | BonusDecl, ItemPeriod>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const itemPeriods = new Map<IndicatorDecl | BonusDecl, ItemPeriod>();
  // The cadences an aggregated period is made of: only an item of one of them is evaluated in parts.
  const partCadences = new Set(policy.decls.periods.flatMap((p) => p.parts.map((x) => partCadence(x.text)).filter((c) => c !== null)));
  const indicators = policy.decls.sections.flatMap((s) => s.items.filter((i): i is IndicatorDecl => i.type === 'Indicator'));

  const check = (decl: IndicatorDecl | BonusDecl) => {
    const items: readonly (IndicatorItem | BonusDecl['items'][number])[] = decl.items;
    const metas = items.filter((i): i is MetaItem => i.type === 'Meta');
    for (const m of metas) {
      if (m.aggregate && m.key !== 'period')
        diagnostics.push(diagnostic(m.aggregate.span, message('KP3020', 'notPeriod', { name: decl.name.text })));
    }
    const line = metas.find((m) => m.key === 'period');
    if (!line || !('text' in line.value)) return;
    const period = PERIOD_KINDS.get(line.value.text);
    // An indicator's period word is checked with its other metadata (KP3004); a bonus's here.
    if (period === undefined) {
      if (decl.type === 'Bonus') badWord(line.value.span, line.value.text, 'periodWord', [...PERIOD_KINDS.keys()], decl.name.text);
      return;
    }
    let aggregate: PeriodAggregate | null = null;
    if (line.aggregate) {
      const word = PERIOD_AGGREGATES.get(line.aggregate.text);
      if (word === undefined) badWord(line.aggregate.span, line.aggregate.text, 'aggregateWord', [...PERIOD_AGGREGATES.keys()], decl.name.text);
      else if (!partCadences.has(period))
        diagnostics.push(diagnostic(line.aggregate.span, message('KP3020', 'noParts', { name: decl.name.text, period: line.value.text }),
          { help: message('KP3020', 'noPartsHelp', { period: line.value.text }) }));
      else aggregate = word;
    }
    itemPeriods.set(decl, { period, aggregate });
  };
  const badWord = (span: Span, word: string, variant: 'periodWord' | 'aggregateWord', spellings: string[], name: string) =>
    diagnostics.push(diagnostic(span, message('KP3020', variant, { name, word, spellings }), { help: didYouMean(word, spellings).help }));

  indicators.forEach(check);
  policy.decls.bonuses.forEach(check);
  return { itemPeriods, diagnostics };
}
