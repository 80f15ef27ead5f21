// Pass: checked policy → rule graph (nodes in declaration order; plan-stages orders them). Units are applied to
// literals, parameters inlined, population arguments lifted into their own nodes, links attached to targets.
import type { AdjustItem, BonusDecl, Expr, IndicatorDecl, LetItem, SectionDecl, Span } from '../dsl/ast.js';
import {
  GRAPH_FORMAT, type Adjustment, type AggregateFn, type DataValue, type GExpr, type GraphNode, type IndicatorNode, type InputNode,
  type MissingTreatment, type PopulationFn, type RuleGraph, type ScalarFn, type ValueNode, type ValueType,
} from '../graph/graph.js';
import type { CheckedPolicy } from './check-structure.js';
import { typeOfTypeExpr } from './check-types.js';
import type { Type } from './types.js';
import { constantValue } from './constant-value.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message } from '../messages/index.js';
import { literalValue, toNumber } from './exact-number.js';
import { FUNCTIONS } from './functions.js';
import type { BuiltinName } from '../builtins/index.js';
import { noteArms } from './branch-sites.js';
import { coverageMinimums } from './coverage-minimum.js';
import { dependencies, nodeReads } from './graph-reads.js';
import { bindingNodeId, letId, resultId, totalId, valueId } from './node-ids.js';
import type { PassResult } from './pass.js';
import type { LetInfo } from './resolve-names.js';
import { lowerWarnings, type Owner } from './lower-warnings.js';
import { sourceRefs } from './source-refs.js';
import { GATED_MODES, PERIOD_AGGREGATES, QUOTA_ROUNDINGS, RANK_ORDERS, STEP_MODES } from './value-words.js';

const POINTS: ValueType = { t: 'num', dim: 'points' };

function valueType(t: Type | undefined): ValueType {
  if (!t || t.t === 'plain' || t.t === 'unknown') return { t: 'num', dim: 'number' };
  if (t.t === 'member') return { t: 'enum', name: null, values: [t.name] };
  return t;
}

type NodeOfRole<R extends GraphNode['role']> = Extract<GraphNode, { role: R }>;
type CommonField = 'id' | 'kind' | 'name' | 'type' | 'deps' | 'stage' | 'span' | 'role';


export function lowerToGraph(policy: CheckedPolicy): PassResult<RuleGraph> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map(policy.files.map((f) => [f.path, f.text]));
  const source = (span: Span) => texts.get(span.file)?.slice(span.start, span.end) ?? '';
  const ref = sourceRefs(policy.files);
  const nodes: GraphNode[] = [];
  const liftedCount = new Map<string, number>();
  const relationTargets = new Map<string, string>();
  const relationTarget = (id: string) => relationTargets.get(id) ?? null;
  // Object.assign, not a spread of the common fields: V8 builds `{ ...common, more }` about ten times slower.
  const makeNode = <R extends GraphNode['role']>(
    role: R, id: string, kind: string, name: string, type: ValueType, span: Span, fields: Omit<NodeOfRole<R>, keyof NodeOfRole<R> & CommonField>,
  ) => Object.assign({ id, kind, name, type, deps: [] as string[], stage: 0, span: ref(span), role }, fields) as unknown as NodeOfRole<R>;
  const impossible = (span: Span, what: string): GExpr => {
    diagnostics.push(diagnostic(span, message('KP9999', 'unchecked', { what })));
    return { k: 'bool', v: false };
  };

  // ── Expressions ──
  /** Where the arms of an if, band or match were written, for test coverage (compiler/branch-sites.ts). */
  const arms = (parts: ({ span: Span } | null)[]) => parts.flatMap((p) => (p ? [{ span: ref(p.span), text: source(p.span) }] : []));
  function lower(e: Expr, owner: Owner): GExpr {
    switch (e.type) {
      case 'Number': return { k: 'num', v: toNumber(literalValue(e.digits, e.unit)) };
      case 'String': return { k: 'str', v: e.value };
      case 'Bool': return { k: 'bool', v: e.value };
      case 'Date': return { k: 'date', v: daysSinceEpoch(e.value) };
      case 'Total': return { k: 'node', id: totalId(owner.kind) };
      case 'Ref': case 'Member': {
        const b = policy.bindings.get(e);
        if (!b) return impossible(e.span, `the unbound name \`${source(e.span)}\``);
        switch (b.to) {
          case 'param': {
            const v = constantValue(b.decl.value, policy.constants);
            return v ? { k: 'num', v: toNumber(v) } : lower(b.decl.value, owner);
          }
          case 'field': return { k: 'field', name: b.field.name.text };
          case 'enum-member': return { k: 'enum', v: b.name };
          case 'related':
            return { k: 'rel', rel: valueId(b.kind, b.relation.name.text), id: bindingNodeId(b.target) ?? '' };
          default: return { k: 'node', id: bindingNodeId(b)! };
        }
      }
      case 'Unary':
        return e.op === '-' ? { k: 'neg', a: lower(e.operand, owner) } : { k: 'not', a: lower(e.operand, owner) };
      case 'Binary': {
        const a = lower(e.left, owner);
        const b = lower(e.right, owner);
        if (e.op === 'and' || e.op === 'or') return { k: 'logic', op: e.op, a, b };
        if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return { k: 'arith', op: e.op, a, b };
        return { k: 'cmp', op: e.op, a, b };
      }
      case 'InRank': {
        const shareType = policy.types.get(e.share);
        const places = shareType?.t === 'num' && shareType.dim === 'count'; // `in top 3名`: a number of places
        const fn: PopulationFn = e.position === 'top' ? (places ? 'in_top_n' : 'in_top') : (places ? 'in_bottom_n' : 'in_bottom');
        const share = constantValue(e.share, policy.constants);
        const amount = share ? toNumber(share) : null;
        if (e.subject.type !== 'Where') return { k: 'pop', fn, of: lift(e.subject, owner, fn), share: amount };
        return { k: 'pop', fn, of: lift(e.subject.list, owner, fn), share: amount, among: lift(e.subject.cond, owner, 'among') };
      }
      case 'Call': return lowerCall(e, owner);
      case 'If': return noteArms({ k: 'if', c: lower(e.cond, owner), t: lower(e.then, owner), e: lower(e.else, owner) }, arms([e.then, e.else]));
      case 'Band':
        return noteArms({
          k: 'band', x: lower(e.subject, owner),
          arms: e.arms.map((a) => ({ op: a.op, bound: lower(a.bound, owner), v: lower(a.value, owner) })),
          else: e.otherwise ? lower(e.otherwise, owner) : impossible(e.span, 'a band without else'),
        }, arms([...e.arms, e.otherwise]));
      case 'Match':
        return noteArms({
          k: 'match', x: lower(e.subject, owner),
          arms: e.arms.map((a) => ({ values: a.labels.map((l) => l.text), v: lower(a.value, owner) })),
          else: e.otherwise ? lower(e.otherwise, owner) : null,
        }, arms([...e.arms, e.otherwise]));
      default: return impossible(e.span, `\`${source(e.span)}\``);
    }
  }

  function lowerCall(call: Extract<Expr, { type: 'Call' }>, owner: Owner): GExpr {
    const spec = FUNCTIONS.get(call.callee.text);
    if (spec?.category === 'period') return owner.periodCall?.(call) ?? impossible(call.span, `the call \`${source(call.span)}\``);
    if (!spec || !call.args[0] && spec.name !== 'progress') return impossible(call.span, `the call \`${source(call.span)}\``);
    return LOWERING[spec.name](call, owner);
  }

  // ── The lowering of each built-in (the registry's compile-time part, with its type rule in check-types.ts) ──
  type Lowering = (call: Extract<Expr, { type: 'Call' }>, owner: Owner) => GExpr;
  const isList = (e: Expr): boolean => e.type === 'Where' || policy.types.get(e)?.t === 'list';
  const aggregate = (fn: AggregateFn): Lowering => (call, owner) => {
    const [first, ...rest] = call.args as [Expr, ...Expr[]];
    const list = first.type === 'Where' ? first.list : first;
    const where = first.type === 'Where' ? lower(first.cond, owner) : null;
    const constant = (e: Expr | undefined) => (e ? toNumber(constantValue(e, policy.constants) ?? literalValue('0', null)) : 0);
    return {
      k: 'agg', fn, list: lower(list, owner), where,
      value: rest[0] ? lower(rest[0], owner) : null,
      trim: fn === 'trimmed_mean' ? { drop: constant(rest[1]), minCount: constant(rest[2]) } : null,
    };
  };
  const population = (fn: PopulationFn): Lowering => (call, owner) => {
    const [first, order] = call.args as [Expr, ...Expr[]];
    const ascending = order?.type === 'Ref' && RANK_ORDERS.has(order.name.text);
    const statistic: PopulationFn = ascending ? 'rank_asc' : fn;
    if (first.type !== 'Where') return { k: 'pop', fn: statistic, of: lift(first, owner, fn), share: null };
    return { k: 'pop', fn: statistic, of: lift(first.list, owner, fn), share: null, among: lift(first.cond, owner, 'among') };
  };
  const scalar = (fn: ScalarFn): Lowering => (call, owner) => ({ k: 'fn', fn, args: call.args.map((a) => lower(a, owner)) });
  const minMax = (fn: 'min' | 'max'): Lowering => (call, owner) => (isList(call.args[0]!) ? aggregate(fn) : scalar(fn))(call, owner);
  const periodCall: Lowering = (call) => impossible(call.span, `the call \`${source(call.span)}\``); // lowered by lowerCall
  const LOWERING: { [N in BuiltinName]: Lowering } = {
    min: minMax('min'),
    max: minMax('max'),
    abs: scalar('abs'),
    clamp: scalar('clamp'),
    round: scalar('round'),
    steps: (call, owner) => {
      const mode = call.args[2]?.type === 'Ref' ? STEP_MODES.get(call.args[2].name.text) : undefined;
      return { k: 'fn', fn: `steps_${mode ?? 'whole'}`, args: call.args.slice(0, 2).map((a) => lower(a, owner)) };
    },
    interpolate: (call, owner) => {
      const [first, ...rest] = call.args as [Expr, ...Expr[]];
      return {
        k: 'fn', fn: 'interpolate',
        args: [lower(first, owner), ...rest.flatMap((a) => (a.type === 'Anchor' ? [lower(a.from, owner), lower(a.to, owner)] : []))],
      };
    },
    progress: scalar('progress'),
    count: aggregate('count'),
    sum: aggregate('sum'),
    mean: aggregate('mean'),
    any: aggregate('any'),
    all: aggregate('all'),
    trimmed_mean: aggregate('trimmed_mean'),
    rank: population('rank'),
    peer_max: population('peer_max'),
    peer_min: population('peer_min'),
    peer_mean: population('peer_mean'),
    percentile: population('percentile'),
    prior: periodCall,
    falling: periodCall,
  };

  /** The node a population statistic is taken over: the value itself if it is a node, else a lifted node. */
  function lift(e: Expr, owner: Owner, fn: string): string {
    const lowered = lower(e, owner);
    if (lowered.k === 'node') return lowered.id;
    const n = (liftedCount.get(owner.id) ?? 0) + 1;
    liftedCount.set(owner.id, n);
    const name = `${fn}#${n}`;
    nodes.push(makeNode('value', `${owner.id}.${name}`, owner.kind, name, valueType(policy.types.get(e)), e.span, { expr: lowered, text: source(e.span) }));
    return `${owner.id}.${name}`;
  }

  function letNode(info: LetInfo): ValueNode {
    const id = letId(info);
    return makeNode('value', id, info.kind, info.decl.name.text, valueType(policy.letTypes.get(info.decl)), info.decl.span, {
      expr: lower(info.decl.value, { kind: info.kind, id }), text: source(info.decl.value.span),
    });
  }
  function lets(owner: SectionDecl | IndicatorDecl | { items: readonly { type: string }[] }, scope: Map<string, LetInfo> | undefined): void {
    for (const item of owner.items) {
      if (item.type !== 'Let') continue;
      const info = [...(scope?.values() ?? [])].find((l) => l.decl === (item as LetItem));
      if (info) nodes.push(letNode(info));
    }
  }
  function adjustment(a: AdjustItem, owner: Owner): Adjustment {
    return {
      direction: a.direction, amount: lower(a.amount, owner), per: a.per && lower(a.per, owner),
      where: a.where && lower(a.where, owner), ...(a.distinct ? { distinct: a.distinct.text } : {}),
      when: a.when && lower(a.when, owner), cap: a.cap && lower(a.cap, owner), text: source(a.span), span: ref(a.span),
    };
  }

  // ── Relations and inputs ──
  for (const kind of policy.kinds.values()) {
    for (const r of kind.relations.values()) {
      const id = valueId(kind.name, r.name.text);
      relationTargets.set(id, r.target.text);
      nodes.push(makeNode('relation', id, kind.name, r.name.text, { t: 'ref', kind: r.target.text }, r.span, { target: r.target.text }));
    }
  }
  const inputNodes = new Map<string, InputNode>();
  for (const kind of policy.kinds.values()) {
    for (const f of kind.inputs.values()) {
      const m = f.missing;
      const missing: MissingTreatment = !m || m.kind === 'error' ? { kind: 'error' }
        : m.kind === 'default' ? { kind: 'default', value: literalData(m.value) } : { kind: m.kind };
      const node: InputNode = makeNode('input', valueId(kind.name, f.name.text), kind.name, f.name.text, valueType(typeOfTypeExpr(f.valueType, policy)), f.span, { label: f.label, missing });
      inputNodes.set(node.id, node);
      nodes.push(node);
    }
  }

  // ── Sections, indicators, bonuses ──
  /** An item's own aggregation over a period's parts, only when it states one (graphs without it stay as they were). */
  const partsBy = (decl: IndicatorDecl | BonusDecl) => {
    const by = policy.itemPeriods.get(decl)?.aggregate;
    return by ? { partsBy: by } : {};
  };
  const indicatorNodes = new Map<string, IndicatorNode>();
  for (const s of policy.decls.sections) {
    const kind = policy.appliesTo.get(s)!;
    const sectionId = resultId(kind, s.name.text);
    lets(s, policy.lets.get(s));
    const indicators: string[] = [];
    for (const ind of s.items) {
      if (ind.type !== 'Indicator') continue;
      lets(ind, policy.lets.get(ind));
      const id = resultId(kind, ind.name.text);
      const owner = { kind, id };
      const meta = policy.indicatorMeta.get(ind)!;
      const score = ind.items.find((i) => i.type === 'Score');
      const exempts = ind.items.filter((i) => i.type === 'Exempt').map((i) => lower(i.when, owner));
      const { precision, ...rest } = meta;
      const node: IndicatorNode = makeNode('indicator', id, kind, ind.name.text, POINTS, ind.span, {
        section: sectionId,
        points: toNumber(policy.indicatorPoints.get(ind)!), precision: precision ?? policy.precision, meta: rest,
        base: score ? lower(score.value, owner) : null, baseText: score ? source(score.value.span) : null,
        adjustments: ind.items.filter((i) => i.type === 'Adjust').map((a) => adjustment(a, owner)),
        exemptWhen: exempts.reduce<GExpr | null>((acc, e) => (acc ? { k: 'logic', op: 'or', a: acc, b: e } : e), null),
        exemptIfMissing: [], peerMeanIfMissing: [], links: [], ...partsBy(ind),
      });
      indicators.push(id);
      indicatorNodes.set(id, node);
      nodes.push(node);
    }
    const weight = policy.sectionWeights.get(s);
    nodes.push(makeNode('section', sectionId, kind, s.name.text, POINTS, s.span, {
      points: toNumber(policy.sectionPoints.get(s)!), weight: weight ? toNumber(weight) : null, cap: s.cap,
      when: s.when && lower(s.when, { kind, id: sectionId }), indicators, precision: policy.precision,
    }));
  }
  for (const b of policy.decls.bonuses) {
    const kind = policy.appliesTo.get(b)!;
    const id = resultId(kind, b.name.text);
    lets(b, policy.lets.get(b));
    const cap = b.cap && constantValue(b.cap, policy.constants);
    nodes.push(makeNode('bonus', id, kind, b.name.text, POINTS, b.span, {
      cap: cap ? toNumber(cap) : null, counts: b.counts,
      adjustments: b.items.filter((i) => i.type === 'Adjust').map((a) => adjustment(a, { kind, id })), precision: policy.precision,
      ...(policy.itemPeriods.has(b) ? { period: policy.itemPeriods.get(b)!.period } : {}), ...partsBy(b),
    }));
  }

  // ── Links ──
  for (const l of policy.decls.links) {
    const relationId = valueId(l.source.text, l.relation.text);
    const targetKind = relationTargets.get(relationId)!;
    const id = resultId(targetKind, l.name.text);
    const owner = { kind: l.source.text, id };
    const target = resultId(targetKind, l.target.text);
    nodes.push(makeNode('link', id, targetKind, l.name.text, POINTS, l.span, {
      sourceKind: l.source.text,
      list: l.list && valueId(l.source.text, l.list.text), where: l.where && lower(l.where, owner),
      amount: lower(l.amount, owner), relation: relationId, target, text: source(l.span),
    }));
    indicatorNodes.get(target)?.links.push(id);
  }

  // ── Totals and tiers ──
  for (const kind of policy.kinds.values()) {
    if (kind.sections.length === 0) continue;
    const id = totalId(kind.name);
    const individual = policy.individuals.get(kind.name);
    nodes.push(makeNode('total', id, kind.name, 'total', POINTS, kind.decl.span, {
      sections: kind.sections.map((s) => resultId(kind.name, s.name.text)),
      bonuses: [...kind.bonuses.values()].filter((b) => b.counts !== 'tiebreak').map((b) => resultId(kind.name, b.name.text)),
      individual: individual ? {
        relation: valueId(kind.name, individual.relation.text), share: lower(individual.share, { kind: kind.name, id }),
        shareText: source(individual.share.span),
      } : null,
      precision: policy.precision,
    }));
  }
  for (const t of policy.decls.tiers) {
    const kind = policy.appliesTo.get(t)!;
    const id = resultId(kind, t.name.text);
    const owner = { kind, id };
    const by = lift(t.by, owner, 'by');
    nodes.push(makeNode('tiers', id, kind, t.name.text, { t: 'enum', name: t.name.text, values: t.tiers.map((r) => r.name.text) }, t.span, {
      by,
      ties: t.ties?.mode === 'by' ? { mode: 'by', keys: t.ties.keys.map((k) => lift(k, owner, 'tie')) } : { mode: 'shared' },
      quota: (t.quota && QUOTA_ROUNDINGS.get(t.quota.text)) || 'half_up',
      gated: (t.gated && GATED_MODES.get(t.gated.text)) || 'passes_on',
      tiers: t.tiers.map((r) => {
        const share = policy.tierShares.get(r);
        return {
          name: r.name.text, quota: r.quota && share ? { kind: r.quota.kind, share: toNumber(share) } : null, rest: r.rest,
          when: r.when && lower(r.when, owner), span: ref(r.span),
        };
      }),
      gates: t.gates.map((g) => ({ tier: g.tier.text, when: lower(g.when, owner), text: source(g.span), span: ref(g.span) })),
      vetoes: t.vetoes.map((v) => ({ when: lower(v.when, owner), text: source(v.span), span: ref(v.span) })),
    }));
  }

  const warnings = lowerWarnings(policy, { lower, source, ref, valueType, diagnostics });

  // ── Dependencies, and the missing-data treatments each indicator inherits from the inputs it reads ──
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const node of nodes) node.deps = dependencies(node, relationTarget);
  for (const node of indicatorNodes.values()) {
    const seen = new Set<string>();
    // Only the unit's own reads count: a statistic over the peers does not make the unit's value missing.
    const ownReads = (n: GraphNode) => nodeReads(n, relationTarget).filter((r) => !r.crossing).map((r) => r.id);
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const n = byId.get(id);
      if (n?.role === 'value' && n.kind === node.kind) ownReads(n).forEach(visit);
      const input = inputNodes.get(id);
      if (input?.kind === node.kind && input.missing.kind === 'exempt') node.exemptIfMissing.push(id);
      if (input?.kind === node.kind && input.missing.kind === 'peer_mean') node.peerMeanIfMissing.push(id);
    };
    ownReads(node).filter((d) => !node.links.includes(d)).forEach(visit);
  }

  const header = policy.decls.header;
  const graph: RuleGraph = {
    format: GRAPH_FORMAT,
    policy: {
      name: header?.title ?? '', version: header?.version ?? '', evaluator: header?.evaluator ?? null,
      precision: policy.precision, rounding: policy.rounding,
    },
    kinds: policy.decls.entities.map((e) => ({ name: e.name.text, label: e.label })),
    records: policy.decls.records.map((r) => ({
      name: r.name.text, fields: r.fields.map((f) => ({ name: f.name.text, type: valueType(typeOfTypeExpr(f.valueType, policy)) })),
    })),
    nodes,
    periods: policy.decls.periods.map((p) => ({
      period: p.period.text, parts: p.parts.map((x) => x.text), aggregate: PERIOD_AGGREGATES.get(p.aggregate.text) ?? 'mean',
    })),
    tests: policy.tests.map((t) => ({
      title: t.title, units: t.units, span: ref(t.span),
      expects: t.expects.map((x) => ({ ...x, span: ref(x.span) })),
    })),
  };
  if (warnings.length > 0) graph.warnings = warnings;
  if (Object.keys(policy.analysis).length > 0) graph.analysis = policy.analysis;
  const minimums = coverageMinimums(policy.decls.coverage, policy.files);
  if (minimums) graph.testCoverage = minimums;
  return { value: graph, diagnostics };
}

/** A default value as data: numbers with units applied, dates as written, enum values by name. */
function literalData(e: Expr): DataValue {
  switch (e.type) {
    case 'Number': return toNumber(literalValue(e.digits, e.unit));
    case 'Unary': return e.operand.type === 'Number' ? -toNumber(literalValue(e.operand.digits, e.operand.unit)) : null;
    case 'Bool': return e.value;
    case 'String': case 'Date': return e.value;
    case 'Ref': return e.name.text;
    default: return null;
  }
}

export function daysSinceEpoch(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) / 86_400_000;
}
