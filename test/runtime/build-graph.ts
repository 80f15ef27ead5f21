// Small builders for hand-made rule graphs, for runtime-only tests. Node ids are `kind.name`.
import type {
  Adjustment,
  BonusNode,
  DataValue,
  Dimension,
  GExpr,
  GraphNode,
  IndicatorNode,
  InputNode,
  LinkNode,
  MissingTreatment,
  RelationNode,
  RuleGraph,
  SectionNode,
  TiersNode,
  TotalNode,
  ValueNode,
  ValueType,
} from '../../graph/graph.js';

export const span = { file: 'test.kp', line: 1, column: 1, start: 0, end: 0 };

export const lit = (v: number): GExpr => ({ k: 'num', v });
export const ref = (id: string): GExpr => ({ k: 'node', id });
export const rel = (relId: string, id: string): GExpr => ({ k: 'rel', rel: relId, id });
export const field = (name: string): GExpr => ({ k: 'field', name });
export const en = (v: string): GExpr => ({ k: 'enum', v });
export const op = (o: '+' | '-' | '*' | '/', a: GExpr, b: GExpr): GExpr => ({ k: 'arith', op: o, a, b });
export const cmp = (o: '==' | '!=' | '<' | '<=' | '>' | '>=', a: GExpr, b: GExpr): GExpr => ({ k: 'cmp', op: o, a, b });
export const fn = (f: Extract<GExpr, { k: 'fn' }>['fn'], ...args: GExpr[]): GExpr => ({ k: 'fn', fn: f, args });
export const pop = (f: Extract<GExpr, { k: 'pop' }>['fn'], of: string, share: number | null = null): GExpr => ({ k: 'pop', fn: f, of, share });
export const not = (a: GExpr): GExpr => ({ k: 'not', a });

export const numT = (dim: Dimension): ValueType => ({ t: 'num', dim });

const base = (kind: string, name: string, type: ValueType, deps: string[] = []) => ({
  id: `${kind}.${name}`,
  kind,
  name,
  type,
  deps,
  stage: 0,
  span,
});

export function input(kind: string, name: string, type: ValueType, missing: MissingTreatment = { kind: 'error' }): InputNode {
  return { ...base(kind, name, type), role: 'input', label: null, missing };
}

export function relation(kind: string, name: string, target: string): RelationNode {
  return { ...base(kind, name, { t: 'ref', kind: target }), role: 'relation', target };
}

export function value(kind: string, name: string, expr: GExpr, type: ValueType = numT('number')): ValueNode {
  return { ...base(kind, name, type), role: 'value', expr, text: name };
}

export function adjust(direction: 'deduct' | 'add', amount: GExpr, opts: Partial<Omit<Adjustment, 'direction' | 'amount'>> = {}): Adjustment {
  return { direction, amount, per: null, where: null, when: null, cap: null, text: opts.text ?? `${direction}`, span, ...opts };
}

export function indicator(
  kind: string,
  name: string,
  points: number,
  opts: Partial<Pick<IndicatorNode, 'base' | 'adjustments' | 'exemptWhen' | 'exemptIfMissing' | 'peerMeanIfMissing' | 'links' | 'precision' | 'baseText'>> & {
    section: string;
    period?: IndicatorNode['meta']['period'];
  },
): IndicatorNode {
  return {
    ...base(kind, name, numT('points')),
    role: 'indicator',
    section: `${kind}.${opts.section}`,
    points,
    precision: opts.precision ?? 2,
    meta: { method: null, source: null, owner: null, period: opts.period ?? null, type: null, doc: null },
    base: opts.base ?? null,
    baseText: opts.baseText ?? null,
    adjustments: opts.adjustments ?? [],
    exemptWhen: opts.exemptWhen ?? null,
    exemptIfMissing: opts.exemptIfMissing ?? [],
    peerMeanIfMissing: opts.peerMeanIfMissing ?? [],
    links: opts.links ?? [],
  };
}

export function section(
  kind: string,
  name: string,
  points: number,
  indicators: string[],
  opts: Partial<Pick<SectionNode, 'weight' | 'cap' | 'when' | 'precision'>> = {},
): SectionNode {
  return {
    ...base(kind, name, numT('points')),
    role: 'section',
    points,
    weight: opts.weight ?? null,
    cap: opts.cap ?? false,
    when: opts.when ?? null,
    indicators: indicators.map((i) => `${kind}.${i}`),
    precision: opts.precision ?? 2,
  };
}

export function bonus(kind: string, name: string, adjustments: Adjustment[], opts: { cap?: number; counts?: 'total' | 'tiebreak' } = {}): BonusNode {
  return { ...base(kind, name, numT('points')), role: 'bonus', cap: opts.cap ?? null, counts: opts.counts ?? 'total', adjustments, precision: 2 };
}

export function link(name: string, o: { target: string; targetKind: string; sourceKind: string; relation: string; list?: string; where?: GExpr; amount: GExpr }): LinkNode {
  return {
    ...base(o.targetKind, name, numT('points')),
    role: 'link',
    sourceKind: o.sourceKind,
    list: o.list ?? null,
    where: o.where ?? null,
    amount: o.amount,
    relation: o.relation,
    target: o.target,
    text: name,
  };
}

export function total(kind: string, sections: string[], bonuses: string[] = [], individual: TotalNode['individual'] = null): TotalNode {
  return {
    ...base(kind, 'total', numT('points')),
    role: 'total',
    sections: sections.map((s) => `${kind}.${s}`),
    bonuses: bonuses.map((b) => `${kind}.${b}`),
    individual,
    precision: 2,
  };
}

export function tiers(
  kind: string,
  name: string,
  by: string,
  rules: TiersNode['tiers'],
  opts: Partial<Pick<TiersNode, 'ties' | 'quota' | 'gated' | 'gates' | 'vetoes'>> = {},
): TiersNode {
  return {
    ...base(kind, name, { t: 'enum', name: null, values: rules.map((r) => r.name) }),
    role: 'tiers',
    by,
    ties: opts.ties ?? { mode: 'shared' },
    quota: opts.quota ?? 'half_up',
    gated: opts.gated ?? 'passes_on',
    tiers: rules,
    gates: opts.gates ?? [],
    vetoes: opts.vetoes ?? [],
  };
}

export const tier = (name: string, quota: { kind: 'top' | 'next' | 'at_most'; share: number } | null, extra: { rest?: boolean; when?: GExpr } = {}) => ({
  name,
  quota,
  rest: extra.rest ?? false,
  when: extra.when ?? null,
  span,
});

export function graph(
  nodes: GraphNode[],
  opts: { kinds?: string[]; records?: RuleGraph['records']; periods?: RuleGraph['periods']; rounding?: RuleGraph['policy']['rounding']; precision?: number; tests?: RuleGraph['tests'] } = {},
): RuleGraph {
  const kinds = opts.kinds ?? [...new Set(nodes.map((n) => n.kind))];
  return {
    format: 1,
    policy: { name: '测试体系', version: '2021', evaluator: null, precision: opts.precision ?? 2, rounding: opts.rounding ?? 'half_up' },
    kinds: kinds.map((name) => ({ name, label: null })),
    records: opts.records ?? [],
    nodes,
    periods: opts.periods ?? [],
    tests: opts.tests ?? [],
  };
}

/** A JSON dataset of one-period units of one kind. */
export function units(kind: string, rows: Record<string, Record<string, DataValue>>, relations: Record<string, Record<string, string>> = {}) {
  return {
    units: Object.entries(rows).map(([id, inputs]) => ({ id, kind, inputs, ...(relations[id] ? { relations: relations[id] } : {}) })),
  };
}
