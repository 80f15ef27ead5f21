// Evaluating one node over all units of its kind — the seam a faster backend can replace node by node.
// The per-unit rules (`indicatorScore`, `sectionScore`, …) are pure: they read completed columns and
// return a value, optionally noting trace steps; `explain` calls them again for one unit.
import type {
  Adjustment,
  BonusNode,
  GExpr,
  GraphNode,
  IndicatorNode,
  InputNode,
  LinkNode,
  RecordSpec,
  RelationNode,
  SectionNode,
  TotalNode,
} from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { runtimeIssue } from '../issues.js';
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { INVALID, evalExpr, exactOf, isNum, newScope, num, traceValue, truthy, type Reach, type Recorder, type Scope, type Val } from './expr-eval.js';
import {
  DEFAULTED,
  EXEMPT,
  FAILED,
  MISSING,
  NOT_APPLICABLE,
  NOT_IN_PERIOD,
  PEER_MEAN,
  kindUnits,
  reportFailure,
  type Column,
  type EvalState,
  type KindUnits,
} from './state.js';
import type { DatasetUnit } from '../data/dataset.js';
import type { Step, TraceRecord } from '../explanation/trace.js';
import { evaluateTiers } from './tiers.js';
import { parseScalar, type DataRow } from '../data/value-parse.js';
import { fillPeerMean } from './fill-missing.js';

/** The result of one per-unit rule: a value, status bits, and the reason when it failed. */
export interface UnitResult {
  value: number;
  flags: number;
  error: string | null;
}

// One result object reused for every unit: the loops run per unit and read it at once (no allocation).
const current: UnitResult & { raw: Val } = { value: NaN, flags: 0, error: null, raw: null };

function result(value: number, flags = 0, error: string | null = null): UnitResult {
  current.value = value;
  current.flags = flags;
  current.error = error;
  return current;
}

const failed = (error: string): UnitResult => result(NaN, FAILED, error);

export function emptyColumn(node: GraphNode, n: number): Column {
  switch (node.type.t) {
    case 'enum':
      return { t: 'enum', v: new Float64Array(n).fill(NaN), values: node.type.values };
    case 'text':
      return { t: 'text', v: new Array<string | null>(n).fill(null) };
    case 'list':
      return { t: 'list', v: new Array<DataRow[] | null>(n).fill(null) };
    case 'ref':
      return { t: 'ref', v: new Int32Array(n).fill(-1) };
    default:
      return { t: 'num', v: new Float64Array(n).fill(NaN) };
  }
}

/** Store a computed value, or a value read from data (a number as it was read). */
function store(col: Column, i: number, v: Val | number): void {
  switch (col.t) {
    case 'num':
      col.v[i] = typeof v === 'number' ? v : isNum(v) ? Q.toNumber(v) : NaN;
      break;
    case 'enum':
      col.v[i] = typeof v === 'string' ? col.values.indexOf(v) : NaN;
      break;
    case 'text':
      col.v[i] = typeof v === 'string' ? v : null;
      break;
    case 'list':
      col.v[i] = Array.isArray(v) ? v : null;
      break;
    case 'ref':
      break;
  }
}

/** A node the period asked does not evaluate: no value for any unit, and the status that says why. */
export function markNotInPeriod(state: EvalState, node: GraphNode): void {
  const n = kindUnits(state, node.kind).ids.length;
  state.columns.set(node.id, emptyColumn(node, n));
  state.flags.set(node.id, new Uint8Array(n).fill(EXEMPT | NOT_IN_PERIOD));
}

/** Evaluate `node` for every unit of its kind, filling its column and status bits (inputs and relations are
 *  loaded from the data: `loadInput`, `loadRelation`). */
export function evaluateNode(state: EvalState, node: GraphNode): void {
  const units = kindUnits(state, node.kind);
  const n = units.ids.length;
  const col = emptyColumn(node, n);
  const flags = new Uint8Array(n);
  state.columns.set(node.id, col);
  state.flags.set(node.id, flags);
  if (node.role === 'link') return accumulateLink(state, node, col as Extract<Column, { t: 'num' }>);
  if (node.role === 'tiers') return evaluateTiers(state, node, col, flags);
  const scope = newScope(state, node.kind);
  for (let i = 0; i < n; i++) {
    scope.i = i;
    evaluateUnit(scope, node, col, flags);
  }
  if (node.role === 'indicator') fillPeerMeans(state, node, col as Extract<Column, { t: 'num' }>, flags);
}

/** The per-unit rule of a scored or value node for the scope's unit, stored into its column and status bits
 *  (a faster backend calls it for the units it leaves to this evaluator). */
export function evaluateUnit(scope: Scope, node: GraphNode, col: Column, flags: Uint8Array): void {
  const i = scope.i;
  const r = unitValue(scope, node, null);
  if (r.error !== null) reportFailure(scope.state, node, i, r.error);
  flags[i] = r.flags;
  if (node.role === 'value') {
    store(col, i, r.raw);
    exactColumn(scope.state, node.id)[i] = isNum(r.raw) ? r.raw : null;
  } else (col as Extract<Column, { t: 'num' }>).v[i] = r.value;
}

/** The exact values of a value or link node, by unit (the column holds the doubles nearest to them). */
function exactColumn(state: EvalState, id: string): (Rational | null)[] {
  let kept = state.exact.get(id);
  if (!kept) state.exact.set(id, (kept = []));
  return kept;
}

function unitValue(sc: Scope, node: GraphNode, steps: Step[] | null, reach?: Reach): UnitResult & { raw: Val } {
  const own = [node.id, ...(node.role === 'indicator' ? [node.section] : [])];
  const rec: Recorder | null = steps ? (reach ? { steps, seen: new Set(), own, reach } : { steps, seen: new Set(), own }) : null;
  sc.rec = rec;
  let raw: Val = null;
  switch (node.role) {
    case 'value': {
      raw = evalExpr(node.expr, sc);
      if (raw === INVALID) failed(`「${node.text}」的运算无效（除以零或类型不符）`);
      else result(isNum(raw) ? Q.toNumber(raw) : NaN);
      break;
    }
    case 'indicator':
      indicatorScore(sc, node, steps);
      break;
    case 'section':
      sectionScore(sc, node);
      break;
    case 'bonus':
      bonusScore(sc, node, steps);
      break;
    case 'total':
      totalScore(sc, node);
      break;
    default:
      result(NaN);
  }
  sc.rec = null;
  current.raw = raw;
  return current;
}

/** Per-unit rule of any scored node, with trace steps (for explanations) and, for test coverage, the branches taken. */
export function explainUnit(state: EvalState, node: GraphNode, i: number, steps: Step[], reach?: Reach): UnitResult {
  const sc = newScope(state, node.kind);
  sc.i = i;
  return unitValue(sc, node, steps, reach);
}

// ── Inputs and relations ─────────────────────────────────────────────────────

/** An input's column and status bits over the units of its kind, read from their data of `period`. */
export function loadInput(node: InputNode, data: readonly DatasetUnit[], period: string): { column: Column; flags: Uint8Array } {
  const col = emptyColumn(node, data.length);
  const flags = new Uint8Array(data.length);
  let fallback: Val | number = null;
  if (node.missing.kind === 'default') {
    const parsed = node.type.t === 'list' ? null : parseScalar(node.type, { v: node.missing.value });
    fallback = node.type.t === 'list' ? [] : parsed?.ok ? parsed.value : null;
  }
  data.forEach((u, i) => {
    const v = u.periods.get(period)?.values.get(node.id)?.value ?? null;
    if (v !== null) return store(col, i, v);
    if (node.missing.kind === 'default' && fallback !== null) {
      store(col, i, fallback);
      flags[i] = DEFAULTED;
    } else flags[i] = MISSING;
  });
  if (node.missing.kind === 'fill_peer_mean' && col.t === 'num') fillPeerMean(col.v, flags);
  return { column: col, flags };
}

/** A relation's column: the index of each unit's related unit among `target`'s, -1 for none. */
export function loadRelation(node: RelationNode, data: readonly DatasetUnit[], target: KindUnits): Int32Array {
  return Int32Array.from(data, (u) => {
    const id = u.relations.get(node.id)?.id;
    return id == null ? -1 : (target.index.get(id) ?? -1);
  });
}

// ── Adjustments (deductions and additions) ───────────────────────────────────

interface AdjustmentOutcome {
  amount: Rational;
  error: string | null;
}

const adjusted: AdjustmentOutcome = { amount: Q.ZERO, error: null };
function outcome(amount: Rational, error: string | null = null): AdjustmentOutcome {
  adjusted.amount = amount;
  adjusted.error = error;
  return adjusted;
}

/** Whether a condition holds; null for no value or an invalid operation. */
function holds(v: Val): boolean | null {
  return v === INVALID ? null : truthy(v);
}

const failedAdjustment = (error: string): AdjustmentOutcome => outcome(Q.ZERO, error);

/** The record type of a list expression (an input, or one read through a relation); null when not known. */
function recordOf(e: GExpr, state: EvalState): RecordSpec | null {
  if (e.k !== 'node' && e.k !== 'rel') return null;
  const t = state.nodes.get(e.id)?.type;
  return t?.t === 'list' ? (state.graph.records.find((r) => r.name === t.record) ?? null) : null;
}

/** A record as shown in a trace: its fields as read, dates as 'YYYY-MM-DD' rather than day numbers. */
export function traceRecord(row: DataRow, record: RecordSpec | null): TraceRecord {
  const out: TraceRecord = {};
  for (const k of Object.keys(row)) {
    const type = record?.fields.find((f) => f.name === k)?.type ?? null;
    const v = row[k];
    const shown = type?.t === 'date' && typeof v === 'number' ? traceValue(v, type).v : v;
    Object.defineProperty(out, k, { value: shown, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The amount one `deduct`/`add` line gives for the scope's unit (after its cap). */
export function adjustmentAmount(adj: Adjustment, sc: Scope, steps: Step[] | null): AdjustmentOutcome {
  if (adj.when) {
    const c = holds(evalExpr(adj.when, sc));
    if (c === null) return failedAdjustment(`「${adj.text}」的条件读到缺失值`);
    if (!c) return outcome(Q.ZERO);
  }
  let amount = Q.ZERO;
  let count: number | null = null;
  let each: Rational | null = null;
  const records: TraceRecord[] = [];
  const amounts: Rational[] = [];
  let superseded: number[] | undefined;
  if (adj.per) {
    const spec = steps ? recordOf(adj.per, sc.state) : null;
    const list = evalExpr(adj.per, sc);
    if (!Array.isArray(list)) return failedAdjustment(`「${adj.text}」的记录列表缺失`);
    count = 0;
    const outer = sc.row;
    // The records themselves are the explanation: branches taken per record are not traced one by one
    // (test coverage still hears of them).
    const rec = sc.rec;
    sc.rec = rec?.reach ? { steps: [], seen: new Set(), reach: rec.reach } : null;
    let error: string | null = null;
    // `distinct F`: of the records with equal F only the one with the largest amount counts (the first of equals).
    const distinct = adj.distinct ? { best: new Map<unknown, number>(), amounts: [] as Rational[], rows: [] as DataRow[] } : null;
    for (const row of list) {
      sc.row = row;
      if (adj.where) {
        const w = holds(evalExpr(adj.where, sc));
        if (w === null) {
          error = `「${adj.text}」的筛选条件读到缺失值`;
          break;
        }
        if (!w) continue;
      }
      const a = num(evalExpr(adj.amount, sc));
      if (!isNum(a)) {
        error = `「${adj.text}」的分值无法计算`;
        break;
      }
      if (distinct) {
        const key = row[adj.distinct!];
        const j = distinct.best.get(key);
        if (j === undefined || Q.compare(a, distinct.amounts[j]!) > 0) distinct.best.set(key, distinct.amounts.length);
        distinct.amounts.push(a);
        distinct.rows.push(row);
        continue;
      }
      amount = Q.add(amount, a);
      each = count === 0 || (each !== null && Q.compare(each, a) === 0) ? a : null;
      count++;
      if (steps) {
        records.push(traceRecord(row, spec));
        amounts.push(a);
      }
    }
    sc.row = outer;
    sc.rec = rec;
    if (error !== null) return failedAdjustment(error);
    if (distinct) {
      const counted = new Set(distinct.best.values());
      for (const j of [...counted].sort((x, y) => x - y)) {
        const a = distinct.amounts[j]!;
        amount = Q.add(amount, a);
        each = count === 0 || (each !== null && Q.compare(each, a) === 0) ? a : null;
        count++;
      }
      if (steps) {
        distinct.rows.forEach((row) => records.push(traceRecord(row, spec)));
        for (const a of distinct.amounts) amounts.push(a); // one at a time: a list may hold 100 000 records
        superseded = distinct.amounts.flatMap((_, j) => (counted.has(j) ? [] : [j]));
      }
    }
  } else {
    const a = num(evalExpr(adj.amount, sc));
    if (!isNum(a)) return failedAdjustment(`「${adj.text}」的分值无法计算`);
    amount = a;
    each = a;
  }
  let cap: { limit: number; before: number } | null = null;
  if (adj.cap) {
    const limit = num(evalExpr(adj.cap, sc));
    if (!isNum(limit)) return failedAdjustment(`「${adj.text}」的封顶值无法计算`);
    if (Q.compare(amount, limit) > 0) {
      cap = { limit: Q.toNumber(limit), before: Q.toNumber(amount) };
      amount = limit;
    }
  }
  if (steps && (count === null || count > 0)) {
    sc.rec?.reach?.(adj, cap ? 1 : 0);
    steps.push({
      step: 'adjust', direction: adj.direction, text: adj.text, count, each: each && Q.toNumber(each), records,
      ...(each === null || superseded?.length ? { amounts: amounts.map(Q.toNumber) } : {}), ...(superseded?.length ? { superseded } : {}),
      amount: Q.toNumber(amount), cap,
    });
  }
  return outcome(amount);
}

const sums = { deduct: Q.ZERO, add: Q.ZERO, error: null as string | null };

function sumAdjustments(adjs: Adjustment[], sc: Scope, steps: Step[] | null): typeof sums {
  sums.deduct = Q.ZERO;
  sums.add = Q.ZERO;
  sums.error = null;
  for (const adj of adjs) {
    const o = adjustmentAmount(adj, sc, steps);
    if (o.error !== null) {
      sums.error = o.error;
      break;
    }
    if (adj.direction === 'deduct') sums.deduct = Q.add(sums.deduct, o.amount);
    else sums.add = Q.add(sums.add, o.amount);
  }
  return sums;
}

/** Clamped to [0, hi] (no upper bound when hi is null) and rounded to the precision: a score, as stored. */
function clampAndRound(sc: Scope, raw: Rational, hi: Rational | null, precision: number, steps: Step[] | null, limit: 'points' | 'cap'): number {
  let v = raw;
  if (Q.sign(v) < 0) {
    steps?.push({ step: 'clamp', from: Q.toNumber(v), to: 0, limit: 'zero' });
    v = Q.ZERO;
  } else if (hi !== null && Q.compare(v, hi) > 0) {
    steps?.push({ step: 'clamp', from: Q.toNumber(v), to: Q.toNumber(hi), limit });
    v = hi;
  }
  const r = Q.roundTo(v, precision, sc.state.rounding);
  if (steps && Q.compare(r, v) !== 0) steps.push({ step: 'round', from: Q.toNumber(v), to: Q.toNumber(r), precision, mode: sc.state.rounding });
  return Q.toNumber(r);
}

// ── Indicators ───────────────────────────────────────────────────────────────

function anyMissing(state: EvalState, inputs: string[], i: number): boolean {
  for (const id of inputs) if ((state.flags.get(id)![i]! & MISSING) !== 0) return true;
  return false;
}

function missingNames(state: EvalState, inputs: string[], i: number): string[] {
  return inputs.filter((id) => (state.flags.get(id)![i]! & MISSING) !== 0).map((id) => state.nodes.get(id)!.name);
}

/** An indicator's or bonus's score aggregated from the parts of the period; null when it is not scored in parts. */
function fromParts(sc: Scope, node: IndicatorNode | BonusNode, steps: Step[] | null): UnitResult | null {
  const { state, i } = sc;
  const parts = state.partScores.get(node.id);
  if (!parts) return null;
  const v = parts.value[i]!;
  steps?.push({
    step: 'period_parts',
    aggregate: parts.aggregate,
    ...(parts.own ? { own: true as const } : {}),
    parts: parts.parts.map((p, k) => ({ period: p, score: Number.isNaN(parts.scores[k]![i]!) ? null : parts.scores[k]![i]! })),
    value: Number.isNaN(v) ? null : v,
  });
  return Number.isNaN(v) ? result(NaN, EXEMPT) : result(v);
}

export function indicatorScore(sc: Scope, node: IndicatorNode, steps: Step[] | null): UnitResult {
  const { state, i } = sc;
  const parts = fromParts(sc, node, steps);
  if (parts) return parts;
  if (anyMissing(state, node.exemptIfMissing, i)) {
    steps?.push({ step: 'exempt', reason: 'missing', inputs: missingNames(state, node.exemptIfMissing, i) });
    return result(NaN, EXEMPT);
  }
  if (node.exemptWhen) {
    const c = holds(evalExpr(node.exemptWhen, sc));
    if (c === null) return failed('免考条件读到缺失值');
    if (c) {
      steps?.push({ step: 'exempt', reason: 'when', inputs: [] });
      return result(NaN, EXEMPT);
    }
  }
  if (anyMissing(state, node.peerMeanIfMissing, i)) {
    if (steps) {
      const col = state.columns.get(node.id);
      const flags = state.flags.get(node.id)!;
      let peers = 0;
      for (let j = 0; j < flags.length; j++) if (flags[j] === 0) peers++;
      const value = col?.t === 'num' ? col.v[i]! : NaN;
      steps.push({ step: 'peer_mean', inputs: missingNames(state, node.peerMeanIfMissing, i), peers, value });
    }
    return result(NaN, PEER_MEAN);
  }
  const points = exactOf(node.points);
  let base = points;
  if (node.base) {
    if (steps) sc.points = node.base;
    const b = num(evalExpr(node.base, sc));
    if (b === null) return failed('得分公式读到缺失值');
    if (b === INVALID) return failed('得分公式的运算无效（除以零或类型不符）');
    base = b;
  }
  steps?.push({ step: 'base', text: node.baseText, value: Q.toNumber(base) });
  const adj = sumAdjustments(node.adjustments, sc, steps);
  if (adj.error !== null) return failed(adj.error);
  let linked = Q.ZERO;
  for (const id of node.links) {
    const v = linkExact(state, state.nodes.get(id) as LinkNode, i);
    linked = Q.add(linked, v);
    if (steps && Q.sign(v) !== 0) for (const s of linkSteps(state, state.nodes.get(id) as LinkNode, i)) steps.push(s);
  }
  const raw = Q.add(Q.sub(Q.sub(base, adj.deduct), linked), adj.add);
  return result(clampAndRound(sc, raw, points, node.precision, steps, 'points'));
}

/** A unit missing a `peer_mean` input scores the mean of the scores of the units scored normally. */
export function fillPeerMeans(state: EvalState, node: IndicatorNode, col: Extract<Column, { t: 'num' }>, flags: Uint8Array): void {
  if (!flags.includes(PEER_MEAN)) return;
  let sum = Q.ZERO;
  let count = 0;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === 0) {
      sum = Q.add(sum, exactOf(col.v[i]!));
      count++;
    }
  }
  const mean = count > 0 ? Q.toNumber(Q.roundTo(Q.div(sum, Q.rational(BigInt(count)))!, node.precision, state.rounding)) : NaN;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] !== PEER_MEAN) continue;
    if (count === 0) {
      flags[i] = PEER_MEAN | FAILED;
      reportFailure(state, node, i, '缺失值按同级均值计分，但没有任何同级单位有此项得分');
    } else col.v[i] = mean;
  }
}

// ── Linked deductions ────────────────────────────────────────────────────────

function linkSource(state: EvalState, node: LinkNode) {
  const units = kindUnits(state, node.sourceKind);
  const rel = state.columns.get(node.relation) as Extract<Column, { t: 'ref' }>;
  const list = node.list ? (state.columns.get(node.list) as Extract<Column, { t: 'list' }>) : null;
  return { units, rel, list };
}

/**
 * Walk the source units (and their records) of a link, calling `hit` for each deduction that applies; with
 * `only`, just the sources related to that target (an explanation of one unit must not read every source's records).
 */
function walkLink(
  state: EvalState,
  node: LinkNode,
  hit: (source: number, target: number, row: DataRow | null, amount: Rational) => void,
  only: number | null = null,
): void {
  const { units, rel, list } = linkSource(state, node);
  const sc = newScope(state, node.sourceKind);
  const failedSources = new Set<number>();
  const fail = (s: number, why: string) => {
    if (failedSources.has(s)) return;
    failedSources.add(s);
    reportFailure(state, { ...node, kind: node.sourceKind }, s, why);
  };
  for (let s = 0; s < units.ids.length; s++) {
    if (only !== null && rel.v[s] !== only) continue;
    sc.i = s;
    const rows: (DataRow | null)[] = list ? (list.v[s] ?? []) : [null];
    for (const row of rows) {
      sc.row = row;
      if (node.where) {
        const w = holds(evalExpr(node.where, sc));
        if (w === null) {
          fail(s, '关联扣分的条件读到缺失值');
          continue;
        }
        if (!w) continue;
      }
      const amount = num(evalExpr(node.amount, sc));
      if (!isNum(amount)) fail(s, '关联扣分的分值无法计算');
      else if (rel.v[s]! < 0) fail(s, `关联扣分需要关联单位「${state.nodes.get(node.relation)!.name}」，但数据中没有`);
      else hit(s, rel.v[s]!, row, amount);
    }
  }
}

function accumulateLink(state: EvalState, node: LinkNode, col: Extract<Column, { t: 'num' }>): void {
  const sums = new Array<Rational>(col.v.length).fill(Q.ZERO);
  walkLink(state, node, (_s, t, _row, amount) => {
    sums[t] = Q.add(sums[t]!, amount);
  });
  for (let t = 0; t < sums.length; t++) col.v[t] = Q.toNumber(sums[t]!);
  state.exact.set(node.id, sums);
}

/**
 * A link's exact deduction for target unit t: summed by the reference evaluator, or summed again here for a
 * target a kernel summed in doubles (a kernel sums only links that fail nowhere, so nothing is reported twice).
 */
function linkExact(state: EvalState, node: LinkNode, t: number): Rational {
  const kept = exactColumn(state, node.id);
  const known = kept[t];
  if (known) return known;
  let sum = Q.ZERO;
  walkLink(state, node, (_s, _t, _row, amount) => (sum = Q.add(sum, amount)), t);
  kept[t] = sum;
  return sum;
}

function linkSteps(state: EvalState, node: LinkNode, target: number): Step[] {
  const steps: Step[] = [];
  const { units } = linkSource(state, node);
  const errors = state.errors.length;
  walkLink(
    state,
    node,
    (s, _t, row, amount) => {
      const record = row ? traceRecord(row, node.list ? recordOf({ k: 'node', id: node.list }, state) : null) : null;
      steps.push({ step: 'link', text: node.name, source: units.ids[s]!, sourceName: units.names[s] ?? null, record, amount: Q.toNumber(amount) });
    },
    target,
  );
  state.errors.length = errors; // already reported when the link was evaluated
  return steps;
}

// ── Sections, bonuses, totals ────────────────────────────────────────────────

/**
 * What a section is worth in a run for part of the year that leaves some of its indicators out: the share of
 * its points its indicators of the period carry (for a section of points, just their points); null when the
 * period evaluates all of them and the section is worth its points.
 */
export function periodPoints(state: EvalState, node: SectionNode): number | null {
  const p = periodPointsExact(state, node);
  return p && Q.toNumber(p);
}

function periodPointsExact(state: EvalState, node: SectionNode): Rational | null {
  if (!state.scope) return null;
  let all = Q.ZERO;
  let kept = Q.ZERO;
  for (const id of node.indicators) {
    const points = exactOf((state.nodes.get(id) as IndicatorNode).points);
    all = Q.add(all, points);
    if (!state.scope.notInPeriod.has(id)) kept = Q.add(kept, points);
  }
  if (Q.compare(kept, all) === 0) return null;
  const sectionPoints = exactOf(node.points);
  return Q.compare(all, sectionPoints) === 0 ? kept : Q.div(Q.mul(sectionPoints, kept), all);
}

export function sectionScore(sc: Scope, node: SectionNode): UnitResult {
  const { state, i } = sc;
  if (node.when) {
    const c = holds(evalExpr(node.when, sc));
    if (c === null) return failed('板块适用条件读到缺失值');
    if (!c) return result(NaN, NOT_APPLICABLE);
  }
  let sum = Q.ZERO;
  let evaluated = Q.ZERO;
  let all = Q.ZERO; // the points of the indicators the period evaluates
  for (const id of node.indicators) {
    const ind = state.nodes.get(id) as IndicatorNode;
    const f = state.flags.get(id)![i]!;
    if (f & NOT_IN_PERIOD) continue;
    all = Q.add(all, exactOf(ind.points));
    if (f & FAILED) return failed(`指标「${ind.name}」无法计算`);
    if (f & EXEMPT) continue;
    sum = Q.add(sum, exactOf((state.columns.get(id) as Extract<Column, { t: 'num' }>).v[i]!));
    evaluated = Q.add(evaluated, exactOf(ind.points));
  }
  if (Q.sign(evaluated) === 0) return result(NaN, EXEMPT);
  const points = periodPointsExact(state, node) ?? exactOf(node.points);
  let v = node.weight === null && Q.compare(evaluated, all) === 0 ? sum : Q.div(Q.mul(sum, points), evaluated)!;
  if (node.cap && Q.compare(v, points) > 0) v = points;
  return result(Q.toNumber(Q.roundTo(v, node.precision, state.rounding)));
}

export function bonusScore(sc: Scope, node: BonusNode, steps: Step[] | null): UnitResult {
  const parts = fromParts(sc, node, steps);
  if (parts) return parts;
  const adj = sumAdjustments(node.adjustments, sc, steps);
  if (adj.error !== null) return failed(adj.error);
  const hi = node.cap === null ? null : exactOf(node.cap);
  // A deduction on the total (加减分项) is capped on its own, then taken off: its score is at most 0.
  if (node.counts === 'deduction') return result(-clampAndRound(sc, Q.sub(adj.deduct, adj.add), hi, node.precision, steps, 'cap') || 0);
  return result(clampAndRound(sc, Q.sub(adj.add, adj.deduct), hi, node.precision, steps, 'cap'));
}

/** Σ applicable sections + bonuses counted into the total; for individuals, folded with the related total. */
export function ownTotal(state: EvalState, node: TotalNode, i: number): number | string {
  const own = ownTotalExact(state, node, i);
  return typeof own === 'string' ? own : Q.toNumber(own);
}

function ownTotalExact(state: EvalState, node: TotalNode, i: number): Rational | string {
  let own = Q.ZERO;
  for (const id of [...node.sections, ...node.bonuses]) {
    const f = state.flags.get(id)![i]!;
    if (f & FAILED) return `「${state.nodes.get(id)!.name}」无法计算`;
    if (f & (NOT_APPLICABLE | EXEMPT)) continue;
    own = Q.add(own, exactOf((state.columns.get(id) as Extract<Column, { t: 'num' }>).v[i]!));
  }
  return own;
}

export function totalScore(sc: Scope, node: TotalNode): UnitResult {
  const { state, i } = sc;
  const own = ownTotalExact(state, node, i);
  if (typeof own === 'string') return failed(own);
  let v = own;
  if (node.individual) {
    const share = num(evalExpr(node.individual.share, sc));
    const rel = state.columns.get(node.individual.relation) as Extract<Column, { t: 'ref' }>;
    const j = rel.v[i]!;
    const relKind = (state.nodes.get(node.individual.relation) as RelationNode).target;
    const relTotal = state.totals.get(relKind);
    if (!isNum(share)) return failed(`占比「${node.individual.shareText}」无法计算`);
    if (j < 0 || !relTotal) return failed('个人绩效需要所属单位的总分，但没有关联单位');
    const other = (state.columns.get(relTotal.id) as Extract<Column, { t: 'num' }>).v[j]!;
    if (state.flags.get(relTotal.id)![j]! & NOT_IN_PERIOD) return failed(`所属单位的总分不在本期（${state.scope!.period}）考评之列`);
    if (Number.isNaN(other)) return failed('所属单位的总分无法计算');
    v = Q.add(Q.mul(share, exactOf(other)), Q.mul(Q.sub(Q.ONE, share), own));
  }
  return result(Q.toNumber(Q.roundTo(v, node.precision, state.rounding)));
}
