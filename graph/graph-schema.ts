// The rule graph's schema, typed against graph.ts so the two cannot drift, and the references between its
// nodes (which node a node's value depends on).
import { z } from 'zod';
import {
  GRAPH_FORMAT,
  type Adjustment,
  type DataValue,
  type GExpr,
  type GraphNode,
  type RuleGraph,
  type SourceRef,
  type ValueType,
  type WarningRule,
} from './graph.js';

const sourceRef: z.ZodType<SourceRef> = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
});

const dimension = z.enum(['points', 'money', 'count', 'days', 'percent', 'number']);
const compareOp = z.enum(['==', '!=', '<', '<=', '>', '>=']);
const rounding = z.enum(['half_up', 'half_even', 'down', 'up']);

const valueType: z.ZodType<ValueType> = z.discriminatedUnion('t', [
  z.object({ t: z.literal('num'), dim: dimension }),
  z.object({ t: z.literal('bool') }),
  z.object({ t: z.literal('date') }),
  z.object({ t: z.literal('text') }),
  z.object({ t: z.literal('enum'), name: z.string().nullable(), values: z.array(z.string()) }),
  z.object({ t: z.literal('list'), record: z.string() }),
  z.object({ t: z.literal('ref'), kind: z.string() }),
]);

const scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const dataRecord = z.record(z.string(), scalar);
const dataValue: z.ZodType<DataValue> = z.union([scalar, z.array(dataRecord)]);

const gexpr: z.ZodType<GExpr> = z.lazy(() =>
  z.discriminatedUnion('k', [
    z.object({ k: z.literal('num'), v: z.number() }),
    z.object({ k: z.literal('str'), v: z.string() }),
    z.object({ k: z.literal('bool'), v: z.boolean() }),
    z.object({ k: z.literal('date'), v: z.number() }),
    z.object({ k: z.literal('enum'), v: z.string() }),
    z.object({ k: z.literal('node'), id: z.string() }),
    z.object({ k: z.literal('rel'), rel: z.string(), id: z.string() }),
    z.object({ k: z.literal('field'), name: z.string() }),
    z.object({ k: z.literal('neg'), a: gexpr }),
    z.object({ k: z.literal('not'), a: gexpr }),
    z.object({ k: z.literal('arith'), op: z.enum(['+', '-', '*', '/']), a: gexpr, b: gexpr }),
    z.object({ k: z.literal('cmp'), op: compareOp, a: gexpr, b: gexpr }),
    z.object({ k: z.literal('logic'), op: z.enum(['and', 'or']), a: gexpr, b: gexpr }),
    z.object({ k: z.literal('if'), c: gexpr, t: gexpr, e: gexpr }),
    z.object({
      k: z.literal('band'),
      x: gexpr,
      arms: z.array(z.object({ op: compareOp, bound: gexpr, v: gexpr })),
      else: gexpr,
    }),
    z.object({
      k: z.literal('match'),
      x: gexpr,
      arms: z.array(z.object({ values: z.array(z.string()), v: gexpr })),
      else: gexpr.nullable(),
    }),
    z.object({
      k: z.literal('fn'),
      fn: z.enum(['min', 'max', 'abs', 'clamp', 'round', 'steps_whole', 'steps_pro_rata', 'steps_round_up', 'interpolate', 'progress']),
      args: z.array(gexpr),
    }),
    z.object({
      k: z.literal('agg'),
      fn: z.enum(['count', 'sum', 'mean', 'min', 'max', 'any', 'all', 'trimmed_mean']),
      list: gexpr,
      where: gexpr.nullable(),
      value: gexpr.nullable(),
      trim: z.object({ drop: z.number().int().min(0), minCount: z.number().int().min(0) }).nullable(),
    }),
    z.object({
      k: z.literal('pop'),
      fn: z.enum(['rank', 'rank_asc', 'peer_max', 'peer_min', 'peer_mean', 'percentile', 'in_top', 'in_bottom', 'in_top_n', 'in_bottom_n']),
      of: z.string(),
      share: z.number().nullable(),
      among: z.string().optional(),
    }),
  ]),
);

const adjustment: z.ZodType<Adjustment> = z.object({
  direction: z.enum(['deduct', 'add']),
  amount: gexpr,
  per: gexpr.nullable(),
  where: gexpr.nullable(),
  distinct: z.string().optional(),
  when: gexpr.nullable(),
  cap: gexpr.nullable(),
  text: z.string(),
  span: sourceRef,
});

const nodeBase = {
  id: z.string().min(1),
  kind: z.string(),
  name: z.string(),
  type: valueType,
  deps: z.array(z.string()),
  stage: z.number().int().min(0),
  span: sourceRef,
};

const precision = z.number().int().min(0).max(10);
const periodKind = z.enum(['monthly', 'quarterly', 'half_yearly', 'annual', 'realtime']);
const periodAggregate = z.enum(['mean', 'sum', 'last']);

const graphNode: z.ZodType<GraphNode> = z.discriminatedUnion('role', [
  z.object({
    ...nodeBase,
    role: z.literal('input'),
    label: z.string().nullable(),
    missing: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('error') }),
      z.object({ kind: z.literal('default'), value: dataValue }),
      z.object({ kind: z.literal('peer_mean') }),
      z.object({ kind: z.literal('fill_peer_mean') }),
      z.object({ kind: z.literal('exempt') }),
    ]),
  }),
  z.object({ ...nodeBase, role: z.literal('relation'), target: z.string() }),
  z.object({ ...nodeBase, role: z.literal('value'), expr: gexpr, text: z.string() }),
  z.object({
    ...nodeBase,
    role: z.literal('indicator'),
    section: z.string(),
    points: z.number().min(0),
    precision,
    meta: z.object({
      method: z.enum(['machine', 'rating', 'third_party', 'manual']).nullable(),
      source: z.string().nullable(),
      owner: z.string().nullable(),
      period: periodKind.nullable(),
      type: z.enum(['quantitative', 'qualitative']).nullable(),
      doc: z.string().nullable(),
    }),
    base: gexpr.nullable(),
    baseText: z.string().nullable(),
    adjustments: z.array(adjustment),
    exemptWhen: gexpr.nullable(),
    exemptIfMissing: z.array(z.string()),
    peerMeanIfMissing: z.array(z.string()),
    links: z.array(z.string()),
    partsBy: periodAggregate.optional(),
  }),
  z.object({
    ...nodeBase,
    role: z.literal('section'),
    points: z.number().min(0),
    weight: z.number().nullable(),
    cap: z.boolean(),
    when: gexpr.nullable(),
    indicators: z.array(z.string()),
    precision,
  }),
  z.object({
    ...nodeBase,
    role: z.literal('bonus'),
    cap: z.number().nullable(),
    counts: z.enum(['total', 'tiebreak', 'deduction']),
    adjustments: z.array(adjustment),
    precision,
    period: periodKind.optional(),
    partsBy: periodAggregate.optional(),
  }),
  z.object({
    ...nodeBase,
    role: z.literal('link'),
    sourceKind: z.string(),
    list: z.string().nullable(),
    where: gexpr.nullable(),
    amount: gexpr,
    relation: z.string(),
    target: z.string(),
    text: z.string(),
  }),
  z.object({
    ...nodeBase,
    role: z.literal('total'),
    sections: z.array(z.string()),
    bonuses: z.array(z.string()),
    individual: z.object({ relation: z.string(), share: gexpr, shareText: z.string() }).nullable(),
    precision,
  }),
  z.object({
    ...nodeBase,
    role: z.literal('tiers'),
    by: z.string(),
    ties: z.union([
      z.object({ mode: z.literal('shared') }),
      z.object({ mode: z.literal('by'), keys: z.array(z.string()) }),
    ]),
    quota: z.enum(['half_up', 'floor', 'ceil']),
    gated: z.enum(['passes_on', 'stays_empty']),
    tiers: z.array(
      z.object({
        name: z.string(),
        quota: z.object({ kind: z.enum(['top', 'next', 'at_most']), share: z.number().min(0).max(1) }).nullable(),
        rest: z.boolean(),
        when: gexpr.nullable(),
        span: sourceRef,
      }),
    ),
    gates: z.array(z.object({ tier: z.string(), when: gexpr, text: z.string(), span: sourceRef })),
    vetoes: z.array(z.object({ when: gexpr, text: z.string(), span: sourceRef })),
  }),
]);

const warningValue = z.object({
  id: z.string(), name: z.string(), type: valueType, expr: gexpr, text: z.string(), back: z.number().int().min(1).max(12).optional(),
});
const warningRule: z.ZodType<WarningRule> = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  level: z.enum(['notice', 'warning', 'severe']),
  periods: z.array(z.string()),
  values: z.array(warningValue),
  when: gexpr,
  text: z.string(),
  message: z.object({ template: z.string(), values: z.array(z.object({ name: z.string(), type: valueType, expr: gexpr })) }),
  span: sourceRef,
});

export const ruleGraphSchema: z.ZodType<RuleGraph> = z.object({
  format: z.literal(GRAPH_FORMAT),
  policy: z.object({
    name: z.string(),
    version: z.string(),
    evaluator: z.string().nullable(),
    precision,
    rounding,
  }),
  kinds: z.array(z.object({ name: z.string(), label: z.string().nullable() })),
  records: z.array(z.object({ name: z.string(), fields: z.array(z.object({ name: z.string(), type: valueType })) })),
  nodes: z.array(graphNode),
  periods: z.array(
    z.object({ period: z.string(), parts: z.array(z.string()).min(1), aggregate: periodAggregate }),
  ),
  tests: z.array(
    z.object({
      title: z.string(),
      units: z.array(z.object({ kind: z.string(), id: z.string(), values: z.record(z.string(), dataValue) })),
      expects: z.array(
        z.object({
          unit: z.string(),
          target: z.union([
            z.object({ node: z.string() }),
            z.object({ rank: z.literal(true) }),
            z.object({ tier: z.string() }),
            z.object({ exempt: z.string() }),
          ]),
          op: compareOp,
          value: dataValue,
          text: z.string(),
          span: sourceRef,
        }),
      ),
      span: sourceRef,
    }),
  ),
  warnings: z.array(warningRule).optional(),
  analysis: z.object({
    fullShare: z.number().min(0).max(1).optional(),
    zeroShare: z.number().min(0).max(1).optional(),
    minScored: z.number().int().min(1).optional(),
  }).optional(),
  testCoverage: z
    .array(z.object({ measure: z.enum(['indicators', 'branches']), minimum: z.number().min(0).max(1), span: sourceRef }))
    .optional(),
});

/** The ids of the nodes a node's value depends on (an indicator's back-reference to its section excluded). */
export function referencedNodes(node: GraphNode): string[] {
  const ids = new Set<string>();
  for (const [id, path] of nodeReferences(node)) if (!forwardAllowed(node, path)) ids.add(id);
  return [...ids];
}

/** Every node id a node refers to, with the path of the reference inside the node. */
export function* nodeReferences(node: GraphNode): Generator<[string, string]> {
  for (const [i, d] of node.deps.entries()) yield [d, `deps[${i}]`];
  const exprs: [GExpr | null, string][] = [];
  const adjustments = (adjs: Adjustment[]) =>
    adjs.forEach((a, i) => {
      exprs.push([a.amount, `adjustments[${i}].amount`], [a.per, `adjustments[${i}].per`]);
      exprs.push([a.where, `adjustments[${i}].where`], [a.when, `adjustments[${i}].when`], [a.cap, `adjustments[${i}].cap`]);
    });
  switch (node.role) {
    case 'input':
      break;
    case 'relation':
      break;
    case 'value':
      exprs.push([node.expr, 'expr']);
      break;
    case 'indicator':
      yield [node.section, 'section'];
      exprs.push([node.base, 'base'], [node.exemptWhen, 'exemptWhen']);
      adjustments(node.adjustments);
      for (const [i, id] of node.exemptIfMissing.entries()) yield [id, `exemptIfMissing[${i}]`];
      for (const [i, id] of node.peerMeanIfMissing.entries()) yield [id, `peerMeanIfMissing[${i}]`];
      for (const [i, id] of node.links.entries()) yield [id, `links[${i}]`];
      break;
    case 'section':
      exprs.push([node.when, 'when']);
      for (const [i, id] of node.indicators.entries()) yield [id, `indicators[${i}]`];
      break;
    case 'bonus':
      adjustments(node.adjustments);
      break;
    case 'link':
      if (node.list) yield [node.list, 'list'];
      yield [node.relation, 'relation'];
      exprs.push([node.where, 'where'], [node.amount, 'amount']);
      break;
    case 'total':
      for (const [i, id] of node.sections.entries()) yield [id, `sections[${i}]`];
      for (const [i, id] of node.bonuses.entries()) yield [id, `bonuses[${i}]`];
      if (node.individual) {
        yield [node.individual.relation, 'individual.relation'];
        exprs.push([node.individual.share, 'individual.share']);
      }
      break;
    case 'tiers':
      yield [node.by, 'by'];
      if (node.ties.mode === 'by') for (const [i, id] of node.ties.keys.entries()) yield [id, `ties.keys[${i}]`];
      node.tiers.forEach((t, i) => exprs.push([t.when, `tiers[${i}].when`]));
      node.gates.forEach((g, i) => exprs.push([g.when, `gates[${i}].when`]));
      node.vetoes.forEach((v, i) => exprs.push([v.when, `vetoes[${i}].when`]));
      break;
  }
  for (const [e, path] of exprs) if (e) yield* exprReferences(e, path);
}

/** The node ids an expression reads, with the path of each read inside it. */
export function* exprReferences(e: GExpr, path: string): Generator<[string, string]> {
  switch (e.k) {
    case 'node':
      yield [e.id, `${path}.id`];
      return;
    case 'rel':
      yield [e.rel, `${path}.rel`];
      yield [e.id, `${path}.id`];
      return;
    case 'pop':
      yield [e.of, `${path}.of`];
      if (e.among !== undefined) yield [e.among, `${path}.among`];
      return;
    case 'neg':
    case 'not':
      yield* exprReferences(e.a, `${path}.a`);
      return;
    case 'arith':
    case 'cmp':
    case 'logic':
      yield* exprReferences(e.a, `${path}.a`);
      yield* exprReferences(e.b, `${path}.b`);
      return;
    case 'if':
      yield* exprReferences(e.c, `${path}.c`);
      yield* exprReferences(e.t, `${path}.t`);
      yield* exprReferences(e.e, `${path}.e`);
      return;
    case 'band':
      yield* exprReferences(e.x, `${path}.x`);
      for (const [i, a] of e.arms.entries()) {
        yield* exprReferences(a.bound, `${path}.arms[${i}].bound`);
        yield* exprReferences(a.v, `${path}.arms[${i}].v`);
      }
      yield* exprReferences(e.else, `${path}.else`);
      return;
    case 'match':
      yield* exprReferences(e.x, `${path}.x`);
      for (const [i, a] of e.arms.entries()) yield* exprReferences(a.v, `${path}.arms[${i}].v`);
      if (e.else) yield* exprReferences(e.else, `${path}.else`);
      return;
    case 'fn':
      for (const [i, a] of e.args.entries()) yield* exprReferences(a, `${path}.args[${i}]`);
      return;
    case 'agg':
      yield* exprReferences(e.list, `${path}.list`);
      if (e.where) yield* exprReferences(e.where, `${path}.where`);
      if (e.value) yield* exprReferences(e.value, `${path}.value`);
      return;
    default:
      return;
  }
}

/** An indicator names its section, which comes after it; that back-reference is not a dependency. */
export function forwardAllowed(n: GraphNode, path: string): boolean {
  return n.role === 'indicator' && path === 'section';
}
