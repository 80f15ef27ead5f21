// Export to json-rules-engine: one rule per indicator that a unit's own data decides, for systems that
// already embed that engine. Inputs are facts; the score is an event parameter computed by the
// `kaoping:score` fact from the rule's own expression (the graph's JSON expression form, lets inlined).
// What needs the whole population (ranks, peer statistics, linked deductions, tiers) is listed, not exported.
// Node-free: the web editor offers the same export.
import { ceilExact, compareExact, floorExact, roundTo } from '../runtime/evaluation/exact.js';
import type { GExpr, GraphNode, IndicatorNode, InputNode, RecordSpec, Rounding, RuleGraph, ValueType } from '../graph/graph.js';

export const EXPORT_FORMAT = 'kaoping/json-rules-engine@1' as const;

/**
 * An expression in an exported rule: a rule-graph expression where `{k:'node', id}` names an input fact
 * (by the input's name) and lets are inlined. References to dates carry `date: true` so that the
 * 'YYYY-MM-DD' strings of the data compare as days.
 */
export type ExportedExpr = GExpr | { k: 'fact'; name: string; date?: true } | { k: 'field'; name: string; date?: true };

export interface ExportedScore {
  indicator: string;
  points: number;
  precision: number;
  rounding: Rounding;
  base: ExportedExpr | null;
  adjustments: {
    direction: 'deduct' | 'add';
    amount: ExportedExpr;
    per: ExportedExpr | null;
    where: ExportedExpr | null;
    when: ExportedExpr | null;
    cap: ExportedExpr | null;
    text: string;
  }[];
  /** Values of inputs declared `missing default V`, used when the fact is absent. */
  defaults: Record<string, unknown>;
}

export interface JsonRule {
  name: string;
  priority: number;
  conditions: { all: Record<string, unknown>[] };
  event: { type: 'kaoping:indicator'; params: Record<string, unknown> };
}

export interface NotExported {
  kind: string;
  name: string;
  /** What the item is: an indicator, or a stage of the population (rank, tiers, link…). */
  what: string;
  reason: string;
}

export interface JsonRulesEngineExport {
  format: typeof EXPORT_FORMAT;
  policy: { name: string; version: string; precision: number; rounding: Rounding };
  /** Options to pass to `new Engine(rules, options)`. */
  engineOptions: { replaceFactsInEventParams: true; allowUndefinedFacts: true };
  /** The facts a unit must supply: `kind` and its inputs by name. */
  facts: { name: string; kind: string; type: string; missing: string }[];
  /** Custom operators and dynamic facts the rules use (registered by `registerKaopingExtensions`). */
  extensions: { name: string; meaning: string }[];
  rules: JsonRule[];
  notExported: NotExported[];
  notes: string[];
}

const EXTENSIONS = [
  { name: 'kaoping:present', meaning: 'operator: the fact has a value (true) or has none (false)' },
  { name: 'kaoping:value', meaning: 'fact: the value of params.expr over the unit\'s facts' },
  { name: 'kaoping:score', meaning: 'fact: the indicator score of params (base − deductions + additions, clamped, rounded)' },
];

export function exportJsonRulesEngine(graph: RuleGraph): JsonRulesEngineExport {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const records = new Map(graph.records.map((r) => [r.name, r]));
  const rules: JsonRule[] = [];
  const notExported: NotExported[] = [];
  const notes: string[] = [];
  const partsOf = new Set(graph.periods.flatMap((p) => p.parts));

  for (const n of graph.nodes) {
    if (n.role === 'indicator') {
      const converter = new Converter(byId, records);
      const score = converter.score(n, graph.policy.rounding);
      const exempt = n.exemptWhen ? converter.expr(n.exemptWhen, null) : null;
      if (converter.blocker) {
        notExported.push({ kind: n.kind, name: n.name, what: 'indicator', reason: converter.blocker });
        continue;
      }
      if (n.links.length > 0) {
        notes.push(`${n.name}: linked deductions (${n.links.map((id) => byId.get(id)?.name).join(', ')}) come from other units and are not in the exported score`);
      }
      if (n.peerMeanIfMissing.length > 0) {
        notes.push(`${n.name}: when ${n.peerMeanIfMissing.map((id) => byId.get(id)?.name).join(', ')} is missing the policy scores the peers' mean, which needs the population; the exported rule does not fire then`);
      }
      if (partsOf.size > 0 && (n.meta.period === 'quarterly' || n.meta.period === 'monthly')) {
        notes.push(`${n.name}: ${n.meta.period} — run the rule on each part's facts and aggregate ${n.partsBy ? `by ${n.partsBy} (its own aggregation)` : "as the policy's periods say"}`);
      }
      const conditions: Record<string, unknown>[] = [{ fact: 'kind', operator: 'equal', value: n.kind }];
      for (const id of [...n.exemptIfMissing, ...n.peerMeanIfMissing]) {
        conditions.push({ fact: byId.get(id)?.name ?? id, operator: 'kaoping:present', value: true });
      }
      // Inputs the score reads that have no default must be present, as the evaluator requires them.
      const required = new Set(n.exemptIfMissing.concat(n.peerMeanIfMissing).map((id) => byId.get(id)?.name));
      for (const name of factNames(score)) {
        const input = graph.nodes.find((x): x is InputNode => x.role === 'input' && x.kind === n.kind && x.name === name);
        if (input && input.missing.kind === 'error' && !required.has(name)) {
          required.add(name);
          conditions.push({ fact: name, operator: 'kaoping:present', value: true });
        }
      }
      if (exempt) conditions.push({ fact: 'kaoping:value', params: { expr: exempt }, operator: 'equal', value: false });
      rules.push({
        name: n.id,
        priority: 1,
        conditions: { all: conditions },
        event: {
          type: 'kaoping:indicator',
          params: {
            kind: n.kind,
            indicator: n.name,
            section: byId.get(n.section)?.name ?? n.section,
            points: n.points,
            score: { fact: 'kaoping:score', params: score },
          },
        },
      });
    } else if (n.role !== 'input' && n.role !== 'relation' && n.role !== 'value') {
      notExported.push({ kind: n.kind, name: n.name, what: n.role, reason: POPULATION_REASON[n.role] });
    } else if (n.role === 'value' && n.expr.k === 'pop') {
      notExported.push({ kind: n.kind, name: n.name, what: 'peer statistic', reason: `${n.expr.fn} compares the unit with all its peers` });
    }
  }

  return {
    format: EXPORT_FORMAT,
    policy: { name: graph.policy.name, version: graph.policy.version, precision: graph.policy.precision, rounding: graph.policy.rounding },
    engineOptions: { replaceFactsInEventParams: true, allowUndefinedFacts: true },
    facts: graph.nodes.filter((n): n is InputNode => n.role === 'input').map((n) => ({
      name: n.name,
      kind: n.kind,
      type: typeName(n.type),
      missing: n.missing.kind,
    })),
    extensions: EXTENSIONS,
    rules,
    notExported,
    notes,
  };
}

const POPULATION_REASON: Record<Exclude<GraphNode['role'], 'indicator' | 'input' | 'relation' | 'value'>, string> = {
  section: 'section scores combine indicator scores (with exempt points redistributed): sum the events per section',
  bonus: 'bonus items are outside the indicator rules',
  link: 'a linked deduction moves points from one unit to another along a relation',
  total: 'the total combines sections, bonuses and, for individuals, the related unit\'s total',
  tiers: 'tiers need the ranking of all units, quotas, gates and vetoes',
};

function typeName(t: ValueType): string {
  return t.t === 'num' ? t.dim : t.t === 'list' ? `[${t.record}]` : t.t === 'enum' ? `enum(${t.values.join(', ')})` : t.t;
}

/** Rewrites graph expressions into exported ones; records the first reason an indicator cannot be exported. */
class Converter {
  blocker: string | null = null;
  private readonly defaults: Record<string, unknown> = {};

  constructor(
    private readonly byId: Map<string, GraphNode>,
    private readonly records: Map<string, RecordSpec>,
  ) {}

  score(n: IndicatorNode, rounding: Rounding): ExportedScore {
    const listRecord = (per: GExpr | null) => (per ? this.recordOf(per) : null);
    return {
      indicator: n.name,
      points: n.points,
      precision: n.precision,
      rounding,
      base: n.base ? this.expr(n.base, null) : null,
      adjustments: n.adjustments.map((a) => {
        if (a.distinct) this.blocker ??= `\`distinct ${a.distinct}\` keeps the best record per ${a.distinct}, which the exported rules do not do`;
        const record = listRecord(a.per);
        return {
          direction: a.direction,
          amount: this.expr(a.amount, record),
          per: a.per ? this.expr(a.per, null) : null,
          where: a.where ? this.expr(a.where, record) : null,
          when: a.when ? this.expr(a.when, null) : null,
          cap: a.cap ? this.expr(a.cap, null) : null,
          text: a.text,
        };
      }),
      defaults: this.defaults,
    };
  }

  /** `record`: the record type whose fields are in scope. */
  expr(e: GExpr, record: RecordSpec | null): ExportedExpr {
    switch (e.k) {
      case 'node':
        return this.node(e.id, record);
      case 'rel':
        this.block(`reads ${this.byId.get(e.rel)?.name}.${this.byId.get(e.id)?.name} of a related unit`);
        return e;
      case 'pop':
        this.block(`uses ${e.fn} over the unit's peers`);
        return e;
      case 'field': {
        const type = record?.fields.find((f) => f.name === e.name)?.type;
        return type?.t === 'date' ? { k: 'field', name: e.name, date: true } : e;
      }
      case 'fn':
        if (e.fn === 'progress') this.block('uses progress() of a period aggregation');
        return { ...e, args: e.args.map((a) => this.expr(a, record)) as GExpr[] };
      case 'neg':
      case 'not':
        return { ...e, a: this.expr(e.a, record) as GExpr };
      case 'arith':
      case 'cmp':
      case 'logic':
        return { ...e, a: this.expr(e.a, record) as GExpr, b: this.expr(e.b, record) as GExpr };
      case 'if':
        return { ...e, c: this.expr(e.c, record) as GExpr, t: this.expr(e.t, record) as GExpr, e: this.expr(e.e, record) as GExpr };
      case 'band':
        return {
          ...e,
          x: this.expr(e.x, record) as GExpr,
          arms: e.arms.map((a) => ({ op: a.op, bound: this.expr(a.bound, record) as GExpr, v: this.expr(a.v, record) as GExpr })),
          else: this.expr(e.else, record) as GExpr,
        };
      case 'match':
        return {
          ...e,
          x: this.expr(e.x, record) as GExpr,
          arms: e.arms.map((a) => ({ values: a.values, v: this.expr(a.v, record) as GExpr })),
          else: e.else ? (this.expr(e.else, record) as GExpr) : null,
        };
      case 'agg': {
        const inner = this.recordOf(e.list);
        return {
          ...e,
          list: this.expr(e.list, record) as GExpr,
          where: e.where ? (this.expr(e.where, inner) as GExpr) : null,
          value: e.value ? (this.expr(e.value, inner) as GExpr) : null,
        };
      }
      default:
        return e;
    }
  }

  private node(id: string, record: RecordSpec | null): ExportedExpr {
    const n = this.byId.get(id);
    if (!n) {
      this.block(`refers to an unknown node ${id}`);
      return { k: 'node', id };
    }
    if (n.role === 'value') return this.expr(n.expr, record);
    if (n.role === 'input') {
      if (n.missing.kind === 'default') this.defaults[n.name] = n.missing.value;
      return n.type.t === 'date' ? { k: 'fact', name: n.name, date: true } : { k: 'fact', name: n.name };
    }
    this.block(`reads the result ${n.role} ${n.name}, computed outside this rule`);
    return { k: 'node', id };
  }

  private recordOf(list: GExpr): RecordSpec | null {
    const n = list.k === 'node' ? this.byId.get(list.id) : undefined;
    return n?.type.t === 'list' ? (this.records.get(n.type.record) ?? null) : null;
  }

  private block(reason: string): void {
    this.blocker ??= reason;
  }
}

// ── The consumer side: what a json-rules-engine host registers ───────────────

/** The parts of a json-rules-engine `Engine` the extensions need. */
export interface EngineLike {
  addOperator(name: string, evaluate: (factValue: unknown, jsonValue: unknown) => boolean): unknown;
  addFact(name: string, compute: (params: Record<string, unknown>, almanac: AlmanacLike) => unknown): unknown;
}

export interface AlmanacLike {
  factValue(name: string): Promise<unknown>;
}

/** Registers the operators and dynamic facts that exported rules use. */
export function registerKaopingExtensions(engine: EngineLike): void {
  engine.addOperator('kaoping:present', (value, wanted) => (value !== undefined && value !== null && value !== '') === wanted);
  engine.addFact('kaoping:value', async (params, almanac) => {
    const facts = await factsOf(params.expr as ExportedExpr, almanac);
    if (!complete(facts, {})) return null;
    return evalExpr(params.expr as ExportedExpr, { facts, record: null, rounding: 'half_up', defaults: {} });
  });
  engine.addFact('kaoping:score', async (params, almanac) => {
    const score = params as unknown as ExportedScore;
    const exprs = [score.base, ...score.adjustments.flatMap((a) => [a.amount, a.per, a.where, a.when, a.cap])];
    const facts = new Map<string, unknown>();
    for (const e of exprs) if (e) for (const [k, v] of await factsOf(e, almanac)) facts.set(k, v);
    if (!complete(facts, score.defaults)) return null;
    return scoreOf(score, { facts, record: null, rounding: score.rounding, defaults: score.defaults });
  });
}

interface Scope {
  facts: Map<string, unknown>;
  record: Record<string, unknown> | null;
  rounding: Rounding;
  defaults: Record<string, unknown>;
}

/** The input facts an exported expression (or score) reads. */
function factNames(e: unknown): Set<string> {
  const names = new Set<string>();
  JSON.stringify(e, (k, v) => {
    if (v && typeof v === 'object' && v.k === 'fact') names.add(v.name);
    return v;
  });
  return names;
}

async function factsOf(e: ExportedExpr, almanac: AlmanacLike): Promise<Map<string, unknown>> {
  const facts = new Map<string, unknown>();
  for (const name of factNames(e)) facts.set(name, await almanac.factValue(name));
  return facts;
}

/**
 * The engine computes the facts of a rule's conditions and event even when an earlier condition fails (a
 * unit of another kind, a missing input): without every fact they read they have no value (null), so the
 * rule does not fire, rather than an exception stopping the run.
 */
function complete(facts: Map<string, unknown>, defaults: Record<string, unknown>): boolean {
  for (const [name, v] of facts) if ((v === undefined || v === null) && defaults[name] === undefined) return false;
  return true;
}

function scoreOf(s: ExportedScore, scope: Scope): number {
  let score = s.base ? num(evalExpr(s.base, scope)) : s.points;
  for (const a of s.adjustments) {
    if (a.when && !evalExpr(a.when, scope)) continue;
    let amount = 0;
    if (a.per) {
      for (const record of (evalExpr(a.per, scope) as Record<string, unknown>[]) ?? []) {
        const inner = { ...scope, record };
        if (a.where && !evalExpr(a.where, inner)) continue;
        amount += num(evalExpr(a.amount, inner));
      }
    } else {
      amount = num(evalExpr(a.amount, scope));
    }
    if (a.cap) amount = Math.min(amount, num(evalExpr(a.cap, scope)));
    score += a.direction === 'deduct' ? -amount : amount;
  }
  const clamped = compareExact(score, 0) < 0 ? 0 : compareExact(score, s.points) > 0 ? s.points : score;
  return roundTo(clamped, s.precision, s.rounding);
}

function num(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
}

const DAY_MS = 86_400_000;

function asDays(v: unknown): unknown {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) / DAY_MS : v;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const c = typeof a === 'number' && typeof b === 'number' ? compareExact(a, b) : a === b ? 0 : NaN;
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function evalExpr(e: ExportedExpr, scope: Scope): unknown {
  const ev = (x: ExportedExpr) => evalExpr(x, scope);
  switch (e.k) {
    case 'num':
    case 'str':
    case 'bool':
    case 'date':
    case 'enum':
      return e.v;
    case 'fact': {
      const v = scope.facts.get(e.name);
      const value = v === undefined || v === null ? scope.defaults[e.name] : v;
      if (value === undefined) throw new Error(`fact ${e.name} is missing`);
      return e.date ? asDays(value) : value;
    }
    case 'field': {
      const v = scope.record?.[e.name];
      return 'date' in e && e.date ? asDays(v) : v;
    }
    case 'neg':
      return -num(ev(e.a));
    case 'not':
      return !ev(e.a);
    case 'arith': {
      const a = num(ev(e.a));
      const b = num(ev(e.b));
      return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : a / b;
    }
    case 'cmp':
      return compare(e.op, ev(e.a), ev(e.b));
    case 'logic':
      return e.op === 'and' ? Boolean(ev(e.a)) && Boolean(ev(e.b)) : Boolean(ev(e.a)) || Boolean(ev(e.b));
    case 'if':
      return ev(e.c) ? ev(e.t) : ev(e.e);
    case 'band': {
      const x = ev(e.x);
      for (const arm of e.arms) if (compare(arm.op, x, ev(arm.bound))) return ev(arm.v);
      return ev(e.else);
    }
    case 'match': {
      const x = ev(e.x);
      for (const arm of e.arms) if (arm.values.includes(String(x))) return ev(arm.v);
      if (e.else) return ev(e.else);
      throw new Error(`no arm of match for ${String(x)}`);
    }
    case 'fn':
      return callFn(e.fn, e.args.map((a) => num(ev(a))), scope.rounding);
    case 'agg':
      return aggregate(e, scope);
    default:
      throw new Error(`cannot evaluate ${e.k} in an exported rule`);
  }
}

function callFn(fn: string, args: number[], rounding: Rounding): number {
  const [x = 0, y = 0, z = 0] = args;
  switch (fn) {
    case 'min':
      return args.reduce((m, v) => (compareExact(v, m) < 0 ? v : m));
    case 'max':
      return args.reduce((m, v) => (compareExact(v, m) > 0 ? v : m));
    case 'abs':
      return Math.abs(x);
    case 'clamp':
      return compareExact(x, y) < 0 ? y : compareExact(x, z) > 0 ? z : x;
    case 'round':
      return roundTo(x, y, rounding);
    case 'steps_whole':
      return Math.max(0, floorExact(x / y));
    case 'steps_pro_rata':
      return Math.max(0, x / y);
    case 'steps_round_up':
      return Math.max(0, ceilExact(x / y));
    case 'interpolate': {
      const anchors: [number, number][] = [];
      for (let i = 1; i + 1 < args.length; i += 2) anchors.push([args[i]!, args[i + 1]!]);
      const first = anchors[0]!;
      const last = anchors[anchors.length - 1]!;
      if (compareExact(x, first[0]) <= 0) return first[1];
      if (compareExact(x, last[0]) >= 0) return last[1];
      for (let i = 1; i < anchors.length; i++) {
        const [x1, y1] = anchors[i]!;
        const [x0, y0] = anchors[i - 1]!;
        if (compareExact(x, x1) <= 0) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
      }
      return last[1];
    }
    default:
      throw new Error(`cannot evaluate ${fn}() in an exported rule`);
  }
}

function aggregate(e: Extract<GExpr, { k: 'agg' }>, scope: Scope): unknown {
  const list = ((evalExpr(e.list, scope) as Record<string, unknown>[] | null) ?? []).filter(
    (record) => !e.where || Boolean(evalExpr(e.where, { ...scope, record })),
  );
  if (e.fn === 'count') return list.length;
  if (e.fn === 'any') return list.length > 0;
  if (e.fn === 'all') return list.length === ((evalExpr(e.list, scope) as unknown[] | null) ?? []).length;
  const values = list.map((record) => num(evalExpr(e.value!, { ...scope, record })));
  if (e.fn === 'sum') return values.reduce((s, v) => s + v, 0);
  if (values.length === 0) throw new Error(`${e.fn} of no records`);
  if (e.fn === 'min') return callFn('min', values, scope.rounding);
  if (e.fn === 'max') return callFn('max', values, scope.rounding);
  let kept = values;
  if (e.fn === 'trimmed_mean' && e.trim && values.length >= e.trim.minCount) {
    kept = [...values].sort((p, q) => compareExact(p, q)).slice(e.trim.drop, values.length - e.trim.drop);
  }
  return kept.reduce((s, v) => s + v, 0) / kept.length;
}
