// Explanations for one unit, computed on demand: the per-unit rules are run again with a recorder over
// the finished evaluation, so a trace always agrees with the results.
import { IN_RANK_FNS, type GExpr, type IndicatorNode, type RelationNode, type SectionNode, type TotalNode } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { runtimeIssue, type RuntimeIssue } from '../issues.js';
import * as Q from '../evaluation/rational.js';
import { evalExpr, newScope, plain, subjectName, traceValue } from '../evaluation/expr-eval.js';
import { explainUnit, ownTotal, periodPoints } from '../evaluation/node-eval.js';
import { rankPlace, usableValues } from '../evaluation/population.js';
import { EXEMPT, NOT_APPLICABLE, NOT_IN_PERIOD, cadencesUpTo, type Column, type EvalState } from '../evaluation/state.js';
import { tieBreakers } from '../evaluation/tiers.js';
import type { ConditionTrace, SectionTrace, Step, TotalTrace, Trace, TraceItem } from './trace.js';

export interface Explanation {
  trace: Trace | null;
  issues: RuntimeIssue[];
}

function num(state: EvalState, id: string, i: number): number | null {
  const v = usableValues(state, id)[i];
  return v === undefined || Number.isNaN(v) ? null : v;
}

export function buildTrace(state: EvalState, kind: string, i: number, opts: { indicator?: string }, period: string | null): Trace {
  const ku = state.kinds.get(kind)!;
  const items: TraceItem[] = [];
  for (const node of state.graph.nodes) {
    if (node.kind !== kind || !state.columns.has(node.id)) continue;
    if (opts.indicator !== undefined && !(node.role === 'indicator' && node.name === opts.indicator)) continue;
    const flags = state.flags.get(node.id)![i]!;
    const left = (flags & NOT_IN_PERIOD) !== 0;
    switch (node.role) {
      case 'indicator': {
        const section = state.nodes.get(node.section)?.name ?? node.section;
        if (left) {
          const scope = state.scope!;
          const steps: Step[] = [{ step: 'not_in_period', declared: node.meta.period, period: scope.period, cadence: scope.cadence }];
          items.push({ item: 'indicator', name: node.name, section, points: node.points, score: null, exempt: false, notInPeriod: true, steps });
          break;
        }
        const steps: Step[] = [];
        explainUnit(state, node, i, steps);
        items.push({ item: 'indicator', name: node.name, section, points: node.points, score: num(state, node.id, i), exempt: (flags & EXEMPT) !== 0, steps });
        break;
      }
      case 'section':
        items.push(sectionTrace(state, node, i));
        break;
      case 'bonus': {
        if (left) {
          items.push({ item: 'bonus', name: node.name, counts: node.counts, score: null, notInPeriod: true, ...(node.period ? { declared: node.period } : {}), steps: [] });
          break;
        }
        const steps: Step[] = [];
        explainUnit(state, node, i, steps);
        items.push({ item: 'bonus', name: node.name, counts: node.counts, score: num(state, node.id, i) ?? 0, steps });
        break;
      }
      case 'total': {
        const parts = [...node.sections, ...node.bonuses].map((id) => {
          const x = state.nodes.get(id)!;
          const part: TotalTrace['parts'][number] = { what: x.role === 'section' ? 'section' : 'bonus', name: x.name, score: num(state, id, i) };
          if ((state.flags.get(id)![i]! & NOT_IN_PERIOD) !== 0) part.notInPeriod = true;
          return part;
        });
        if (left) {
          items.push({ item: 'total', score: null, notInPeriod: true, parts, individual: null, steps: [] });
          break;
        }
        const individual = individualPart(state, node, i);
        items.push({ item: 'total', score: num(state, node.id, i) ?? 0, parts, individual, steps: [] });
        const rank = state.ranks.get(kind);
        if (rank && rank.rank[i]! > 0) {
          const n = ku.ids.length;
          const extra = tieBreakers(state, kind, n);
          const keys = [{ name: '总分', value: num(state, node.id, i) ?? 0 }, ...extra.map((k) => ({ name: k.name, value: k.values[i]! }))];
          const tied: string[] = [];
          for (let j = 0; j < n; j++) if (j !== i && rank.rank[j] === rank.rank[i]) tied.push(ku.ids[j]!);
          const of = [...rank.rank].filter((r) => r > 0).length;
          items.push({ item: 'rank', rank: rank.rank[i]!, of, keys, tiedWith: tied });
        }
        break;
      }
      case 'tiers': {
        const o = state.tierOutcomes.get(node.id);
        if (!o) break;
        const t = o.tier[i]!;
        const tied: string[] = [];
        for (const j of o.order) if (j !== i && o.position[j] === o.position[i]) tied.push(ku.ids[j]!);
        items.push({
          item: 'tier',
          name: node.name,
          tier: t < 0 ? null : node.tiers[t]!.name,
          position: o.position[i]!,
          of: o.order.length,
          places: node.tiers.map((r, k) => ({ tier: r.name, places: o.places[k] ?? null, filledBefore: k === t ? o.filledBefore[i]! : 0 })),
          gates: (o.gatesFired.get(i) ?? []).map((g) => ({ tier: node.gates[g]!.tier, ...conditionTrace(state, kind, i, node.gates[g]!) })),
          vetoes: (o.vetoed.get(i) ?? []).map((v) => conditionTrace(state, kind, i, node.vetoes[v]!)),
          tiedWith: tied,
          placeUsedUp: (o.usedUp.get(i) ?? []).map((k) => node.tiers[k]!.name),
        });
        break;
      }
      default:
        break;
    }
  }
  const trace: Trace = { policy: state.graph.policy.name, period, unit: ku.ids[i]!, kind, name: ku.names[i] ?? null, items };
  if (state.scope) {
    const cadence = state.scope.cadence;
    trace.scope = { cadence, evaluates: cadencesUpTo(cadence) };
  }
  return trace;
}

/** `X in top/bottom P` parts of an expression. */
function rankTests(e: GExpr, out: Extract<GExpr, { k: 'pop' }>[] = []): Extract<GExpr, { k: 'pop' }>[] {
  if (e.k === 'pop' && IN_RANK_FNS.has(e.fn)) out.push(e);
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'k' in x) rankTests(x as GExpr, out);
    if (v && typeof v === 'object' && 'k' in v) rankTests(v as GExpr, out);
  }
  return out;
}

/** Why a gate or veto held for unit `i`: the values its condition read, and the place behind each `in top/bottom`. */
function conditionTrace(state: EvalState, kind: string, i: number, c: { when: GExpr; text: string }): ConditionTrace {
  const rec = { steps: [] as Step[], seen: new Set<string>() };
  const sc = newScope(state, kind, rec);
  sc.i = i;
  evalExpr(c.when, sc);
  const ranks = rankTests(c.when).map((p) => {
    const subject = state.nodes.get(p.of)!;
    const place = rankPlace(state, p.fn, p.of, p.share, i, p.among);
    const side = p.fn === 'in_top' || p.fn === 'in_top_n' ? ('top' as const) : ('bottom' as const);
    const share = p.fn === 'in_top_n' || p.fn === 'in_bottom_n' ? {} : { share: p.share ?? 0 }; // a number of places: no share
    const among = p.among === undefined ? {} : { among: (state.nodes.get(p.among) as { text?: string }).text ?? p.among };
    return { subject: subjectName(subject), side, ...share, ...among, ...place, value: traceValue(place.value, subject.type) };
  });
  return { text: c.text, steps: rec.steps, ranks };
}

function sectionTrace(state: EvalState, node: SectionNode, i: number): SectionTrace {
  const flags = state.flags.get(node.id)![i]!;
  const indicators = node.indicators.map((id) => {
    const ind = state.nodes.get(id) as IndicatorNode;
    const f = state.flags.get(id)?.[i] ?? 0;
    const entry: SectionTrace['indicators'][number] = { name: ind.name, score: num(state, id, i), points: ind.points, exempt: false };
    if (f & NOT_IN_PERIOD) entry.notInPeriod = true;
    else entry.exempt = (f & EXEMPT) !== 0;
    return entry;
  });
  const out: SectionTrace = {
    item: 'section',
    name: node.name,
    points: node.points,
    score: num(state, node.id, i),
    applicable: (flags & NOT_APPLICABLE) === 0,
    indicators,
    redistributed: null,
    steps: [],
  };
  if (flags & NOT_IN_PERIOD) return { ...out, notInPeriod: true };
  const inPeriod = indicators.filter((x) => !x.notInPeriod);
  const evaluated = inPeriod.filter((x) => !x.exempt);
  const total = (xs: number[]) => xs.reduce((a, x) => Q.add(a, Q.fromNumber(x)), Q.ZERO);
  const sum = total(evaluated.map((x) => x.score ?? 0));
  const evaluatedPoints = total(evaluated.map((x) => x.points));
  const all = total(inPeriod.map((x) => x.points));
  const worth = periodPoints(state, node);
  if (worth !== null) out.periodPoints = worth;
  const points = Q.fromNumber(worth ?? node.points);
  if (Q.sign(evaluatedPoints) > 0 && (node.weight !== null || Q.compare(evaluatedPoints, all) !== 0))
    out.redistributed = { sum: Q.toNumber(sum), evaluatedPoints: Q.toNumber(evaluatedPoints), points: Q.toNumber(points) };
  const raw = out.redistributed ? Q.div(Q.mul(sum, points), evaluatedPoints)! : sum;
  if (node.cap && Q.compare(raw, points) > 0) out.steps.push({ step: 'clamp', from: Q.toNumber(raw), to: Q.toNumber(points), limit: 'cap' });
  return out;
}

/** How an individual's total takes a share of its related unit's (干部 of 部门); null for other totals or when it cannot. */
export function individualPart(state: EvalState, node: TotalNode, i: number): NonNullable<TotalTrace['individual']> | null {
  if (!node.individual) return null;
  const sc = newScope(state, node.kind);
  sc.i = i;
  const share = plain(evalExpr(node.individual.share, sc));
  const rel = state.columns.get(node.individual.relation) as Extract<Column, { t: 'ref' }>;
  const target = (state.nodes.get(node.individual.relation) as RelationNode).target;
  const j = rel.v[i]!;
  const relTotal = state.totals.get(target);
  const own = ownTotal(state, node, i);
  if (j < 0 || !relTotal || typeof share !== 'number' || typeof own !== 'number') return null;
  return {
    relation: state.nodes.get(node.individual.relation)!.name,
    unit: state.kinds.get(target)!.ids[j]!,
    relatedTotal: num(state, relTotal.id, j) ?? 0,
    share,
    own,
  };
}

/** Unit `unitId`'s explanation in a finished evaluation; without a trace, the issue that says why there is none. */
export function explainEvaluated(
  state: EvalState,
  unitId: string,
  opts: { indicator?: string },
  period: string | null,
  skipped?: ReadonlyMap<string, { reasons: string[] }>,
): Explanation {
  for (const [kind, ku] of state.kinds) {
    const i = ku.index.get(unitId);
    if (i === undefined) continue;
    if (opts.indicator !== undefined && !state.graph.nodes.some((n) => n.role === 'indicator' && n.kind === kind && n.name === opts.indicator))
      return { trace: null, issues: [runtimeIssue('KR311', message('KR311', 'missing', { kind, indicator: opts.indicator }), { unit: unitId })] };
    return { trace: buildTrace(state, kind, i, opts, period), issues: [] };
  }
  const why = skipped?.get(unitId);
  const text = why ? message('KR310', 'skipped', { unit: unitId, reasons: why.reasons }) : message('KR310', 'missing', { unit: unitId });
  return { trace: null, issues: [runtimeIssue('KR310', text, { unit: unitId })] };
}
