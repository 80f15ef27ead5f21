// The expression interpreter: the value of a GExpr for one unit (and, inside aggregates and per-record
// adjustments, one record). Values are numbers (booleans 1/0, dates in days), strings (enum members,
// text) or record lists; null is "no value" and propagates; NaN marks an invalid operation (÷0).
// With a recorder it also notes every value read and every branch taken, for explanations.
import type { Dimension, GExpr, GraphNode, ValueType } from './graph.js';
import { addExact, ceilExact, compareExact, floorExact, roundTo } from './exact.js';
import { populationStat } from './population.js';
import { DEFAULTED, UNUSABLE, type EvalState } from './state.js';
import type { Step, TraceValue } from './trace.js';
import type { DataRow } from './value-parse.js';

/** The steps functions by their trace mode. */
const STEP_MODES = { steps_whole: 'whole', steps_pro_rata: 'pro_rata', steps_round_up: 'round_up' } as const;

export type Val = number | string | DataRow[] | null;

export interface Recorder {
  steps: Step[];
  seen: Set<string>;
}

/** Where an expression is evaluated. Mutated in place from unit to unit (no allocation per unit). */
export interface Scope {
  state: EvalState;
  kind: string;
  i: number;
  row: DataRow | null;
  rec: Recorder | null;
}

export function newScope(state: EvalState, kind: string, rec: Recorder | null = null): Scope {
  return { state, kind, i: 0, row: null, rec };
}

const DAY_MS = 86_400_000;

export function traceValue(v: Val | boolean, type: ValueType | null): TraceValue {
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
      if (e.fn === 'rank' || e.fn === 'rank_asc' || e.fn === 'in_top' || e.fn === 'in_bottom') return null;
      const t = state.nodes.get(e.of)?.type;
      return t?.t === 'num' ? t.dim : null;
    }
    case 'neg':
      return dimOf(e.a, state);
    case 'arith':
      if (e.op === '/') {
        const a = dimOf(e.a, state);
        return a !== null && a === dimOf(e.b, state) ? 'percent' : a;
      }
      return dimOf(e.a, state) ?? dimOf(e.b, state);
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
      return Number.isNaN(x) ? null : x;
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

function record(s: Scope, node: GraphNode, v: Val, j: number, via: { relation: string; unit: string } | null): void {
  const rec = s.rec!;
  const key = via ? `${via.relation}.${node.id}` : node.id;
  if (rec.seen.has(key)) return;
  rec.seen.add(key);
  const step: Step = { step: 'read', name: node.name, value: traceValue(v, node.type) };
  if (via) step.via = via;
  if ((s.state.flags.get(node.id)?.[j] ?? 0) & DEFAULTED) step.defaulted = true;
  rec.steps.push(step);
}

function truthy(v: Val): boolean | null {
  return v === null ? null : v !== 0 && v !== '';
}

function compare(op: string, a: Val, b: Val): Val {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
    const c = compareExact(a, b);
    switch (op) {
      case '==': return c === 0 ? 1 : 0;
      case '!=': return c !== 0 ? 1 : 0;
      case '<': return c < 0 ? 1 : 0;
      case '<=': return c <= 0 ? 1 : 0;
      case '>': return c > 0 ? 1 : 0;
      default: return c >= 0 ? 1 : 0;
    }
  }
  if (op === '==') return a === b ? 1 : 0;
  if (op === '!=') return a !== b ? 1 : 0;
  return NaN;
}

function num(v: Val): number | null {
  return typeof v === 'number' ? v : v === null ? null : NaN;
}

export function evalExpr(e: GExpr, s: Scope): Val {
  switch (e.k) {
    case 'num':
    case 'date':
      return e.v;
    case 'str':
    case 'enum':
      return e.v;
    case 'bool':
      return e.v ? 1 : 0;
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
      return v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    case 'neg': {
      const a = num(evalExpr(e.a, s));
      return a === null ? null : -a;
    }
    case 'not': {
      const a = truthy(evalExpr(e.a, s));
      return a === null ? null : a ? 0 : 1;
    }
    case 'arith': {
      const a = num(evalExpr(e.a, s));
      const b = num(evalExpr(e.b, s));
      if (a === null || b === null) return null;
      switch (e.op) {
        case '+': return addExact(a, b);
        case '-': return addExact(a, -b);
        case '*': return a * b;
        default: return b === 0 ? NaN : a / b;
      }
    }
    case 'cmp':
      return compare(e.op, evalExpr(e.a, s), evalExpr(e.b, s));
    case 'logic': {
      const a = truthy(evalExpr(e.a, s));
      if (e.op === 'and' && a === false) return 0;
      if (e.op === 'or' && a === true) return 1;
      const b = truthy(evalExpr(e.b, s));
      if (a === null || b === null) return (e.op === 'and' && b === false) ? 0 : (e.op === 'or' && b === true) ? 1 : null;
      return b ? 1 : 0;
    }
    case 'if': {
      const c = truthy(evalExpr(e.c, s));
      if (c === null) return null;
      const v = evalExpr(c ? e.t : e.e, s);
      if (s.rec) s.rec.steps.push({ step: 'branch', form: 'if', subject: null, arm: c ? 'then' : 'else', value: { v: typeof v === 'number' || typeof v === 'string' ? v : null } });
      return v;
    }
    case 'band': {
      const x = evalExpr(e.x, s);
      if (x === null) return null;
      for (const arm of e.arms) {
        const bound = evalExpr(arm.bound, s);
        const hit = compare(arm.op, x, bound);
        if (hit === null || Number.isNaN(hit)) return hit;
        if (hit === 1) return branch(s, e.x, x, `${arm.op} ${showBound(bound, dimOf(e.x, s.state))}`, evalExpr(arm.v, s));
      }
      return branch(s, e.x, x, 'else', evalExpr(e.else, s));
    }
    case 'match': {
      const x = evalExpr(e.x, s);
      if (x === null) return null;
      for (const arm of e.arms)
        if (arm.values.includes(String(x))) return branch(s, e.x, x, arm.values.join('、'), evalExpr(arm.v, s), 'match');
      return e.else ? branch(s, e.x, x, 'else', evalExpr(e.else, s), 'match') : NaN;
    }
    case 'fn':
      return evalFn(e, s);
    case 'agg':
      return evalAggregate(e, s);
    case 'pop': {
      const v = populationStat(s.state, e.fn, e.of, e.share)[s.i]!;
      return Number.isNaN(v) ? null : v;
    }
  }
}

function showBound(b: Val, dim: Dimension | null): string {
  if (typeof b !== 'number') return String(b);
  return dim === 'percent' ? `${+(b * 100).toPrecision(12)}%` : String(b);
}

function branch(s: Scope, xe: GExpr, x: Val, arm: string, v: Val, form: 'band' | 'match' = 'band'): Val {
  if (s.rec) {
    const dim = dimOf(xe, s.state);
    s.rec.steps.push({
      step: 'branch',
      form,
      subject: typeof x === 'number' || typeof x === 'string' ? (dim ? { v: x, dim } : { v: x }) : null,
      arm,
      value: { v: typeof v === 'number' || typeof v === 'string' ? v : null },
    });
  }
  return v;
}

/** A numeric argument: null for "no value", NaN for anything not a number. */
function arg(e: Extract<GExpr, { k: 'fn' }>, k: number, s: Scope): number | null {
  return num(evalExpr(e.args[k]!, s));
}

function evalFn(e: Extract<GExpr, { k: 'fn' }>, s: Scope): Val {
  switch (e.fn) {
    case 'progress':
      return s.state.progress;
    case 'min':
    case 'max': {
      // No argument array: this runs once per unit.
      let best: number | null = null;
      for (let k = 0; k < e.args.length; k++) {
        const v = arg(e, k, s);
        if (v === null || Number.isNaN(v)) return v;
        if (best === null || (e.fn === 'min' ? compareExact(v, best) < 0 : compareExact(v, best) > 0)) best = v;
      }
      return best;
    }
    case 'interpolate':
      return interpolate(e, s);
  }
  const x = arg(e, 0, s);
  const y = e.args.length > 1 ? arg(e, 1, s) : 0;
  const z = e.args.length > 2 ? arg(e, 2, s) : 0;
  if (x === null || y === null || z === null) return null;
  if (Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(z)) return NaN;
  switch (e.fn) {
    case 'abs':
      return Math.abs(x);
    case 'clamp':
      return compareExact(x, y) < 0 ? y : compareExact(x, z) > 0 ? z : x;
    case 'round':
      return roundTo(x, y, s.state.rounding);
    default: {
      if (y === 0) return NaN;
      const q = x / y;
      const mode = STEP_MODES[e.fn as keyof typeof STEP_MODES];
      const count = mode === 'whole' ? Math.max(0, floorExact(q)) : mode === 'round_up' ? Math.max(0, ceilExact(q)) : compareExact(q, 0) > 0 ? q : 0;
      if (s.rec) {
        const dim = dimOf(e.args[0]!, s.state) ?? undefined;
        s.rec.steps.push({
          step: 'steps',
          mode,
          gap: dim ? { v: x, dim } : { v: x },
          unit: dim ? { v: y, dim } : { v: y },
          count,
        });
      }
      return count;
    }
  }
}

/** Piecewise linear through the anchors (x, from1, to1, from2, to2, …), flat outside them. */
function interpolate(e: Extract<GExpr, { k: 'fn' }>, s: Scope): Val {
  const x = arg(e, 0, s);
  if (x === null || Number.isNaN(x)) return x;
  const n = (e.args.length - 1) / 2;
  let result = NaN;
  let from = NaN;
  let to = NaN;
  let x0 = NaN;
  let y0 = NaN;
  for (let k = 0; k < n; k++) {
    const x1 = arg(e, 2 * k + 1, s);
    const y1 = arg(e, 2 * k + 2, s);
    if (x1 === null || y1 === null) return null;
    if (k === 0 && compareExact(x, x1) <= 0) {
      result = y1;
      from = to = x1;
      break;
    }
    if (k > 0 && compareExact(x, x1) <= 0) {
      result = y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
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
    const tv = (v: number) => (dim ? { v, dim } : { v });
    s.rec.steps.push({ step: 'interpolate', x: tv(x), from: tv(from), to: tv(to), result: { v: result } });
  }
  return result;
}

function evalAggregate(e: Extract<GExpr, { k: 'agg' }>, s: Scope): Val {
  const list = evalExpr(e.list, s);
  if (list === null) return null;
  if (!Array.isArray(list)) return NaN;
  const outer = s.row;
  let count = 0;
  let sum = 0;
  let best: number | null = null;
  let invalid = false;
  const kept: number[] | null = e.fn === 'trimmed_mean' ? [] : null;
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
    if (v === null || Number.isNaN(v)) {
      invalid = true;
      continue;
    }
    sum += v;
    if (best === null || (e.fn === 'min' ? compareExact(v, best) < 0 : compareExact(v, best) > 0)) best = v;
    kept?.push(v);
  }
  s.row = outer;
  if (invalid) return null;
  switch (e.fn) {
    case 'count':
      return count;
    case 'any':
      return count > 0 ? 1 : 0;
    case 'all':
      return count === list.length ? 1 : 0;
    case 'sum':
      return sum;
    case 'mean':
      return count === 0 ? null : sum / count;
    case 'min':
    case 'max':
      return best;
    case 'trimmed_mean': {
      if (count === 0) return null;
      const trim = e.trim;
      if (!trim || count < trim.minCount || count <= 2 * trim.drop) return sum / count;
      kept!.sort((a, b) => compareExact(a, b));
      const middle = kept!.slice(trim.drop, count - trim.drop);
      return middle.reduce((a, b) => a + b, 0) / middle.length;
    }
  }
}
