// Explanations as data: what one unit's every score was made of. `explain` builds them; `renderTrace`
// turns them into sentences.
import type { Dimension, IndicatorMeta, PopulationFn, Rounding } from '../../graph/graph.js';
import type { SubCadence } from '../evaluation/state.js';

/** A value as shown in a trace: numbers carry their dimension; dates are 'YYYY-MM-DD'. */
export interface TraceValue {
  v: number | string | boolean | null;
  dim?: Dimension;
}

export type TraceRecord = Record<string, number | string | boolean>;

export type Step =
  | { step: 'read'; name: string; value: TraceValue; via?: { relation: string; unit: string }; defaulted?: boolean; filled?: boolean /* by the peers' mean */ }
  | { step: 'branch'; form: 'if' | 'band' | 'match'; subject: TraceValue | null; arm: string; value: TraceValue }
  | { step: 'steps'; mode: 'whole' | 'pro_rata' | 'round_up'; gap: TraceValue; unit: TraceValue; count: number }
  | {
      // a statistic over the unit's peers (rank, percentile, peer mean, in top/bottom P): the value it is taken
      // of, by the name the policy gives it, and where the unit stands among the `of` units that have one
      step: 'population';
      fn: PopulationFn;
      subject: string;
      value: TraceValue;
      result: TraceValue;
      of: number;
      places?: number; // in_top / in_bottom: the places P gives
      among?: string; // rank(X where C): the condition C as written; `of` counts the units meeting it (result null: not one of them)
    }
  | { step: 'interpolate'; x: TraceValue; from: TraceValue; to: TraceValue; result: TraceValue }
  | { step: 'base'; text: string | null; value: number }
  | {
      step: 'adjust';
      direction: 'deduct' | 'add';
      text: string;
      count: number | null; // records that matched, for `per`
      each: number | null; // the amount per record when it is the same for all
      records: TraceRecord[]; // date fields as 'YYYY-MM-DD'
      amounts?: number[]; // each record's amount, when they differ (`each` is null) or some do not count
      superseded?: number[]; // `distinct`: records (by index) not counted, as one with the same key counts more
      amount: number; // after the cap
      cap: { limit: number; before: number } | null;
    }
  | { step: 'link'; text: string /* the link's name */; source: string; sourceName: string | null; record: TraceRecord | null; amount: number }
  | { step: 'exempt'; reason: 'when' | 'missing'; inputs: string[] }
  | { step: 'peer_mean'; inputs: string[]; peers: number; value: number }
  | { step: 'period_parts'; aggregate: 'mean' | 'sum' | 'last'; own?: true; parts: { period: string; score: number | null }[]; value: number | null }
  | { step: 'not_in_period'; declared: IndicatorMeta['period']; period: string; cadence: SubCadence }
  | { step: 'clamp'; from: number; to: number; limit: 'zero' | 'points' | 'cap' }
  | { step: 'round'; from: number; to: number; precision: number; mode: Rounding };

export interface IndicatorTrace {
  item: 'indicator';
  name: string;
  section: string;
  points: number;
  score: number | null;
  exempt: boolean;
  notInPeriod?: true; // not evaluated in the period (its step says why)
  steps: Step[];
}

export interface SectionTrace {
  item: 'section';
  name: string;
  points: number;
  score: number | null;
  applicable: boolean;
  notInPeriod?: true; // none of its indicators is evaluated in the period
  periodPoints?: number; // what it is worth in the period, when the period leaves some of its indicators out
  indicators: { name: string; score: number | null; points: number; exempt: boolean; notInPeriod?: true }[];
  redistributed: { sum: number; evaluatedPoints: number; points: number } | null;
  steps: Step[];
}

export interface BonusTrace {
  item: 'bonus';
  name: string;
  counts: 'total' | 'tiebreak' | 'deduction';
  score: number | null; // null when not evaluated in the period
  notInPeriod?: true;
  /** the bonus's declared period, when it has one and is not evaluated in the period */
  declared?: 'monthly' | 'quarterly' | 'half_yearly' | 'annual' | 'realtime';
  steps: Step[];
}

export interface TotalTrace {
  item: 'total';
  score: number | null; // null when nothing of the kind is evaluated in the period
  notInPeriod?: true;
  parts: { what: 'section' | 'bonus'; name: string; score: number | null; notInPeriod?: true }[];
  individual: { relation: string; unit: string; relatedTotal: number; share: number; own: number } | null;
  steps: Step[];
}

export interface RankTrace {
  item: 'rank';
  rank: number;
  of: number;
  keys: { name: string; value: number }[];
  tiedWith: string[];
}

export interface TierTrace {
  item: 'tier';
  name: string;
  tier: string | null;
  position: number; // rank by the tiers' key and tie-breakers
  of: number;
  places: { tier: string; places: number | null; filledBefore: number }[];
  gates: ({ tier: string } & ConditionTrace)[];
  vetoes: ConditionTrace[];
  tiedWith: string[];
  placeUsedUp: string[]; // tiers whose place this unit used up while gated (stays_empty)
}

export type TraceItem = IndicatorTrace | SectionTrace | BonusTrace | TotalTrace | RankTrace | TierTrace;

export interface Trace {
  policy: string;
  period: string | null;
  /** a run for part of the year: its cadence and the indicator periods it evaluates (absent for a year) */
  scope?: { cadence: SubCadence; evaluates: SubCadence[] };
  unit: string;
  kind: string;
  name: string | null;
  items: TraceItem[];
}

/** A gate or veto that held: the values its condition read and, for each `X in top/bottom P`, X's place. */
export interface ConditionTrace {
  text: string;
  steps: Step[];
  /** `share` absent: `in top 3名`, a number of places; `among`: (X where C) in top P, `of` counting the units meeting C
   *  (position NaN: the unit is not one of them) */
  ranks: { subject: string; side: 'top' | 'bottom'; share?: number; among?: string; value: TraceValue; position: number; of: number; places: number }[];
}
