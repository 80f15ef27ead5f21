// The evaluator's working state: units by kind, and one column per node over all units of its kind.
import type { GraphNode, Rounding, RuleGraph, TotalNode, TiersNode } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { runtimeIssue, type RuntimeIssue } from '../issues.js';
import type { DataRow } from '../data/value-parse.js';
import type { RecordColumns } from './kernels/kernels-lists.js';
import type { Rational } from './rational.js';

/** One node's values over all units of its kind. Numbers, booleans (1/0), dates (days) and enum indexes
 *  are Float64Array with NaN for "no value"; relations are unit indexes with -1 for none. */
export type Column =
  | { t: 'num'; v: Float64Array }
  | { t: 'enum'; v: Float64Array; values: string[] }
  | { t: 'text'; v: (string | null)[] }
  | { t: 'list'; v: (DataRow[] | null)[] }
  | { t: 'ref'; v: Int32Array };

/** Per-unit status bits of a node's value. */
export const MISSING = 1; // an input without a value
export const DEFAULTED = 2; // an input's declared default was used
export const EXEMPT = 4; // an indicator or section not evaluated
export const PEER_MEAN = 8; // an indicator scored the peers' mean
export const NOT_APPLICABLE = 16; // a section whose `when` does not hold
export const FAILED = 32; // an evaluation error for this unit
// Not evaluated in the period asked (an annual indicator in a quarter run). Always set together with EXEMPT,
// so every reader that leaves exempt values out leaves these out too; sections tell the two apart (an exempt
// indicator's points are redistributed, one not in the period is left out of the section's points).
export const NOT_IN_PERIOD = 64;
/** A value no score, statistic or comparison may use: missing, exempt, or failed. */
export const UNUSABLE = MISSING | EXEMPT | FAILED;

export interface KindUnits {
  kind: string;
  ids: string[]; // sorted, so results never depend on the data's order
  names: (string | null)[];
  index: Map<string, number>;
}

/** The cadences of a run for part of the year, finest first. */
export const SUB_CADENCES = ['monthly', 'quarterly', 'half_yearly'] as const;
export type SubCadence = (typeof SUB_CADENCES)[number];

/** The indicator periods a run of this cadence evaluates: its own and the finer ones (a quarter: monthly, quarterly). */
export function cadencesUpTo(cadence: SubCadence): SubCadence[] {
  return SUB_CADENCES.slice(0, SUB_CADENCES.indexOf(cadence) + 1);
}

/** A run for part of the year (a month, a quarter, a half): what it leaves out. */
export interface PeriodScope {
  period: string;
  cadence: SubCadence;
  /** indicators, sections, bonuses, totals and tiers not evaluated in this period (node ids) */
  notInPeriod: Set<string>;
}

/** Scores of a period-aggregated indicator: one per part, and the aggregate. */
export interface PartScores {
  aggregate: 'mean' | 'sum' | 'last';
  own: boolean; // the item states its own aggregation (`period monthly by sum`), not the `periods` declaration's
  parts: string[];
  scores: Float64Array[]; // per part, NaN when exempt there
  value: Float64Array; // aggregate, NaN when exempt in every part
}

export interface TierOutcome {
  order: Int32Array; // unit indexes by position
  position: Int32Array; // 1-based position (tied units share it) by unit index
  tier: Int32Array; // tier index by unit index, -1 for none
  places: (number | null)[]; // places per tier (null: no quota)
  filledBefore: Int32Array; // per unit: places taken in its tier before its group arrived
  gatesFired: Map<number, number[]>; // unit → gate indexes
  vetoed: Map<number, number[]>; // unit → veto indexes
  usedUp: Map<number, number[]>; // unit → tier indexes whose place it used up while gated
}

export interface RankOutcome {
  rank: Int32Array; // competition rank by total (with tie-breakers)
  keys: { name: string; id: string }[]; // the ranking keys in order (node ids)
}

export interface EvalState {
  graph: RuleGraph;
  rounding: Rounding;
  nodes: Map<string, GraphNode>;
  kinds: Map<string, KindUnits>;
  columns: Map<string, Column>;
  flags: Map<string, Uint8Array>;
  population: Map<string, Float64Array>;
  /** exact values of value and link nodes by unit, where known (their columns hold the doubles nearest to them) */
  exact: Map<string, (Rational | null)[]>;
  totals: Map<string, TotalNode>; // by kind
  tiersOf: Map<string, TiersNode>; // first tiers node by kind
  tierOutcomes: Map<string, TierOutcome>;
  ranks: Map<string, RankOutcome>; // by kind
  partScores: Map<string, PartScores>; // by indicator id, in period aggregation
  /** record lists in columnar form (by input node id): given by columnar data, or made from the rows when a
   *  kernel first reads them */
  records: Map<string, RecordColumns>;
  /** error bounds of the value and link columns a backend computed in doubles (runtime/evaluation/kernels/error-bounds.ts) */
  bounds: Map<string, Float64Array>;
  progress: number;
  /** null for a whole year (or a period of another form): every node is evaluated */
  scope: PeriodScope | null;
  errors: RuntimeIssue[];
  warnings: RuntimeIssue[];
  /** The exact value of a numeric node for unit i, computed on demand by the evaluator (population statistics
   *  read it; a method of the state so that population.ts does not import the evaluator). */
  exactValue(id: string, i: number): Rational | null;
}

/** A per-unit rule that failed for unit i (KR301, at the rule's source). */
export function reportFailure(state: EvalState, node: GraphNode, i: number, error: string): void {
  const unit = kindUnits(state, node.kind).ids[i]!;
  const at = `${node.span.file}:${node.span.line}:${node.span.column}`;
  state.errors.push(runtimeIssue('KR301', message('KR301', 'failed', { unit, node: node.name, at, reason: error }), {
    unit, kind: node.kind, node: node.name, span: node.span,
  }));
}

export function kindUnits(state: EvalState, kind: string): KindUnits {
  return state.kinds.get(kind) ?? { kind, ids: [], names: [], index: new Map() };
}

export function numColumn(state: EvalState, id: string): Float64Array {
  const c = state.columns.get(id);
  return c && (c.t === 'num' || c.t === 'enum') ? c.v : new Float64Array(0);
}

export function flagsOf(state: EvalState, id: string): Uint8Array {
  return state.flags.get(id) ?? new Uint8Array(0);
}
