// Evaluation: check the data for the period asked, evaluate the graph's nodes in order over all units,
// skip bad units only when asked to (and say which and why), and build the results.
import type { BonusNode, GraphNode, IndicatorMeta, IndicatorNode, PeriodAggregate, InputNode, RelationNode, RuleGraph, TiersNode, TotalNode } from '../../graph/graph.js';
import { referencedNodes } from '../../graph/graph-schema.js';
import { checkDataset, readJsonDataset, SINGLE_PERIOD, type Dataset, type DatasetUnit } from '../data/dataset.js';
import * as Q from './rational.js';
import { message } from '../../messages/index.js';
import { appendIssues, boundedIssues, dataIssue, hasErrors, runtimeIssue, type RuntimeIssue } from '../issues.js';
import { loadInput, loadRelation, markNotInPeriod } from './node-eval.js';
import { exactValueOf } from './expr-eval.js';
import { referenceBackend, type Backend } from './backend.js';
import { kernelsBackend } from './kernels/kernels.js';
import type { RecordColumns } from './kernels/kernels-lists.js';
import { columnarData, isColumnar, type ColumnarDataset } from './columnar-dataset.js';
import { computeRanks } from './tiers.js';
import {
  EXEMPT,
  FAILED,
  cadencesUpTo,
  type Column,
  type EvalState,
  type KindUnits,
  type PartScores,
  type PeriodScope,
  type SubCadence,
} from './state.js';
import { buildResults, type Results } from '../results/results.js';

export interface EvaluateOptions {
  /** the period to evaluate: a period in the data, or an aggregated period declared by the policy */
  period?: string;
  /** evaluate the other units when some units' data is bad (they are listed in `skipped`) */
  skipBadUnits?: boolean;
  /** include each unit's explanation in the results */
  traces?: boolean;
  /** what evaluates the nodes (backend.ts): by name, or an implementation; by default the fastest that
   *  supports the graph (runtime/README.md) */
  backend?: BackendName | Backend;
  /** called after each node is evaluated over all units: `done` of `total` node evaluations (all passes of
   *  an aggregated period count); an evaluation that skips bad units and starts again counts from 0 again */
  onProgress?: (done: number, total: number) => void;
  /** node ids to evaluate besides the results (what a warning reads), with what they read */
  alsoEvaluate?: readonly string[];
}

export interface Evaluation {
  results: Results | null;
  issues: RuntimeIssue[];
}

/** Data as accepted by the API: a checked dataset, columns (columnar-dataset.ts), or the JSON form (text or parsed). */
export type DataInput = Dataset | ColumnarDataset | unknown;

export const BACKENDS = { kernels: kernelsBackend(referenceBackend), reference: referenceBackend } as const;
export type BackendName = keyof typeof BACKENDS;

/** The backend asked for, or the fastest that evaluates the graph (the kernels hand back what they cannot). */
export function chooseBackend(graph: RuleGraph, choice: BackendName | Backend | undefined): Backend {
  const asked = typeof choice === 'string' ? BACKENDS[choice] : choice;
  if (asked) {
    const why = asked.unsupported(graph);
    if (why !== null) throw new Error(`backend ${asked.name} cannot evaluate this graph: ${why}`);
    return asked;
  }
  return [BACKENDS.kernels, BACKENDS.reference].find((b) => b.unsupported(graph) === null)!;
}

/** One input's or relation's data over the units of its kind: its column, status bits and, for a record
 *  list given as columns, those columns. */
export interface LoadedColumn {
  column: Column;
  flags: Uint8Array;
  records?: RecordColumns;
}

/**
 * Data as the driver reads it, whatever form it came in (JSON, tables, columns, streamed CSV): the units of
 * each kind, sorted by id, and each input's and relation's column for a data period.
 */
export interface UnitData {
  kinds: Map<string, KindUnits>;
  load(node: InputNode | RelationNode, period: string): LoadedColumn;
}

function isDataset(x: unknown): x is Dataset {
  return typeof x === 'object' && x !== null && 'raw' in x && 'graph' in x && Array.isArray((x as Dataset).units);
}

export function toDataset(graph: RuleGraph, data: DataInput): Dataset {
  if (isDataset(data)) return data.graph === graph ? data : checkDataset(graph, data.raw);
  return checkDataset(graph, readJsonDataset(data));
}

const CADENCES: [RegExp, SubCadence][] = [
  [/^\d{4}Q[1-4]$/, 'quarterly'],
  [/^\d{4}M(0[1-9]|1[0-2])$/, 'monthly'],
  [/^\d{4}H[12]$/, 'half_yearly'],
];

/** The cadence of a period by its name; null for a year, or a name of another form (evaluated whole). */
export function cadenceOf(period: string): SubCadence | null {
  return CADENCES.find(([re]) => re.test(period))?.[1] ?? null;
}

/**
 * Whether an indicator whose declared period is `declared` is evaluated in a run for a period of `cadence`
 * (null: a year). A run for part of the year evaluates the indicators of its cadence or a finer one (a
 * quarter: quarterly and monthly ones); annual, realtime and undeclared indicators are scored on a year.
 */
export function evaluatedIn(declared: IndicatorMeta['period'], cadence: SubCadence | null): boolean {
  return cadence === null || (cadencesUpTo(cadence) as (string | null)[]).includes(declared);
}

/** What a run for `period` leaves out, or null when it evaluates everything (a year). */
export function periodScope(graph: RuleGraph, period: string | undefined): PeriodScope | null {
  const cadence = period === undefined ? null : cadenceOf(period);
  if (cadence === null) return null;
  const out = new Set<string>();
  // Graph order puts indicators before their sections, and sections and bonuses before their totals.
  for (const n of graph.nodes) {
    const left =
      n.role === 'indicator'
        ? !evaluatedIn(n.meta.period, cadence)
        : n.role === 'section'
          ? n.indicators.every((id) => out.has(id))
          : n.role === 'total'
            ? [...n.sections, ...n.bonuses].every((id) => out.has(id))
            : n.role === 'bonus'
              ? // A bonus without a period counts in a year only; with one, like an indicator of that period.
                n.period === undefined || !evaluatedIn(n.period, cadence)
              : n.role === 'tiers'; // tiers allot the year's result
    if (left) out.add(n.id);
  }
  return { period: period!, cadence, notInPeriod: out };
}

/** The notice that a run for part of the year allots no tiers (they are the year's result). */
function tiersNotices(graph: RuleGraph, scope: PeriodScope): RuntimeIssue[] {
  return graph.nodes
    .filter((n): n is TiersNode => n.role === 'tiers')
    .map((n) => runtimeIssue('KR303', message('KR303', 'partOfYear', { tiers: n.name, cadence: scope.cadence, period: scope.period }), {
      severity: 'warning', kind: n.kind, node: n.name, span: n.span,
    }));
}

/** The share of the year elapsed at the end of a period (2021Q2 → 50%); 1 for a whole year or unknown form. */
export function progressOf(period: string): number {
  const m = /^\d{4}(?:Q([1-4])|M(\d\d)|H([12]))$/.exec(period);
  if (!m) return 1;
  if (m[1]) return Number(m[1]) / 4;
  if (m[2]) return Number(m[2]) / 12;
  return Number(m[3]) / 2;
}

/** One evaluation pass: which data period to read, which nodes to evaluate, what the period leaves out. */
export interface Pass {
  dataPeriod: string;
  nodes: GraphNode[];
  progress: number;
  scope: PeriodScope | null;
}

export interface Plan {
  label: string | null;
  parts: Pass[]; // per part of an aggregated period
  cadence: PartsItem[]; // indicators and bonuses aggregated from the parts
  aggregate: PeriodAggregate;
  final: Pass;
}

/** What each node reads, found once per graph (a graph is not changed once loaded): every evaluation plans. */
const readsOf = new WeakMap<RuleGraph, Map<string, GraphNode[]>>();

function reads(graph: RuleGraph): Map<string, GraphNode[]> {
  let found = readsOf.get(graph);
  if (!found) {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    found = new Map(graph.nodes.map((n) => [n.id, referencedNodes(n).map((id) => byId.get(id)!)]));
    readsOf.set(graph, found);
  }
  return found;
}

/** `roots` and what they read, not reading past `stopAt` and leaving `leaveOut` out altogether. */
function closure(graph: RuleGraph, roots: GraphNode[], stopAt: Set<string> = new Set(), leaveOut: Set<string> = new Set()): GraphNode[] {
  const readBy = reads(graph);
  const keep = new Set<string>();
  const visit = (n: GraphNode) => {
    if (keep.has(n.id) || leaveOut.has(n.id)) return;
    keep.add(n.id);
    if (stopAt.has(n.id)) return;
    for (const d of readBy.get(n.id)!) visit(d);
  };
  roots.forEach(visit);
  return graph.nodes.filter((n) => keep.has(n.id));
}

/** The nodes a period's own pass evaluates: what the results need, down to the indicators aggregated from
 *  the parts (`fromParts`), without what the period leaves out. */
function periodNodes(graph: RuleGraph, fromParts: Set<string>, scope: PeriodScope | null, extra: readonly string[]): GraphNode[] {
  const also = new Set(extra);
  const roots = graph.nodes.filter((n) => ['indicator', 'section', 'bonus', 'total', 'tiers'].includes(n.role) || also.has(n.id));
  return closure(graph, roots, fromParts, scope?.notInPeriod);
}

/** An item scored in each part of an aggregated period of its cadence, then aggregated. */
type PartsItem = IndicatorNode | BonusNode;

/** The period an indicator or bonus declares (undefined for other nodes, or none declared). */
function itemPeriod(n: GraphNode): string | undefined {
  return n.role === 'indicator' ? (n.meta.period ?? undefined) : n.role === 'bonus' ? n.period : undefined;
}

/** The passes a run for `period` makes over data of these periods (`[SINGLE_PERIOD]` for one-period data); null (reported) when it cannot. */
export function plan(
  graph: RuleGraph, periods: readonly string[], period: string | undefined, issues: RuntimeIssue[], extra: readonly string[] = [],
): Plan | null {
  const scope = periodScope(graph, period);
  // A year reads every input of the data; a part of the year only those of the indicators it evaluates.
  const nodes = scope ? periodNodes(graph, new Set(), scope, extra) : graph.nodes;
  const all: Pass = { dataPeriod: SINGLE_PERIOD, nodes, progress: progressOf(period ?? ''), scope };
  if (scope) appendIssues(issues, tiersNotices(graph, scope));
  const aggregated = period !== undefined ? graph.periods.find((p) => p.period === period) : undefined;
  const single = periods.length === 0 || (periods.length === 1 && periods[0] === SINGLE_PERIOD);
  if (single && !aggregated) return { label: period ?? null, parts: [], cadence: [], aggregate: 'mean', final: all };
  if (single) {
    issues.push(dataIssue('KR231', message('KR231', 'summed', { period: period!, parts: aggregated!.parts }), { path: 'units' }));
    return null;
  }
  if (period === undefined) {
    issues.push(dataIssue('KR231', message('KR231', 'several', { periods: [...periods], more: false }), { path: 'units' }));
    return null;
  }
  if (!aggregated) {
    if (!periods.includes(period)) {
      issues.push(dataIssue('KR231', message('KR231', 'missing', { period, known: [...periods] }), { path: 'units' }));
      return null;
    }
    return { label: period, parts: [], cadence: [], aggregate: 'mean', final: { ...all, dataPeriod: period } };
  }
  const cadenceName = cadenceOf(aggregated.parts[0]!);
  const cadence = graph.nodes.filter((n): n is PartsItem => cadenceName !== null && itemPeriod(n) === cadenceName);
  const partNodes = closure(graph, cadence);
  const cadenceIds = new Set(cadence.map((c) => c.id));
  return {
    label: period,
    parts: aggregated.parts.map((p) => ({ dataPeriod: p, nodes: partNodes, progress: progressOf(p), scope: null })),
    cadence,
    aggregate: aggregated.aggregate,
    final: { dataPeriod: period, nodes: periodNodes(graph, cadenceIds, scope, extra), progress: progressOf(period), scope },
  };
}

/** Values the passes need but the data lacks (inputs whose missing treatment is `error`, or that are filled
 *  with the peers' mean when no peer has a value). */
function missingValues(ds: Dataset, p: Plan, skipped: ReadonlyMap<string, unknown>): RuntimeIssue[] {
  const issues: RuntimeIssue[] = [];
  for (const pass of [...p.parts, p.final]) {
    const given = (n: GraphNode) => ds.units.some((u) => u.kind === n.kind && !skipped.has(u.id) && (u.periods.get(pass.dataPeriod)?.values.get(n.id)?.value ?? null) !== null);
    const needed = pass.nodes.filter((n) => n.role === 'input' && (n.missing.kind === 'error' || (n.missing.kind === 'fill_peer_mean' && !given(n))));
    const kinds = new Set(pass.nodes.map((n) => n.kind));
    for (const u of ds.units) {
      if (skipped.has(u.id) || !kinds.has(u.kind)) continue;
      const who = { unit: u.id, kind: u.kind };
      const data = u.periods.get(pass.dataPeriod);
      const inputs = needed.filter((n) => n.kind === u.kind);
      if (!data) {
        if (inputs.length > 0 || pass.dataPeriod !== SINGLE_PERIOD)
          issues.push(dataIssue('KR232', message('KR232', 'missing', { period: pass.dataPeriod }), u.at, who));
        continue;
      }
      for (const n of inputs) {
        const v = data.values.get(n.id);
        if (v && (v.value !== null || v.invalid)) continue;
        const text = n.role === 'input' && n.missing.kind === 'fill_peer_mean' ? message('KR230', 'noPeer')
          : message('KR230', v ? (v.at.file !== undefined ? 'emptyCell' : 'emptyValue') : 'missing');
        issues.push(dataIssue('KR230', text, v?.at ?? data.at, { ...who, field: n.name }));
      }
    }
  }
  return issues;
}

/** A checked dataset's units (JSON or tables) as the driver reads them. */
function datasetData(graph: RuleGraph, units: DatasetUnit[]): UnitData {
  const kinds = new Map<string, KindUnits>();
  const data = new Map<string, DatasetUnit[]>();
  for (const k of graph.kinds) {
    const list = units.filter((u) => u.kind === k.name);
    data.set(k.name, list);
    kinds.set(k.name, { kind: k.name, ids: list.map((u) => u.id), names: list.map((u) => u.name), index: new Map(list.map((u, i) => [u.id, i])) });
  }
  return {
    kinds,
    load(node, period) {
      const list = data.get(node.kind) ?? [];
      if (node.role === 'input') return loadInput(node, list, period);
      return { column: { t: 'ref', v: loadRelation(node, list, kinds.get(node.target)!) }, flags: new Uint8Array(list.length) };
    },
  };
}

/** A pass's empty state over these units (for an engine that reads its values back into the columns). */
export function newState(graph: RuleGraph, units: DatasetUnit[], pass: Pass, partScores: Map<string, PartScores>): EvalState {
  return passState(graph, datasetData(graph, units).kinds, pass, partScores);
}

function passState(graph: RuleGraph, kinds: Map<string, KindUnits>, pass: Pass, partScores: Map<string, PartScores>): EvalState {
  const totals = new Map<string, TotalNode>();
  const tiersOf = new Map<string, TiersNode>();
  for (const n of graph.nodes) {
    if (n.role === 'total') totals.set(n.kind, n);
    if (n.role === 'tiers' && !tiersOf.has(n.kind)) tiersOf.set(n.kind, n);
  }
  return {
    graph,
    rounding: graph.policy.rounding,
    nodes: new Map(graph.nodes.map((n) => [n.id, n])),
    kinds,
    columns: new Map(),
    flags: new Map(),
    population: new Map(),
    exact: new Map(),
    records: new Map(),
    bounds: new Map(),
    totals,
    tiersOf,
    tierOutcomes: new Map(),
    ranks: new Map(),
    partScores,
    progress: pass.progress,
    scope: pass.scope,
    errors: [],
    warnings: [],
    exactValue(id, i) {
      return exactValueOf(this, id, i);
    },
  };
}

/** Counts node evaluations for `onProgress` across the passes of one attempt. */
interface Progress {
  done: number;
  total: number;
  report: (done: number, total: number) => void;
}

/** The driver: one pass of the plan over the data, its inputs and relations loaded, the rest by the backend. */
function runPass(graph: RuleGraph, data: UnitData, pass: Pass, partScores: Map<string, PartScores>, backend: Backend, progress: Progress | null): EvalState {
  const state = passState(graph, data.kinds, pass, partScores);
  for (const id of pass.scope?.notInPeriod ?? []) markNotInPeriod(state, state.nodes.get(id)!);
  for (const node of pass.nodes) {
    if (node.role === 'input' || node.role === 'relation') {
      const loaded = data.load(node, pass.dataPeriod);
      state.columns.set(node.id, loaded.column);
      state.flags.set(node.id, loaded.flags);
      if (loaded.records) state.records.set(node.id, loaded.records);
    } else backend.evaluateNode(state, node);
    if (progress) progress.report(++progress.done, progress.total);
  }
  computeRanks(state);
  return state;
}

/** The passes of a plan: each part of an aggregated period, then the period's own; null when a pass has errors. */
function runPlan(graph: RuleGraph, data: UnitData, p: Plan, opts: EvaluateOptions, backend: Backend): { state: EvalState | null; errors: RuntimeIssue[]; warnings: RuntimeIssue[] } {
  const progress = opts.onProgress
    ? { done: 0, total: [...p.parts, p.final].reduce((n, pass) => n + pass.nodes.length, 0), report: opts.onProgress }
    : null;
  const partStates = p.parts.map((pass) => runPass(graph, data, pass, new Map(), backend, progress));
  const partErrors = partStates.flatMap((s) => s.errors);
  const state = partErrors.length > 0 ? null : runPass(graph, data, p.final, aggregateParts(p, partStates), backend, progress);
  const errors = state ? state.errors : partErrors;
  return { state: errors.length === 0 ? state : null, errors, warnings: [...partStates.flatMap((s) => s.warnings), ...(state?.warnings ?? [])] };
}

function aggregateParts(p: Plan, states: EvalState[]): Map<string, PartScores> {
  const out = new Map<string, PartScores>();
  for (const node of p.cadence) {
    const aggregate = node.partsBy ?? p.aggregate;
    const scores = states.map((s) => {
      const v = Float64Array.from(s.columns.get(node.id)!.v as Float64Array);
      const f = s.flags.get(node.id)!;
      for (let i = 0; i < v.length; i++) if (f[i]! & (EXEMPT | FAILED)) v[i] = NaN;
      return v;
    });
    const n = scores[0]?.length ?? 0;
    const value = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      const present = scores.map((s) => s[i]!).filter((x) => !Number.isNaN(x));
      if (present.length === 0) continue;
      const sum = present.reduce((a, b) => Q.add(a, Q.fromNumber(b)), Q.ZERO);
      const v = aggregate === 'sum' ? sum : aggregate === 'last' ? Q.fromNumber(present[present.length - 1]!) : Q.div(sum, Q.rational(BigInt(present.length)))!;
      value[i] = Q.toNumber(Q.roundTo(v, node.precision, states[0]!.rounding));
    }
    out.set(node.id, { aggregate, own: node.partsBy !== undefined, parts: p.parts.map((x) => x.dataPeriod), scores, value });
  }
  return out;
}

export interface Run {
  state: EvalState | null;
  label: string | null;
  skipped: Map<string, { kind: string; reasons: string[] }>;
  issues: RuntimeIssue[];
}

/** Evaluate to the final state (shared by `evaluate`, `explain` and `runTests`). */
export function run(graph: RuleGraph, data: DataInput, opts: EvaluateOptions = {}): Run {
  const backend = chooseBackend(graph, opts.backend);
  if (isColumnar(data)) return runColumns(graph, data, opts, backend);
  const ds = toDataset(graph, data);
  const issues: RuntimeIssue[] = [...ds.issues];
  // Data refused as a whole (not JSON, too large, not a workbook…) has no units: a plan would only add
  // follow-up errors about periods it does not have.
  const refused = ds.units.length === 0 && hasErrors(issues);
  const p = refused ? null : plan(graph, ds.periods, opts.period, issues, opts.alsoEvaluate);
  const skipped = new Map<string, { kind: string; reasons: string[] }>();
  const fail = (): Run => ({ state: null, label: p?.label ?? null, skipped, issues: boundedIssues(issues) });
  if (!p) return fail();
  appendIssues(issues, missingValues(ds, p, skipped));
  const kindOf = new Map(ds.units.map((u) => [u.id, u.kind]));
  const skip = (list: RuntimeIssue[]) => {
    for (const i of list) {
      if (i.severity !== 'error' || i.unit === undefined || !kindOf.has(i.unit)) continue;
      const entry = skipped.get(i.unit) ?? { kind: kindOf.get(i.unit)!, reasons: [] };
      entry.reasons.push(i.message);
      skipped.set(i.unit, entry);
    }
  };
  const fatal = (list: RuntimeIssue[]) => list.some((i) => i.severity === 'error' && (i.unit === undefined || !kindOf.has(i.unit)));
  if (hasErrors(issues)) {
    if (!opts.skipBadUnits || fatal(issues)) return fail();
    skip(issues);
  }
  for (;;) {
    // A unit related to a skipped unit is skipped too: its relation would dangle.
    for (let changed = true; changed; ) {
      changed = false;
      for (const u of ds.units) {
        if (skipped.has(u.id)) continue;
        const gone = [...u.relations.values()].find((r) => r.id !== null && skipped.has(r.id));
        if (gone) {
          skipped.set(u.id, { kind: u.kind, reasons: [`关联的单位「${gone.id}」被跳过`] });
          changed = true;
        }
      }
    }
    const units = ds.units.filter((u) => !skipped.has(u.id));
    const { state, errors, warnings } = runPlan(graph, datasetData(graph, units), p, opts, backend);
    if (state) {
      appendIssues(issues, warnings);
      return { state, label: p.label, skipped, issues: boundedIssues(issues) };
    }
    appendIssues(issues, errors);
    const before = skipped.size;
    if (opts.skipBadUnits) skip(errors);
    if (skipped.size === before) return fail();
  }
}

/**
 * Columns (a million units, or CSV streamed into columns) hold one period and are evaluated whole: `period`
 * only sets progress(). Any error in them stops the evaluation (no skipping of bad units).
 */
function runColumns(graph: RuleGraph, columns: ColumnarDataset, opts: EvaluateOptions, backend: Backend): Run {
  const { data, issues } = columnarData(graph, columns);
  const label = opts.period ?? null;
  const skipped = new Map<string, { kind: string; reasons: string[] }>();
  if (!data) return { state: null, label, skipped, issues };
  const final: Pass = { dataPeriod: SINGLE_PERIOD, nodes: graph.nodes, progress: progressOf(opts.period ?? ''), scope: null };
  const r = runPlan(graph, data, { label, parts: [], cadence: [], aggregate: 'mean', final }, opts, backend);
  appendIssues(issues, r.errors);
  appendIssues(issues, r.warnings);
  return { state: r.state, label, skipped, issues: boundedIssues(issues) };
}

/** Evaluate a dataset against a rule graph. Never throws on bad data: problems come back as issues. */
export function evaluate(graph: RuleGraph, data: DataInput, opts: EvaluateOptions = {}): Evaluation {
  const r = run(graph, data, opts);
  if (!r.state) return { results: null, issues: r.issues };
  return { results: buildResults(r.state, r.label, r.skipped, r.issues, opts.traces ?? false), issues: r.issues };
}
