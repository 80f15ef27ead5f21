// The expression interpreter: the value of a GExpr for one unit (and, inside aggregates and per-record
// adjustments, one record). Numbers are exact rationals (booleans 1/0, dates in days), so every comparison,
// floor and rounding is decided on the exact value; strings are enum members or text; record lists are
// arrays; null is "no value" and propagates; INVALID marks an invalid operation (÷0).
// With a recorder it also notes every value read and every branch taken, for explanations.
import { IN_RANK_FNS, type Dimension, type GExpr, type GraphNode, type PopulationFn, type ValueNode, type ValueType } from '../../graph/graph.js';
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { countOf, populationExact, rankedValues, usableValues } from './population.js';
import { DEFAULTED, UNUSABLE, type EvalState } from './state.js';
import type { Step, TraceValue } from '../explanation/trace.js';
import type { DataRow } from '../data/value-parse.js';

/** The steps functions by their trace mode. */
const STEP_MODES = { steps_whole: 'whole', steps_pro_rata: 'pro_rata', steps_round_up: 'round_up' } as const;

/** An invalid operation (÷0, a number where a name is, …): not a value, and not "no value" either. */
export const INVALID: unique symbol = Symbol('invalid');

export type Val = Rational | string | DataRow[] | null | typeof INVALID;

export function isNum(v: Val): v is Rational {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finished column's number as the exact value it stands for. */
export function exactOf(x: number): Rational {
  return Q.fromNumber(x);
}

export interface Recorder {
  steps: Step[];
  seen: Set<string>;
  /** Test coverage: told each branch taken (an if's, band's or match's arm by index, `then` = 0). Only a
   *  recorder carries it, so an evaluation without explanations never calls it. */
  reach?: Reach;
  /** The nodes whose lets read by their bare name (the rule explained and its section); others as `指标.名`. */
  own?: readonly string[];
}

/**
 * How a read node is named in a trace: a let of another indicator, section or bonus as `收入完成.完成率`
 * (a let read through a relation keeps its bare name after the related unit's).
 */
function readName(node: GraphNode, rec: Recorder, via: boolean): string {
  // a lifted sub-expression, or a value not named after a let (a warning's earlier-period value)
  if (node.role !== 'value' || node.name.includes('#') || !node.id.endsWith(`.${node.name}`)) return node.name;
  const owner = node.id.slice(0, node.id.length - node.name.length - 1);
  if (owner === node.kind || via || rec.own?.includes(owner)) return node.name; // through a relation: as ever
  return `${owner.slice(node.kind.length + 1)}.${node.name}`;
}

/** A branch point and the arm taken: an if, band or match expression, or a deduction/addition line. */
export type Reach = (site: object, arm: number) => void;

/** Where an expression is evaluated. Mutated in place from unit to unit (no allocation per unit). */
export interface Scope {
  state: EvalState;
  kind: string;
  i: number;
  row: DataRow | null;
  rec: Recorder | null;
  /** an expression whose value is points (a score formula), so the arms it takes read as points (取18分) */
  points?: GExpr;
}

export function newScope(state: EvalState, kind: string, rec: Recorder | null = null): Scope {
  return { state, kind, i: 0, row: null, rec };
}

const DAY_MS = 86_400_000;

/** A value as shown and stored: numbers as the double nearest to them, an invalid operation as NaN. */
export function plain(v: Val): number | string | DataRow[] | null {
  return v === INVALID ? NaN : isNum(v) ? Q.toNumber(v) : v;
}

export function traceValue(value: Val | number | boolean, type: ValueType | null): TraceValue {
  const v = typeof value === 'number' || typeof value === 'boolean' ? value : plain(value);
  if (v === null) return { v: null };
  if (Array.isArray(v)) return { v: v.length, dim: 'count' };
  if (type?.t === 'bool' && typeof v === 'number') return { v: v === 1 };
  if (type?.t === 'date' && typeof v === 'number') return { v: new Date(v * DAY_MS).toISOString().slice(0, 10) };
  if (type?.t === 'num' && typeof v === 'number') return { v, dim: type.dim };
  return { v };
}

/** The dimension of an expression's value, as far as it can be seen without evaluating. */
export function dimOf(e: GExpr, state: EvalState): Dimension | null {
  switch (e.k) {
    case 'node':
    case 'rel': {
      const t = state.nodes.get(e.id)?.type;
      return t?.t === 'num' ? t.dim : null;
    }
    case 'pop': {
      if (e.fn === 'percentile') return 'percent';
      if (e.fn === 'rank' || e.fn === 'rank_asc' || IN_RANK_FNS.has(e.fn)) return null;
      const t = state.nodes.get(e.of)?.type;
      return t?.t === 'num' ? t.dim : null;
    }
    case 'neg':
      return dimOf(e.a, state);
    case 'arith': {
      const a = dimOf(e.a, state);
      if (e.op === '/') return a !== null && a === dimOf(e.b, state) ? 'percent' : a;
      if (e.op !== '*') return a ?? dimOf(e.b, state);
      // A rate scales the other factor (15分 * 完成率 is points); beside an unknown factor (a literal), it says nothing.
      const b = dimOf(e.b, state);
      const scale = (d: Dimension | null) => d === 'percent' || d === 'number';
      if (a !== null && b !== null) return scale(a) ? b : a;
      const known = a ?? b;
      return scale(known) ? null : known;
    }
    case 'if':
      return dimOf(e.t, state) ?? dimOf(e.e, state);
    case 'fn':
      return e.args[0] ? dimOf(e.args[0], state) : null;
    default:
      return null;
  }
}

function readNode(node: GraphNode, s: Scope, j: number): Val {
  const col = s.state.columns.get(node.id);
  if (!col || j < 0) return null;
  const flags = s.state.flags.get(node.id);
  if (flags && (flags[j]! & UNUSABLE) !== 0) return null;
  switch (col.t) {
    case 'num': {
      const x = col.v[j]!;
      if (Number.isNaN(x)) return null;
      return node.role === 'value' ? valueExact(s.state, node, j) : exactOf(x);
    }
    case 'enum': {
      const x = col.v[j]!;
      return Number.isNaN(x) ? null : col.values[x]!;
    }
    case 'text':
      return col.v[j] ?? null;
    case 'list':
      return col.v[j] ?? null;
    case 'ref': {
      const target = (node.type as { kind: string }).kind;
      return col.v[j]! < 0 ? null : s.state.kinds.get(target)!.ids[col.v[j]!]!;
    }
  }
}

/**
 * The exact value of a value node for unit j: kept by the reference evaluator where it computed the unit,
 * computed again here where a kernel did (a kernel's column holds a double near it, not it).
 */
function valueExact(state: EvalState, node: ValueNode, j: number): Val {
  let kept = state.exact.get(node.id);
  if (!kept) state.exact.set(node.id, (kept = []));
  const known = kept[j];
  if (known !== undefined) return known;
  const sc = newScope(state, node.kind);
  sc.i = j;
  const v = evalExpr(node.expr, sc);
  kept[j] = isNum(v) ? v : null;
  return kept[j]!;
}

/** The exact value of a numeric node for unit i (of its own kind); null where it has none. */
export function exactValueOf(state: EvalState, id: string, i: number): Rational | null {
  const node = state.nodes.get(id)!;
  const v = readNode(node, newScope(state, node.kind), i);
  return isNum(v) ? v : null;
}

function record(s: Scope, node: GraphNode, v: Val, j: number, via: { relation: string; unit: string } | null): void {
  const rec = s.rec!;
  const key = via ? `${via.relation}.${node.id}` : node.id;
  if (rec.seen.has(key)) return;
  rec.seen.add(key);
  const step: Step = { step: 'read', name: readName(node, rec, via !== null), value: traceValue(v, node.type) };
  if (via) step.via = via;
  if ((s.state.flags.get(node.id)?.[j] ?? 0) & DEFAULTED) {
    step.defaulted = true;
    if (node.role === 'input' && node.missing.kind === 'fill_peer_mean') step.filled = true;
  }
  rec.steps.push(step);
}

/** Whether a value counts as true; null for no value (an invalid operation counts as true, as ever). */
export function truthy(v: Val): boolean | null {
  if (v === null) return null;
  return isNum(v) ? v.num !== 0n : v !== '';
}

const bool = (b: boolean): Rational => (b ? Q.ONE : Q.ZERO);

function compare(op: string, a: Val, b: Val): Val {
  if (a === null || b === null) return null;
  if (a === INVALID || b === INVALID) return INVALID;
  if (isNum(a) && isNum(b)) {
    const c = Q.compare(a, b);
    switch (op) {
      case '==': return bool(c === 0);
      case '!=': return bool(c !== 0);
      case '<': return bool(c < 0);
      case '<=': return bool(c <= 0);
      case '>': return bool(c > 0);
      default: return bool(c >= 0);
    }
  }
  if (isNum(a) || isNum(b)) return op === '==' ? Q.ZERO : op === '!=' ? Q.ONE : INVALID;
  if (op === '==') return bool(a === b);
  if (op === '!=') return bool(a !== b);
  return INVALID;
}

/** A number, null for "no value", INVALID for anything else. */
export function num(v: Val): Rational | null | typeof INVALID {
  return isNum(v) || v === null ? v : INVALID;
}

export function evalExpr(e: GExpr, s: Scope): Val {
  switch (e.k) {
    case 'num':
    case 'date':
      return literal(e);
    case 'str':
    case 'enum':
      return e.v;
    case 'bool':
      return bool(e.v);
    case 'node': {
      const node = s.state.nodes.get(e.id)!;
      const v = readNode(node, s, s.i);
      if (s.rec) record(s, node, v, s.i, null);
      return v;
    }
    case 'rel': {
      const relCol = s.state.columns.get(e.rel);
      const j = relCol && relCol.t === 'ref' ? relCol.v[s.i]! : -1;
      const node = s.state.nodes.get(e.id)!;
      const v = readNode(node, s, j);
      if (s.rec && j >= 0) {
        const relName = s.state.nodes.get(e.rel)!.name;
        record(s, node, v, j, { relation: relName, unit: s.state.kinds.get(node.kind)!.ids[j]! });
      }
      return v;
    }
    case 'field': {
      const v = s.row?.[e.name];
      return v === undefined ? null : typeof v === 'boolean' ? bool(v) : typeof v === 'number' ? (Number.isNaN(v) ? INVALID : exactOf(v)) : v;
    }
    case 'neg': {
      const a = num(evalExpr(e.a, s));
      return isNum(a) ? Q.neg(a) : a;
    }
    case 'not': {
      const a = truthy(evalExpr(e.a, s));
      return a === null ? null : bool(!a);
    }
    case 'arith': {
      const a = num(evalExpr(e.a, s));
      const b = num(evalExpr(e.b, s));
      if (a === null || b === null) return null;
      if (a === INVALID || b === INVALID) return INVALID;
      switch (e.op) {
        case '+': return Q.add(a, b);
        case '-': return Q.sub(a, b);
        case '*': return Q.mul(a, b);
        default: return Q.div(a, b) ?? INVALID;
      }
    }
    case 'cmp':
      return compare(e.op, evalExpr(e.a, s), evalExpr(e.b, s));
    case 'logic': {
      const a = truthy(evalExpr(e.a, s));
      if (e.op === 'and' && a === false) return Q.ZERO;
      if (e.op === 'or' && a === true) return Q.ONE;
      const b = truthy(evalExpr(e.b, s));
      if (a === null || b === null) return (e.op === 'and' && b === false) ? Q.ZERO : (e.op === 'or' && b === true) ? Q.ONE : null;
      return bool(b);
    }
    case 'if': {
      const c = truthy(evalExpr(e.c, s));
      if (c === null) return null;
      const arm = c ? e.t : e.e;
      const v = evalExpr(arm, s);
      if (s.rec) {
        s.rec.steps.push({ step: 'branch', form: 'if', subject: null, arm: c ? 'then' : 'else', value: withDim(shown(v), armDim(e, arm, s)) });
        s.rec.reach?.(e, c ? 0 : 1);
      }
      return v;
    }
    case 'band': {
      const x = evalExpr(e.x, s);
      if (x === null) return null;
      for (let k = 0; k < e.arms.length; k++) {
        const arm = e.arms[k]!;
        const bound = evalExpr(arm.bound, s);
        const hit = compare(arm.op, x, bound);
        if (!isNum(hit)) return hit;
        if (hit.num === 1n) return branch(s, e, x, `${arm.op} ${showBound(bound, dimOf(e.x, s.state))}`, arm.v, k);
      }
      return branch(s, e, x, 'else', e.else, e.arms.length);
    }
    case 'match': {
      const x = evalExpr(e.x, s);
      if (x === null) return null;
      for (let k = 0; k < e.arms.length; k++) {
        const arm = e.arms[k]!;
        if (arm.values.includes(String(plain(x)))) return branch(s, e, x, arm.values.join('、'), arm.v, k);
      }
      return e.else ? branch(s, e, x, 'else', e.else, e.arms.length) : INVALID;
    }
    case 'fn':
      return evalFn(e, s);
    case 'agg':
      return evalAggregate(e, s);
    case 'pop': {
      const v = populationExact(s.state, e.fn, e.of, e.share, s.i, e.among);
      if (s.rec && !IN_RANK_FNS.has(e.fn)) recordPopulation(s, e, v);
      return v;
    }
  }
}

/** A node by the name a reader knows it by: a lifted sub-expression (`rank(a + b)`) by its source text. */
export function subjectName(node: GraphNode): string {
  return node.role === 'value' && node.name.includes('#') ? `「${node.text}」` : node.name;
}

/** Where unit i stands among its peers for a rank, percentile or peer statistic: the value ranked and the result. */
function recordPopulation(s: Scope, { fn, of, among }: Extract<GExpr, { k: 'pop' }>, v: Val): void {
  const rec = s.rec!;
  const key = `${fn}\u0000${of}\u0000${among ?? ''}`;
  const own = usableValues(s.state, of)[s.i]!;
  // A unit with a value left out by the condition is told so; a unit with no value has nothing to say.
  if (rec.seen.has(key) || (!isNum(v) && (among === undefined || own !== own))) return;
  rec.seen.add(key);
  const values = rankedValues(s.state, of, among);
  const subject = s.state.nodes.get(of)!;
  const peers = countOf(values);
  const result = !isNum(v) ? { v: null } : fn === 'rank' || fn === 'rank_asc' ? { v: Q.toNumber(v) } : traceValue(v, fn === 'percentile' ? { t: 'num', dim: 'percent' } : subject.type);
  const step: Step = { step: 'population', fn, subject: subjectName(subject), value: traceValue(own, subject.type), result, of: peers };
  if (among !== undefined) step.among = (s.state.nodes.get(among) as { text?: string }).text ?? among;
  rec.steps.push(step);
}

/** A literal as written: the compiler stores the double nearest to it, which reads back as it. */
function literal(e: Extract<GExpr, { k: 'num' | 'date' }>): Rational {
  return exactOf(e.v);
}

/** A value as a trace shows it: a number or a name, or null. */
function shown(v: Val): number | string | null {
  const p = plain(v);
  return typeof p === 'number' || typeof p === 'string' ? p : null;
}

function showBound(bound: Val, dim: Dimension | null): string {
  const b = plain(bound);
  if (typeof b !== 'number') return String(b);
  return dim === 'percent' ? `${+(b * 100).toPrecision(12)}%` : String(b);
}

/** A shown value with its dimension when it has one (取18分, not 取18). */
function withDim(v: number | string | null, dim: Dimension | null): TraceValue {
  return dim !== null && typeof v === 'number' ? { v, dim } : { v };
}

/** The dimension of the arm `ve` of `e`: its own, else points when `e` is a score formula (its literals have none). */
function armDim(e: GExpr, ve: GExpr, s: Scope): Dimension | null {
  return dimOf(ve, s.state) ?? (e === s.points ? 'points' : null);
}

/** The arm `ve` (the `index`th; the else arm after the others) taken by a band or match `e` on the value `x`, recorded with the value it gives. */
function branch(s: Scope, e: Extract<GExpr, { k: 'band' | 'match' }>, x: Val, arm: string, ve: GExpr, index: number): Val {
  const v = evalExpr(ve, s);
  if (s.rec) {
    s.rec.reach?.(e, index);
    s.rec.steps.push({
      step: 'branch',
      form: e.k,
      subject: shown(x) !== null ? withDim(shown(x), dimOf(e.x, s.state)) : null,
      arm,
      value: withDim(shown(v), armDim(e, ve, s)),
    });
  }
  return v;
}

type Num = Rational | null | typeof INVALID;

/** A numeric argument: null for "no value", INVALID for anything not a number. */
function arg(e: Extract<GExpr, { k: 'fn' }>, k: number, s: Scope): Num {
  return num(evalExpr(e.args[k]!, s));
}

function evalFn(e: Extract<GExpr, { k: 'fn' }>, s: Scope): Val {
  switch (e.fn) {
    case 'progress':
      // The share of the year elapsed is a whole number of twelfths (a month, a quarter, a half, the year).
      return Q.rational(BigInt(Math.round(s.state.progress * 12)), 12n);
    case 'min':
    case 'max': {
      // No argument array: this runs once per unit.
      let best: Rational | null = null;
      for (let k = 0; k < e.args.length; k++) {
        const v = arg(e, k, s);
        if (!isNum(v)) return v;
        if (best === null || (e.fn === 'min' ? Q.compare(v, best) < 0 : Q.compare(v, best) > 0)) best = v;
      }
      return best;
    }
    case 'interpolate':
      return interpolate(e, s);
  }
  const x = arg(e, 0, s);
  const y = e.args.length > 1 ? arg(e, 1, s) : Q.ZERO;
  const z = e.args.length > 2 ? arg(e, 2, s) : Q.ZERO;
  if (x === null || y === null || z === null) return null;
  if (x === INVALID || y === INVALID || z === INVALID) return INVALID;
  switch (e.fn) {
    case 'abs':
      return Q.abs(x);
    case 'clamp':
      return Q.compare(x, y) < 0 ? y : Q.compare(x, z) > 0 ? z : x;
    case 'round':
      return Q.roundTo(x, Number(Q.floor(y).num), s.state.rounding);
    default: {
      const q = Q.div(x, y);
      if (q === null) return INVALID;
      const mode = STEP_MODES[e.fn as keyof typeof STEP_MODES];
      const whole = mode === 'whole' ? Q.floor(q) : mode === 'round_up' ? Q.ceil(q) : q;
      const count = Q.sign(whole) > 0 ? whole : Q.ZERO;
      if (s.rec) {
        const dim = dimOf(e.args[0]!, s.state) ?? undefined;
        const tv = (v: Rational) => (dim ? { v: Q.toNumber(v), dim } : { v: Q.toNumber(v) });
        s.rec.steps.push({ step: 'steps', mode, gap: tv(x), unit: tv(y), count: Q.toNumber(count) });
      }
      return count;
    }
  }
}

/** Piecewise linear through the anchors (x, from1, to1, from2, to2, …), flat outside them. */
function interpolate(e: Extract<GExpr, { k: 'fn' }>, s: Scope): Val {
  const x = arg(e, 0, s);
  if (!isNum(x)) return x;
  const n = (e.args.length - 1) / 2;
  let result: Rational | typeof INVALID = INVALID;
  let from: Rational | null = null;
  let to: Rational | null = null;
  let x0: Rational | null = null;
  let y0: Rational | null = null;
  for (let k = 0; k < n; k++) {
    const x1 = arg(e, 2 * k + 1, s);
    const y1 = arg(e, 2 * k + 2, s);
    if (x1 === null || y1 === null) return null;
    if (x1 === INVALID || y1 === INVALID) return INVALID;
    if (k === 0 && Q.compare(x, x1) <= 0) {
      result = y1;
      from = to = x1;
      break;
    }
    if (k > 0 && Q.compare(x, x1) <= 0) {
      result = Q.div(Q.mul(Q.sub(x, x0!), Q.sub(y1, y0!)), Q.sub(x1, x0!)) ?? INVALID;
      if (result !== INVALID) result = Q.add(y0!, result);
      from = x0;
      to = x1;
      break;
    }
    x0 = x1;
    y0 = y1;
    if (k === n - 1) {
      result = y1;
      from = to = x1;
    }
  }
  if (s.rec) {
    const dim = dimOf(e.args[0]!, s.state) ?? undefined;
    const tv = (v: Rational | null) => {
      const p = v === null ? NaN : Q.toNumber(v);
      return dim ? { v: p, dim } : { v: p };
    };
    s.rec.steps.push({ step: 'interpolate', x: tv(x), from: tv(from), to: tv(to), result: withDim(result === INVALID ? NaN : Q.toNumber(result), armDim(e, e.args[2]!, s)) });
  }
  return result;
}

function evalAggregate(e: Extract<GExpr, { k: 'agg' }>, s: Scope): Val {
  const list = evalExpr(e.list, s);
  if (list === null) return null;
  if (!Array.isArray(list)) return INVALID;
  const outer = s.row;
  let count = 0;
  let sum = Q.ZERO;
  let best: Rational | null = null;
  let invalid = false;
  const kept: Rational[] | null = e.fn === 'trimmed_mean' ? [] : null;
  for (const row of list) {
    s.row = row;
    if (e.where) {
      const w = truthy(evalExpr(e.where, s));
      if (w === null) invalid = true;
      if (!w) continue;
    }
    count++;
    if (!e.value) continue;
    const v = num(evalExpr(e.value, s));
    if (!isNum(v)) {
      invalid = true;
      continue;
    }
    sum = Q.add(sum, v);
    if (best === null || (e.fn === 'min' ? Q.compare(v, best) < 0 : Q.compare(v, best) > 0)) best = v;
    kept?.push(v);
  }
  s.row = outer;
  if (invalid) return null;
  const mean = (total: Rational, k: number) => Q.div(total, Q.rational(BigInt(k)))!;
  switch (e.fn) {
    case 'count':
      return Q.rational(BigInt(count));
    case 'any':
      return bool(count > 0);
    case 'all':
      return bool(count === list.length);
    case 'sum':
      return sum;
    case 'mean':
      return count === 0 ? null : mean(sum, count);
    case 'min':
    case 'max':
      return best;
    case 'trimmed_mean': {
      if (count === 0) return null;
      const trim = e.trim;
      if (!trim || count < trim.minCount || count <= 2 * trim.drop) return mean(sum, count);
      kept!.sort(Q.compare);
      const middle = kept!.slice(trim.drop, count - trim.drop);
      return mean(middle.reduce(Q.add, Q.ZERO), middle.length);
    }
  }
}
