// Building the results object from a finished evaluation: units sorted by kind, rank, then id; every
// map built in the policy's declaration order, so equal inputs give byte-identical JSON.
import type { BonusNode, IndicatorNode, SectionNode, TiersNode } from '../../graph/graph.js';
import type { RuntimeIssue } from '../issues.js';
import { rankByKeys, usableValues } from '../evaluation/population.js';
import type { Results, TierReason, UnitResults } from './results-schema.js';
import { periodPoints } from '../evaluation/node-eval.js';
import { EXEMPT, NOT_APPLICABLE, NOT_IN_PERIOD, PEER_MEAN, UNUSABLE, cadencesUpTo, type EvalState, type TierOutcome } from '../evaluation/state.js';
import { buildTrace } from '../explanation/explain.js';

export type { Results, TierReason, UnitResults } from './results-schema.js';

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildResults(
  state: EvalState,
  period: string | null,
  skipped: Map<string, { kind: string; reasons: string[] }>,
  issues: RuntimeIssue[],
  traces: boolean,
): Results {
  const g = state.graph;
  const units: UnitResults[] = [];
  const rankings: Results['rankings'] = dict();
  const tiers: Results['tiers'] = dict();
  const nodes = g.nodes;

  for (const { name: kind } of g.kinds) {
    const ku = state.kinds.get(kind)!;
    const n = ku.ids.length;
    const rank = state.ranks.get(kind)?.rank;
    const total = state.totals.get(kind);
    const own = nodes.filter((x) => x.kind === kind);
    const kindTiers = own.filter((x): x is TiersNode => x.role === 'tiers');
    const unit = unitResults(state, kind);
    for (const i of unitOrder(state, kind)) {
      const r = unit(i);
      // The schema describes trace items loosely (see trace.ts); a Trace is one of them.
      if (traces) r.trace = buildTrace(state, kind, i, {}, period) as unknown as UnitResults['trace'];
      units.push(r);
    }

    if (total) {
      const entries = (id: string) => {
        const values = usableValues(state, id);
        const ranked = id === total.id && rank ? { order: orderOf(rank, values), rank } : rankByKeys([values], n);
        return [...ranked.order].map((i) => ({ unit: ku.ids[i]!, rank: ranked.rank[i]!, score: values[i]! }));
      };
      const bySection: Results['rankings'][string]['sections'] = dict();
      for (const s of own) if (s.role === 'section') bySection[s.name] = entries(s.id);
      rankings[kind] = { total: entries(total.id), sections: bySection };
    }
    for (const t of kindTiers) {
      const o = state.tierOutcomes.get(t.id);
      const groups: Record<string, string[]> = dict();
      for (const rule of t.tiers) groups[rule.name] = [];
      if (o) for (const i of o.order) if (o.tier[i]! >= 0) groups[t.tiers[o.tier[i]!]!.name]!.push(ku.ids[i]!);
      tiers[t.name] = state.scope?.notInPeriod.has(t.id) ? { kind, tiers: groups, notInPeriod: true } : { kind, tiers: groups };
    }
  }

  const kindOrder = new Map(g.kinds.map((k, i) => [k.name, i]));
  const skippedList = [...skipped]
    .map(([unit, s]) => ({ unit, kind: s.kind, reasons: [...new Set(s.reasons)] }))
    .sort((a, b) => (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0) || byId(a.unit, b.unit));
  // Warnings as the results format has them: the message in Chinese, without the sentence's parameters.
  const warnings = issues
    .filter((i) => i.severity === 'warning')
    .map(({ text: _text, ...warning }) => warning)
    .sort((a, b) => byId(a.message, b.message));
  const results: Results = {
    format: 1,
    policy: { name: g.policy.name, version: g.policy.version },
    period,
    units,
    rankings,
    tiers,
    skipped: skippedList,
    warnings,
  };
  if (state.scope) results.scope = scopeOf(state);
  return results;
}

/**
 * The kind's units in the results' order: by rank, the unranked last, ties by id — which is the state's
 * order of units, so a counting sort over ranks keeps it.
 */
export function unitOrder(state: EvalState, kind: string): Int32Array {
  const n = state.kinds.get(kind)!.ids.length;
  const rank = state.ranks.get(kind)?.rank;
  const order = new Int32Array(n);
  if (!rank) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  // Buckets 0…n-1 for places 1…n, bucket n for the unranked (rank 0); start[b] is where bucket b's next unit goes.
  const bucket = (i: number) => (rank[i]! || n + 1) - 1;
  const start = new Int32Array(n + 2);
  for (let i = 0; i < n; i++) start[bucket(i) + 1]!++;
  for (let b = 1; b < start.length; b++) start[b]! += start[b - 1]!;
  for (let i = 0; i < n; i++) order[start[bucket(i)]!++] = i;
  return order;
}

/**
 * Unit i's usable score of a node (null when missing, exempt or failed), read from its column in place:
 * per-unit results for a million units must not copy columns.
 */
function scoreOf(state: EvalState, id: string): (i: number) => number | null {
  const col = state.columns.get(id);
  if (!col || (col.t !== 'num' && col.t !== 'enum')) return () => null;
  const v = col.v;
  const flags = state.flags.get(id);
  return (i) => {
    const x = v[i];
    return x === undefined || Number.isNaN(x) || (flags && (flags[i]! & UNUSABLE) !== 0) ? null : x;
  };
}

/** A function giving unit i's results of `kind` (no trace): for all units at once, or a few at a time. */
export function unitResults(state: EvalState, kind: string): (i: number) => UnitResults {
  const ku = state.kinds.get(kind)!;
  const rank = state.ranks.get(kind)?.rank;
  const total = state.totals.get(kind);
  const totalScore = total ? scoreOf(state, total.id) : () => null;
  const own = state.graph.nodes.filter((x) => x.kind === kind);
  const none = new Uint8Array(ku.ids.length);
  const parts = own
    .filter((x) => x.role === 'indicator' || x.role === 'section' || x.role === 'bonus')
    .map((x) => ({
      node: x as IndicatorNode | SectionNode | BonusNode,
      score: scoreOf(state, x.id),
      flags: state.flags.get(x.id) ?? none,
      periodPoints: x.role === 'section' ? periodPoints(state, x) : null,
    }));
  const kindTiers = own.filter((x): x is TiersNode => x.role === 'tiers');
  const tierOf = kindTiers.map((t) => ({ t, outcome: state.tierOutcomes.get(t.id) }));
  return (i) => {
    const indicators: UnitResults['indicators'] = dict();
    const sections: UnitResults['sections'] = dict();
    const bonuses: UnitResults['bonuses'] = dict();
    for (const { node: x, score, flags, periodPoints: worth } of parts) {
      const f = flags[i]!;
      if (x.role === 'indicator') {
        const e: UnitResults['indicators'][string] = { score: score(i), points: x.points };
        if (f & NOT_IN_PERIOD) e.notInPeriod = true;
        else if (f & EXEMPT) e.exempt = true;
        if (f & PEER_MEAN) e.peerMean = true;
        indicators[x.name] = e;
      } else if (x.role === 'section') {
        const e: UnitResults['sections'][string] = { score: score(i), points: x.points };
        if (f & NOT_APPLICABLE) e.notApplicable = true;
        if (f & NOT_IN_PERIOD) e.notInPeriod = true;
        else {
          if (f & EXEMPT) e.exempt = true;
          if (worth !== null) e.periodPoints = worth;
        }
        sections[x.name] = e;
      } else bonuses[x.name] = f & NOT_IN_PERIOD ? null : (score(i) ?? 0);
    }
    const unitTiers: UnitResults['tiers'] = dict();
    let reasons: NonNullable<UnitResults['tierReasons']> | null = null;
    for (const { t, outcome } of tierOf) {
      const k = outcome?.tier[i] ?? -1;
      unitTiers[t.name] = k < 0 ? null : t.tiers[k]!.name;
      const held = outcome ? tierReasons(t, outcome, i) : [];
      if (held.length > 0) (reasons ??= dict())[t.name] = held;
    }
    const out: UnitResults = {
      id: ku.ids[i]!,
      kind,
      name: ku.names[i] ?? null,
      indicators,
      sections,
      bonuses,
      total: totalScore(i),
      rank: rank && rank[i]! > 0 ? rank[i]! : null,
      tier: kindTiers[0] ? (unitTiers[kindTiers[0].name] ?? null) : null,
      tiers: unitTiers,
    };
    if (reasons) out.tierReasons = reasons;
    return out;
  };
}

/** The vetoes, then the gates, that held for unit i (a veto decides the tier, so it comes first). */
function tierReasons(t: TiersNode, outcome: TierOutcome, i: number): TierReason[] {
  const vetoes = (outcome.vetoed.get(i) ?? []).map((v): TierReason => ({ rule: 'veto', text: t.vetoes[v]!.text }));
  const gates = (outcome.gatesFired.get(i) ?? []).map((g): TierReason => ({ rule: 'gate', text: t.gates[g]!.text, tier: t.gates[g]!.tier }));
  return [...vetoes, ...gates];
}

/** What a run for part of the year does not evaluate, by entity kind. */
function scopeOf(state: EvalState): NonNullable<Results['scope']> {
  const { cadence, notInPeriod } = state.scope!;
  const byKind: NonNullable<Results['scope']>['notInPeriod'] = dict();
  for (const { name: kind } of state.graph.kinds) {
    const left = state.graph.nodes.filter((n) => n.kind === kind && notInPeriod.has(n.id));
    const named = (role: string) => left.filter((n) => n.role === role).map((n) => n.name);
    byKind[kind] = { indicators: named('indicator'), sections: named('section'), bonuses: named('bonus'), tiers: named('tiers') };
  }
  return { cadence, evaluates: cadencesUpTo(cadence), notInPeriod: byKind };
}

/** Units with a rank, best first, ties by id. */
function orderOf(rank: Int32Array, values: Float64Array): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i]! > 0 && !Number.isNaN(values[i]!)) idx.push(i);
  idx.sort((a, b) => rank[a]! - rank[b]! || a - b);
  return Int32Array.from(idx);
}
