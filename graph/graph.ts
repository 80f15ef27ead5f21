// The rule graph: the compiled, serialisable form of a policy and the runtime's input contract.
// Plain JSON data. The compiler emits it; the runtime (and other systems) load it without the compiler.
// `nodes` are in a planned order: every node comes after the nodes it depends on, so evaluating the
// nodes in order over all units (node by node, unit by unit) respects every per-unit and population stage.

export const GRAPH_FORMAT = 1 as const;

export type Rounding = 'half_up' | 'half_even' | 'down' | 'up';
export type QuotaRounding = 'half_up' | 'floor' | 'ceil';

/** Dimension of a number. `percent` and `number` are both dimensionless; percent values are fractions (98.6% = 0.986). */
export type Dimension = 'points' | 'money' | 'count' | 'days' | 'percent' | 'number';

export type ValueType =
  | { t: 'num'; dim: Dimension }
  | { t: 'bool' }
  | { t: 'date' } // days since 1970-01-01 at run time; 'YYYY-MM-DD' in data
  | { t: 'text' }
  | { t: 'enum'; name: string | null; values: string[] }
  | { t: 'list'; record: string }
  | { t: 'ref'; kind: string };

/** Where a node came from, so runtime messages and traces point at the policy source. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  start: number;
  end: number;
}

/** A data value as written in datasets and tests: numbers plain (percent as fraction, money in 元),
 *  dates as 'YYYY-MM-DD', enums as their member name, relations as the related unit's id. */
export type DataValue = number | string | boolean | null | DataRecord[];
export type DataRecord = Record<string, number | string | boolean | null>;

// ── Expressions ──────────────────────────────────────────────────────────────

export type ArithOp = '+' | '-' | '*' | '/';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicOp = 'and' | 'or';

export type ScalarFn =
  | 'min' | 'max' | 'abs' | 'clamp' | 'round'
  | 'steps_whole' | 'steps_pro_rata'
  | 'steps_round_up' // max(0, ceil(x / unit)): a partial step counts as a whole one (不足一步按一步计)
  | 'interpolate' // args: x, from1, to1, from2, to2, … (anchors sorted by `from`)
  | 'progress';

export type AggregateFn = 'count' | 'sum' | 'mean' | 'min' | 'max' | 'any' | 'all' | 'trimmed_mean';

export type PopulationFn =
  | 'rank' | 'rank_asc' | 'peer_max' | 'peer_min' | 'peer_mean' | 'percentile' | 'in_top' | 'in_bottom'
  | 'in_top_n' | 'in_bottom_n'; // `X in top 3名`: among the best (worst) 3 by X, ties at the edge all in

/** `X in top/bottom …`: a share of the peers (in_top) or a number of places (in_top_n). */
export const IN_RANK_FNS: ReadonlySet<PopulationFn> = new Set(['in_top', 'in_bottom', 'in_top_n', 'in_bottom_n']);

export type GExpr =
  | { k: 'num'; v: number } // units already applied: 10分 → 10, 98.6% → 0.986, 6800万元 → 68000000
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'date'; v: number } // days since 1970-01-01
  | { k: 'enum'; v: string }
  | { k: 'node'; id: string } // this unit's value of a node
  | { k: 'rel'; rel: string; id: string } // the value of a node on the unit reached by relation `rel`
  | { k: 'field'; name: string } // a field of the current record (inside an aggregate or a per-record adjustment)
  | { k: 'neg'; a: GExpr }
  | { k: 'not'; a: GExpr }
  | { k: 'arith'; op: ArithOp; a: GExpr; b: GExpr }
  | { k: 'cmp'; op: CompareOp; a: GExpr; b: GExpr }
  | { k: 'logic'; op: LogicOp; a: GExpr; b: GExpr }
  | { k: 'if'; c: GExpr; t: GExpr; e: GExpr }
  | { k: 'band'; x: GExpr; arms: { op: CompareOp; bound: GExpr; v: GExpr }[]; else: GExpr }
  | { k: 'match'; x: GExpr; arms: { values: string[]; v: GExpr }[]; else: GExpr | null }
  | { k: 'fn'; fn: ScalarFn; args: GExpr[] }
  | {
      k: 'agg';
      fn: AggregateFn;
      list: GExpr; // a list-valued node or rel
      where: GExpr | null;
      value: GExpr | null; // null for count/any/all
      trim: { drop: number; minCount: number } | null; // trimmed_mean only
    }
  /** Population statistic of node `of` over the unit's peers (all units of the same kind). */
  | {
      k: 'pop'; fn: PopulationFn; of: string; share: number | null /* in_top / in_bottom: the share; in_top_n / in_bottom_n: the places */;
      /** a bool node: the statistic is taken among the units where it holds (the others get none); absent: all peers */
      among?: string;
    };

// ── Nodes ────────────────────────────────────────────────────────────────────

export type MissingTreatment =
  | { kind: 'error' }
  | { kind: 'default'; value: DataValue }
  | { kind: 'peer_mean' }
  | { kind: 'fill_peer_mean' } // a unit without the value gets the mean of its peers' values (DEFAULTED)
  | { kind: 'exempt' };

export type PeriodKind = 'monthly' | 'quarterly' | 'half_yearly' | 'annual' | 'realtime';
/** How an item's scores in the parts of an aggregated period are combined. */
export type PeriodAggregate = 'mean' | 'sum' | 'last';

export interface IndicatorMeta {
  method: 'machine' | 'rating' | 'third_party' | 'manual' | null;
  source: string | null;
  owner: string | null;
  period: PeriodKind | null;
  type: 'quantitative' | 'qualitative' | null;
  doc: string | null;
}

/** A per-occurrence or conditional deduction/addition. `per` walks a list; `where` filters its records. */
export interface Adjustment {
  direction: 'deduct' | 'add';
  amount: GExpr;
  per: GExpr | null;
  where: GExpr | null;
  /** a field of the `per` records: of the records with equal values only the one with the largest amount counts */
  distinct?: string;
  when: GExpr | null;
  cap: GExpr | null;
  text: string; // the rule as written, for traces
  span: SourceRef;
}

interface NodeBase {
  id: string; // unique; stable across compiles of the same source
  kind: string; // the entity kind whose units carry this value
  name: string; // the author's name (or a generated one for lifted expressions)
  type: ValueType;
  deps: string[];
  stage: number; // 0 = inputs; +1 whenever a population statistic or a relation is crossed
  span: SourceRef;
}

export interface InputNode extends NodeBase {
  role: 'input';
  label: string | null;
  missing: MissingTreatment;
}

export interface RelationNode extends NodeBase {
  role: 'relation'; // a unit's related unit id; type { t: 'ref' }
  target: string;
}

export interface ValueNode extends NodeBase {
  role: 'value'; // `let`, parameter, or a lifted sub-expression (e.g. the argument of rank())
  expr: GExpr;
  text: string;
}

export interface IndicatorNode extends NodeBase {
  role: 'indicator';
  section: string; // section node id
  points: number;
  precision: number;
  meta: IndicatorMeta;
  base: GExpr | null; // `score = …`; null means the indicator's points
  baseText: string | null;
  adjustments: Adjustment[];
  exemptWhen: GExpr | null;
  exemptIfMissing: string[]; // input node ids with `missing exempt` this indicator reads
  peerMeanIfMissing: string[]; // input node ids with `missing peer_mean` this indicator reads
  links: string[]; // link node ids that deduct from this indicator
  /** its own aggregation over the parts of a period (absent: the `periods` declaration's) */
  partsBy?: PeriodAggregate;
}

export interface SectionNode extends NodeBase {
  role: 'section';
  points: number;
  weight: number | null; // fraction, when the section is weighted
  cap: boolean;
  when: GExpr | null;
  indicators: string[];
  precision: number;
}

export interface BonusNode extends NodeBase {
  role: 'bonus';
  cap: number | null;
  counts: 'total' | 'tiebreak' | 'deduction'; // deduction: its score is ≤ 0, −min(Σ deduct − Σ add, cap), in the total
  adjustments: Adjustment[];
  precision: number;
  /** the bonus's `period`: absent, it is scored on a year only */
  period?: PeriodKind;
  /** its own aggregation over the parts of a period (absent: the `periods` declaration's) */
  partsBy?: PeriodAggregate;
}

/** Linked deduction: computed for the target kind from the source units related to each target unit. */
export interface LinkNode extends NodeBase {
  role: 'link';
  sourceKind: string;
  list: string | null; // list input node id on the source kind
  where: GExpr | null; // evaluated on the source unit (record fields in scope when `list` is set)
  amount: GExpr; // likewise
  relation: string; // relation node id on the source kind pointing at the target unit
  target: string; // indicator node id on the target kind
  text: string;
}

export interface TotalNode extends NodeBase {
  role: 'total';
  sections: string[];
  bonuses: string[]; // bonuses that count into the total
  individual: { relation: string; share: GExpr; shareText: string } | null;
  precision: number;
}

export interface TierRuleSpec {
  name: string;
  quota: { kind: 'top' | 'next' | 'at_most'; share: number } | null;
  rest: boolean;
  when: GExpr | null;
  span: SourceRef;
}

export interface TiersNode extends NodeBase {
  role: 'tiers'; // type { t: 'enum', values: tier names }
  by: string; // node id of the ranking key
  ties: { mode: 'shared' } | { mode: 'by'; keys: string[] };
  quota: QuotaRounding;
  gated: 'passes_on' | 'stays_empty';
  tiers: TierRuleSpec[];
  gates: { tier: string; when: GExpr; text: string; span: SourceRef }[];
  vetoes: { when: GExpr; text: string; span: SourceRef }[];
}

export type GraphNode =
  | InputNode
  | RelationNode
  | ValueNode
  | IndicatorNode
  | SectionNode
  | BonusNode
  | LinkNode
  | TotalNode
  | TiersNode;

// ── The graph ────────────────────────────────────────────────────────────────

export interface KindSpec {
  name: string;
  label: string | null;
}

export interface RecordSpec {
  name: string;
  fields: { name: string; type: ValueType }[];
}

export interface PeriodSpec {
  period: string;
  parts: string[];
  aggregate: PeriodAggregate;
}

export interface TestUnitSpec {
  kind: string;
  id: string;
  values: Record<string, DataValue>; // inputs and relations by name, fixtures already merged
}

export interface ExpectSpec {
  unit: string;
  /** a node id, or the unit's rank by total, or its tier in a tiers node, or whether an indicator or
   *  section (node id) is exempt (`value` is then true) */
  target: { node: string } | { rank: true } | { tier: string } | { exempt: string };
  op: CompareOp;
  value: DataValue;
  text: string;
  span: SourceRef;
}

export interface TestSpec {
  title: string;
  units: TestUnitSpec[];
  expects: ExpectSpec[];
  span: SourceRef;
}

// ── Warnings (预警) and analysis thresholds ───────────────────────────────────

export type WarningLevel = 'notice' | 'warning' | 'severe';

/** A value a warning computes for itself: a `let`, or an expression's value `back` periods earlier. */
export interface WarningValue {
  id: string; // a node id of its own, read as `{ k: 'node', id }` by the warning's expressions
  name: string;
  type: ValueType;
  expr: GExpr;
  text: string;
  back?: number; // periods of the same cadence back (`prior`, `falling`); absent for a let
}

export interface WarningRule {
  id: string;
  kind: string;
  name: string;
  level: WarningLevel;
  /** where it is checked: period names (`2021M06`), years, cadences (`monthly` … `annual`); empty: every period */
  periods: string[];
  values: WarningValue[];
  when: GExpr;
  text: string;
  /** the message with `{NAME}` placeholders, and each placeholder's value */
  message: { template: string; values: { name: string; type: ValueType; expr: GExpr }[] };
  span: SourceRef;
}

/** Thresholds of 绩效分析 (`kaoping analyze`) a policy sets; the ones it does not set keep their defaults. */
export interface AnalysisThresholds {
  fullShare: number;
  zeroShare: number;
  minScored: number;
}

/** A policy's declared minimum test coverage (`coverage >= 90%`): a fraction of its indicators or of its branches. */
export interface CoverageMinimum {
  measure: 'indicators' | 'branches';
  minimum: number;
  span: SourceRef;
}

export interface RuleGraph {
  format: typeof GRAPH_FORMAT;
  policy: {
    name: string;
    version: string;
    evaluator: string | null;
    precision: number;
    rounding: Rounding;
  };
  kinds: KindSpec[];
  records: RecordSpec[];
  nodes: GraphNode[];
  periods: PeriodSpec[];
  tests: TestSpec[];
  /** absent when the policy declares none */
  warnings?: WarningRule[];
  analysis?: Partial<AnalysisThresholds>;
  /** what `kaoping test` requires of the tests' coverage; absent when the policy declares nothing */
  testCoverage?: CoverageMinimum[];
}
