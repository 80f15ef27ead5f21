// Ranks and tier allotment. Units are ordered by a key, then by the tie-breakers in turn (bonuses that
// count as tie-breakers first, then the tiers' `ties by` keys); units equal on all of them share a
// position. Walking that order, each group of tied units is placed together against the places left
// when the group arrives, so a tie at a quota's edge all enter.
import { message } from '../../messages/index.js';
import { runtimeIssue } from '../issues.js';
import type { Column, EvalState, TierOutcome } from './state.js';
import type { BonusNode, TiersNode } from '../../graph/graph.js';
import { INVALID, evalExpr, exactOf, newScope, truthy as truthyValue, type Val } from './expr-eval.js';
import { quotaPlaces, rankByKeys, usableValues, type Ranking } from './population.js';
import * as Q from './rational.js';
import { FAILED, kindUnits, reportFailure } from './state.js';


/** Σ of the bonuses of `kind` that only break ties, or null when it has none. */
function tiebreakBonuses(state: EvalState, kind: string, n: number): Float64Array | null {
  const bonuses = [...state.nodes.values()].filter((x): x is BonusNode => x.role === 'bonus' && x.kind === kind && x.counts === 'tiebreak');
  if (bonuses.length === 0) return null;
  const columns = bonuses.map((b) => usableValues(state, b.id));
  const sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let exact = Q.ZERO;
    for (const v of columns) if (!Number.isNaN(v[i]!)) exact = Q.add(exact, exactOf(v[i]!));
    sum[i] = Q.toNumber(exact);
  }
  return sum;
}

/** The tie-breaking keys after the main key; a unit without a value on one ranks last on it. */
export function tieBreakers(state: EvalState, kind: string, n: number): { name: string; values: Float64Array }[] {
  const keys: { name: string; values: Float64Array }[] = [];
  const bonus = tiebreakBonuses(state, kind, n);
  if (bonus) keys.push({ name: '加分（用于排序）', values: bonus });
  const tiers = state.tiersOf.get(kind);
  if (tiers?.ties.mode === 'by')
    for (const id of tiers.ties.keys) {
      const v = usableValues(state, id).slice();
      for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) v[i] = -Infinity;
      keys.push({ name: state.nodes.get(id)!.name, values: v });
    }
  return keys;
}

/** Rankings by a node with the kind's tie-breakers, per state: the tiers and the ranks by the total share one. */
const rankings = new WeakMap<EvalState, Map<string, { ranking: Ranking; extra: { name: string; values: Float64Array }[] }>>();

function rankingBy(state: EvalState, kind: string, id: string, n: number) {
  let m = rankings.get(state);
  if (!m) rankings.set(state, (m = new Map()));
  let r = m.get(id);
  if (!r) {
    const extra = tieBreakers(state, kind, n);
    r = { ranking: rankByKeys([usableValues(state, id), ...extra.map((k) => k.values)], n), extra };
    m.set(id, r);
  }
  return r;
}

/** Competition rank of every unit of each kind by its total, with the kind's tie-breakers. */
export function computeRanks(state: EvalState): void {
  for (const [kind, total] of state.totals) {
    const { ranking, extra } = rankingBy(state, kind, total.id, kindUnits(state, kind).ids.length);
    state.ranks.set(kind, { rank: ranking.rank, keys: [{ name: '总分', id: total.id }, ...extra.map((k) => ({ name: k.name, id: '' }))] });
  }
}

function truthy(v: Val): boolean | null {
  return v === INVALID ? null : truthyValue(v);
}

/**
 * Conditions already computed over all units (by the kernels): 1 or 0 per unit, NaN where the interpreter
 * decides; null for a condition computed by the interpreter for every unit.
 */
export interface TierConditions {
  vetoes: (Float64Array | null)[];
  gates: (Float64Array | null)[];
  tiers: (Float64Array | null)[];
}

const NONE: readonly number[] = [];

export function evaluateTiers(state: EvalState, node: TiersNode, col: Column, flags: Uint8Array, known?: TierConditions): void {
  const n = kindUnits(state, node.kind).ids.length;
  const { order, rank } = rankingBy(state, node.kind, node.by, n).ranking;
  const count = order.length;
  const places = node.tiers.map((t) => (t.quota ? quotaPlaces(t.quota.share, count, node.quota) : null));
  const filled = new Array<number>(node.tiers.length).fill(0);
  const outcome: TierOutcome = {
    order,
    position: rank,
    tier: new Int32Array(n).fill(-1),
    places,
    filledBefore: new Int32Array(n),
    gatesFired: new Map(),
    vetoed: new Map(),
    usedUp: new Map(),
  };
  const sc = newScope(state, node.kind);
  const holds = (i: number, e: Parameters<typeof evalExpr>[0], what: string, column: Float64Array | null | undefined): boolean | null => {
    const k = column ? column[i]! : NaN;
    if (k === k) return k === 1;
    sc.i = i;
    const c = truthy(evalExpr(e, sc));
    if (c === null) {
      reportFailure(state, node, i, `${what}读到缺失值`);
      flags[i] = FAILED;
    }
    return c;
  };
  /** Indexes of the conditions that hold for unit i (all of them evaluated, in order). */
  const holding = (i: number, list: { when: TiersNode['vetoes'][number]['when'] }[], what: string, columns: (Float64Array | null)[] | undefined): readonly number[] => {
    let out: number[] | null = null;
    for (let x = 0; x < list.length; x++) if (holds(i, list[x]!.when, what, columns?.[x])) (out ??= []).push(x);
    return out ?? NONE;
  };
  const last = node.tiers.length - 1;
  // For each tier, the gates that keep a unit out of it.
  const gatesOf = node.tiers.map((t) => node.gates.flatMap((g, x) => (g.tier === t.name ? [x] : [])));
  const gatedOut = (gates: readonly number[], t: number) => gates.length > 0 && gatesOf[t]!.some((x) => gates.includes(x));
  // The places filled when the unit's group of tied units arrived (one buffer: no allocation per group).
  const snapshot = new Array<number>(node.tiers.length).fill(0);

  for (let p = 0; p < count; ) {
    let q = p;
    while (q < count && rank[order[q]!] === rank[order[p]!]) q++;
    for (let t = 0; t <= last; t++) snapshot[t] = filled[t]!;
    for (let k = p; k < q; k++) {
      const i = order[k]!;
      const vetoes = holding(i, node.vetoes, '否决条件', known?.vetoes);
      const gates = holding(i, node.gates, '限制条件', known?.gates);
      if (flags[i] === FAILED) continue;
      if (gates.length > 0) outcome.gatesFired.set(i, gates as number[]);
      if (vetoes.length > 0) {
        outcome.vetoed.set(i, vetoes as number[]);
        outcome.tier[i] = last;
        outcome.filledBefore[i] = snapshot[last]!;
        filled[last]!++;
        continue;
      }
      for (let t = 0; t <= last; t++) {
        const rule = node.tiers[t]!;
        if (rule.when) {
          const c = holds(i, rule.when, `「${rule.name}」的条件`, known?.tiers[t]);
          if (c === null) break;
          if (!c) continue;
        }
        const limit = places[t];
        if (!rule.rest && limit !== null && limit !== undefined && snapshot[t]! >= limit) continue;
        if (gatedOut(gates, t)) {
          if (node.gated === 'stays_empty' && !rule.rest) {
            filled[t]!++;
            snapshot[t]!++;
            outcome.usedUp.set(i, [...(outcome.usedUp.get(i) ?? []), t]);
          }
          continue;
        }
        outcome.tier[i] = t;
        outcome.filledBefore[i] = snapshot[t]!;
        filled[t]!++;
        break;
      }
      if (outcome.tier[i] === -1 && flags[i] !== FAILED) {
        const unit = kindUnits(state, node.kind).ids[i]!;
        state.warnings.push(runtimeIssue('KR302', message('KR302', 'none', { unit, tiers: node.name }), {
          severity: 'warning', unit, node: node.name, span: node.span,
        }));
      }
    }
    p = q;
  }
  if (col.t === 'enum')
    for (let i = 0; i < n; i++) {
      const t = outcome.tier[i]!;
      col.v[i] = t < 0 ? NaN : col.values.indexOf(node.tiers[t]!.name);
    }
  state.tierOutcomes.set(node.id, outcome);
}
