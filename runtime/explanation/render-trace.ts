// Traces as short sentences, one per step ("检查发现执法问题2起，每起扣0.5分，扣1分"), in Chinese or English
// from the catalogue (messages/explain.ts). Numbers read as people read them (messages/numbers.ts): values at
// the policy's decimal places, marked 约 where that drops digits; scores, which are already at their places,
// as they are.
import type { Lang } from '../../messages/catalogue.js';
import { EXPLAIN } from '../../messages/explain.js';
import { ENGLISH_KEYWORDS } from '../../messages/index.js';
import { approxText, showNumber, type Shown } from '../../messages/numbers.js';
import type { Dimension } from '../../graph/graph.js';
import type { ConditionTrace, Step, Trace, TraceItem, TraceRecord, TraceValue } from './trace.js';

type Explain = typeof EXPLAIN;
type ParamsOf<K extends keyof Explain> = Parameters<Explain[K]['en']>[0];

/** Decimal places of a score shown as it is (a score is already at its precision; float noise never shows). */
const EXACT = 12;

/** How one trace is worded: its language and the policy's decimal places. */
class Words {
  constructor(readonly lang: Lang, readonly places: number) {}

  say<K extends keyof Explain>(key: K, ...params: [keyof ParamsOf<K>] extends [never] ? [] : [ParamsOf<K>]): string {
    return (EXPLAIN[key][this.lang] as (p: unknown, v: typeof ENGLISH_KEYWORDS) => string)(params[0] ?? {}, ENGLISH_KEYWORDS);
  }

  number(x: number, dim: Dimension | undefined, places = this.places): Shown {
    return showNumber(x, dim, this.lang, places);
  }

  /** A value at the policy's places (98.6%, 约3.99分, 48,760万元), or 是/否, a date, a name. */
  value(v: TraceValue): Shown {
    if (v.v === null) return { text: this.say('missing'), approx: false };
    if (typeof v.v === 'boolean') return { text: this.say(v.v ? 'yes' : 'no'), approx: false };
    if (typeof v.v === 'number') return this.number(v.v, v.dim);
    return { text: v.v, approx: false };
  }

  /** A value as a phrase, 约 before it when rounding dropped digits. */
  shown(v: TraceValue): string {
    return approxText(this.value(v), this.lang);
  }

  /** Points computed on the way to a score, at the policy's places. */
  points(x: number, places = this.places): string {
    return approxText(this.number(x, 'points', places), this.lang);
  }

  /** A score, or an indicator's points, as it is. */
  score(x: number): string {
    return this.number(x, 'points', EXACT).text;
  }

  plain(x: number, places = EXACT): string {
    return approxText(this.number(x, undefined, places), this.lang);
  }

  record(r: TraceRecord): string {
    const fields = Object.entries(r).map(([name, v]) => this.say('field', { name, value: typeof v === 'boolean' ? this.say(v ? 'yes' : 'no') : String(v) }));
    return this.say('fields', { fields });
  }
}

/** A value as a sentence shows it, every digit kept (98.6%, 3分, 2021-11-09, 是). */
export function show(v: TraceValue, lang: Lang = 'zh', places = EXACT): string {
  return new Words(lang, places).shown(v);
}

/** A record as `field=value，…`. */
export function record(r: TraceRecord, lang: Lang = 'zh'): string {
  return new Words(lang, EXACT).record(r);
}

function step(s: Step, w: Words): string {
  switch (s.step) {
    case 'read': {
      const value = w.value(s.value);
      const missing = s.filled ? ('filled' as const) : s.defaulted ? ('defaulted' as const) : null;
      return w.say('read', { name: s.name, value: value.text, approx: value.approx, relation: s.via?.relation ?? null, unit: s.via?.unit ?? null, missing });
    }
    case 'branch':
      if (s.form === 'if') return w.say('ifBranch', { holds: s.arm === 'then', value: w.shown(s.value) });
      return s.subject
        ? w.say('armBranch', { subject: w.shown(s.subject), arm: s.arm === 'else' ? null : s.arm, value: w.shown(s.value) })
        : w.say('taken', { value: w.shown(s.value) });
    case 'steps': {
      const gap = w.shown(s.gap);
      if (typeof s.gap.v === 'number' && s.gap.v <= 0) return w.say('noGap', { gap });
      const percentPoints = s.gap.dim === 'percent';
      const unit = s.unit.v as number;
      const per = percentPoints ? w.plain(unit * 100, w.places) : w.shown(s.unit);
      return w.say('steps', { gap, per, percentPoints, mode: s.mode, count: w.plain(s.count, w.places) });
    }
    case 'interpolate':
      if (s.from.v === s.to.v) return w.say('outsideRange', { x: w.shown(s.x), from: w.shown(s.from), result: w.shown(s.result) });
      return w.say('interpolate', { x: w.shown(s.x), from: w.shown(s.from), to: w.shown(s.to), result: w.shown(s.result) });
    case 'population': {
      const subject = s.subject;
      const value = w.shown(s.value);
      const among = s.among ?? null;
      if (among !== null && s.result.v === null) return w.say('notEligible', { subject, value, among, of: s.of });
      if (s.fn === 'rank' || s.fn === 'rank_asc')
        return w.say('ranked', { subject, value, of: s.of, among, rank: s.result.v as number, ascending: s.fn === 'rank_asc' });
      if (s.fn === 'percentile') return w.say('percentile', { subject, value, of: s.of, among, result: w.shown(s.result) });
      return w.say('peerStatistic', { subject, statistic: s.fn as 'peer_mean' | 'peer_max' | 'peer_min', of: s.of, among, result: w.shown(s.result) });
    }
    case 'base':
      return s.text ? w.say('formula', { text: s.text, value: w.points(s.value) }) : w.say('baseScore', { value: w.points(s.value) });
    case 'adjust': {
      const deduct = s.direction === 'deduct';
      const capped = s.cap ? w.say('capped', { before: w.points(s.cap.before), limit: w.points(s.cap.limit) }) : '';
      const amount = w.points(s.amount);
      if (s.count === null) return w.say('adjusted', { text: s.text, deduct, amount, capped });
      const amounts = s.amounts;
      const dropped = new Set(s.superseded);
      // One at a time: a list of 100 000 records would overflow the stack spread into a call.
      const records: string[] = [];
      s.records.forEach((r, i) => {
        const rec = w.record(r);
        records.push(dropped.has(i) ? w.say('recordSuperseded', { record: rec }) : amounts ? w.say('recordAmount', { record: rec, deduct, amount: w.points(amounts[i]!) }) : rec);
      });
      return w.say('adjustedPer', { text: s.text, deduct, count: s.count, records, each: s.each !== null ? w.points(s.each) : null, amount, capped });
    }
    case 'link':
      return w.say('linked', { text: s.text, source: s.source, sourceName: s.sourceName, record: s.record ? w.record(s.record) : null, amount: w.points(s.amount) });
    case 'exempt':
      return s.reason === 'missing' ? w.say('exemptMissing', { inputs: s.inputs }) : w.say('exemptWhen');
    case 'peer_mean':
      return w.say('peerMean', { inputs: s.inputs, peers: s.peers, value: w.score(s.value) });
    case 'period_parts': {
      const parts = s.parts.map((p) => w.say('periodPart', { period: p.period, score: p.score === null ? null : w.score(p.score) }));
      return w.say('periodParts', { parts, aggregate: s.aggregate, own: s.own === true, value: s.value === null ? null : w.score(s.value) });
    }
    case 'not_in_period':
      return w.say('notInPeriod', { declared: s.declared, cadence: s.cadence, period: s.period });
    case 'clamp':
      return s.limit === 'zero' ? w.say('clampZero', { from: w.points(s.from) }) : w.say('clampCap', { from: w.points(s.from), to: w.points(s.to) });
    case 'round':
      // Two more places than kept, so the digit that decides the rounding shows.
      return w.say('rounded', { from: w.points(s.from, s.precision + 2), mode: s.mode, places: s.precision, to: w.points(s.to, s.precision) });
  }
}

/** How a trace is shown: its language, and the policy's decimal places (`graph.policy.precision`). */
export interface TraceStyle {
  lang?: Lang;
  places?: number;
}

/** The places of a policy that declares none (docs/language.md). */
const DEFAULT_PLACES = 2;

function words(style: TraceStyle): Words {
  return new Words(style.lang ?? 'zh', style.places ?? DEFAULT_PLACES);
}

/** One item of a trace (an indicator, section, bonus, total, rank or tier) as its lines. */
export function renderTraceItem(t: TraceItem, trace: Trace, style: TraceStyle = {}): string[] {
  const w = words(style);
  const steps = (xs: Step[], indent = '  ') => xs.map((s) => `${indent}${step(s, w)}`);
  switch (t.item) {
    case 'indicator': {
      const outcome = t.notInPeriod ? 'left' : t.score === null ? 'none' : 'scored';
      return [w.say('indicator', { name: t.name, section: t.section, points: w.score(t.points), outcome, score: w.score(t.score ?? 0) }), ...steps(t.steps)];
    }
    case 'section': {
      if (t.notInPeriod) return [w.say('sectionLeft', { name: t.name, points: w.score(t.points) })];
      if (!t.applicable) return [w.say('sectionNotApplicable', { name: t.name })];
      const inPeriod = t.indicators.filter((x) => !x.notInPeriod);
      const parts = inPeriod.map((x) => w.say('sectionPart', { name: x.name, score: x.exempt ? null : w.score(x.score ?? 0) }));
      const lines = [w.say('section', {
        name: t.name,
        points: w.score(t.points),
        periodPoints: t.periodPoints !== undefined ? w.score(t.periodPoints) : null,
        score: t.score === null ? null : w.score(t.score),
        parts,
        left: t.indicators.length - inPeriod.length,
      })];
      const r = t.redistributed;
      if (r) lines.push(`  ${w.say('redistributed', { sum: w.score(r.sum), evaluatedPoints: w.score(r.evaluatedPoints), points: w.score(r.points), inPeriod: t.periodPoints !== undefined })}`);
      return [...lines, ...steps(t.steps)];
    }
    case 'bonus':
      if (t.score === null) return [w.say('bonusLeft', { name: t.name, declared: t.declared ?? null })];
      if (t.counts === 'deduction') return [w.say('totalDeduction', { name: t.name, amount: w.points(-t.score || 0) }), ...steps(t.steps)];
      return [w.say('bonus', { name: t.name, score: w.score(t.score), tiebreak: t.counts === 'tiebreak' }), ...steps(t.steps)];
    case 'total': {
      if (t.score === null) return [w.say('totalLeft')];
      const parts = t.parts.map((p) => {
        const minus = p.score !== null && p.score < 0 && !p.notInPeriod; // a deduction on the total, shown as `− 3分`
        const text = w.say('totalPart', { name: p.name, outcome: p.notInPeriod ? 'left' : p.score === null ? 'none' : 'scored', score: w.score(minus ? -p.score! : (p.score ?? 0)) });
        return { text, minus };
      });
      const lines = [w.say('total', { score: w.score(t.score), parts })];
      if (trace.scope) lines.push(`  ${w.say('totalInPeriod', { period: trace.period })}`);
      const x = t.individual;
      if (x) {
        const share = w.number(x.share, 'percent', EXACT).text;
        const rest = w.number(1 - x.share, 'percent', EXACT).text;
        lines.push(`  ${w.say('individual', { share, rest, relation: x.relation, unit: x.unit, relatedTotal: w.score(x.relatedTotal), own: w.score(x.own) })}`);
      }
      return lines;
    }
    case 'rank': {
      // The first key is the total (explain.ts); the others are tie-breakers by their names.
      const keys = t.keys.map((k, i) => (i === 0 ? w.say('totalWord') : k.name));
      return [w.say('rank', { rank: t.rank, of: t.of, keys, tiedWith: t.tiedWith })];
    }
    case 'tier': {
      const lines = [w.say('tier', { name: t.name, position: t.position, of: t.of, tier: t.tier })];
      const place = t.places.find((p) => p.tier === t.tier);
      if (place && place.places !== null) lines.push(`  ${w.say('tierPlaces', { tier: place.tier, places: place.places, filledBefore: place.filledBefore })}`);
      for (const g of t.gates) lines.push(`  ${w.say('gate', { text: g.text, tier: g.tier })}`, ...conditionLines(g, w));
      for (const u of t.placeUsedUp) lines.push(`  ${w.say('placeUsedUp', { tier: u })}`);
      for (const v of t.vetoes) lines.push(`  ${w.say('veto', { text: v.text })}`, ...conditionLines(v, w));
      if (t.tiedWith.length > 0) lines.push(`  ${w.say('tiedTier', { tiedWith: t.tiedWith })}`);
      return lines;
    }
  }
}

/** What made a gate or veto hold: the values read, and each `in top/bottom P` as a place against its cut-off. */
function conditionLines(c: ConditionTrace, w: Words): string[] {
  const ranks = c.ranks.map((r) => `    ${r.among !== undefined && Number.isNaN(r.position)
    ? w.say('notAmong', { subject: r.subject, value: w.shown(r.value), among: r.among, of: r.of })
    : w.say('rankPlace', {
      subject: r.subject,
      value: w.shown(r.value),
      top: r.side === 'top',
      position: r.position,
      of: r.of,
      among: r.among ?? null,
      share: r.share === undefined ? null : w.number(r.share, 'percent', EXACT).text, // `in top 3`: a number of places
      places: r.places,
    })}`);
  return [...c.steps.map((s) => `    ${step(s, w)}`), ...ranks];
}

/** One sentence per step, one block per indicator, section, bonus, total, rank and tier. */
export function renderTraceLines(trace: Trace, style: TraceStyle = {}): string[] {
  const w = words(style);
  const head = [w.say('heading', { unit: trace.unit, name: trace.name, policy: trace.policy, period: trace.period })];
  if (trace.scope) head.push(w.say('scope', { cadence: trace.scope.cadence, evaluates: trace.scope.evaluates }));
  return [...head, ...trace.items.flatMap((t) => renderTraceItem(t, trace, style))];
}

export function renderTrace(trace: Trace, style: TraceStyle = {}): string {
  return renderTraceLines(trace, style).join('\n') + '\n';
}
