// The abstract syntax tree of a `.kp` policy: what the parser produces and every compiler pass reads.
// Every node carries a half-open source span; line/column are derived only at the edges (terminal, editor).
// Keywords are normalised to their English form here; the formatter decides the spelling it writes.

/** Half-open character range [start, end) in one source file. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface Name {
  text: string;
  span: Span;
}

export interface SourceFile {
  path: string;
  text: string;
  decls: Decl[];
  comments: Comment[];
}

export interface Comment {
  text: string; // including the leading `#` or `//`
  span: Span;
}

// ── Types written in inputs and records ─────────────────────────────────────

export type BuiltinTypeName =
  | 'number' | 'percent' | 'money' | 'count' | 'days' | 'points' | 'bool' | 'date' | 'text';

export type TypeExpr =
  | { type: 'BuiltinType'; name: BuiltinTypeName; span: Span }
  | { type: 'NamedType'; name: Name; span: Span } // an enum or record declared by the author
  | { type: 'EnumType'; members: Name[]; span: Span } // inline enum(a, b)
  | { type: 'ListType'; element: Name; span: Span }; // [Record]

// ── Expressions ──────────────────────────────────────────────────────────────

export type Unit = 'points' | 'percent' | 'yuan' | 'wan_yuan' | 'yi_yuan' | 'count' | 'days';

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** An expression; `paren` marks one the author wrote in parentheses (the formatter keeps them). */
export type Expr = ExprNode & { paren?: true };

type ExprNode =
  /** `digits` is the decimal text as written (e.g. "98.6"), `unit` its suffix, `suffix` the suffix as written. */
  | { type: 'Number'; digits: string; unit: Unit | null; suffix: string; span: Span }
  | { type: 'String'; value: string; span: Span }
  | { type: 'Bool'; value: boolean; span: Span }
  | { type: 'Date'; value: string; span: Span } // YYYY-MM-DD
  | { type: 'Total'; span: Span } // the keyword `total` / 总分
  | { type: 'Ref'; name: Name; span: Span } // an identifier
  | { type: 'Member'; object: Expr; member: Name; span: Span } // a.b
  | { type: 'Unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { type: 'Binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { type: 'InRank'; subject: Expr; position: 'top' | 'bottom'; share: Expr; span: Span } // X in bottom 10%
  | { type: 'Call'; callee: Name; args: Expr[]; span: Span }
  /** `L where C` — only as an argument of an aggregate call. */
  | { type: 'Where'; list: Expr; cond: Expr; span: Span }
  /** `a -> b` — only as an anchor argument of interpolate. */
  | { type: 'Anchor'; from: Expr; to: Expr; span: Span }
  | { type: 'If'; cond: Expr; then: Expr; else: Expr; span: Span }
  | { type: 'Band'; subject: Expr; arms: BandArm[]; otherwise: Expr | null; span: Span }
  | { type: 'Match'; subject: Expr; arms: MatchArm[]; otherwise: Expr | null; span: Span }
  /** Literal data in tests and fixtures. */
  | { type: 'ListLit'; items: Expr[]; span: Span }
  | { type: 'RecordLit'; fields: FieldValue[]; span: Span };

export interface BandArm {
  op: CompareOp;
  bound: Expr;
  value: Expr;
  span: Span;
}

export interface MatchArm {
  labels: Name[];
  value: Expr;
  span: Span;
}

export interface FieldValue {
  name: Name;
  value: Expr;
  span: Span;
}

// ── Declarations ─────────────────────────────────────────────────────────────

export type Decl =
  | PolicyDecl
  | EntityDecl
  | EnumDecl
  | RecordDecl
  | InputDecl
  | ParamDecl
  | SectionDecl
  | BonusDecl
  | LinkDecl
  | IndividualDecl
  | TiersDecl
  | PeriodsDecl
  | AssertDecl
  | FixtureDecl
  | TestDecl
  | WarningDecl
  | AnalysisDecl
  | CoverageDecl;

export interface PolicyDecl {
  type: 'Policy';
  title: string;
  version: string;
  evaluator: string | null;
  precision: number | null; // null: the documented default (2)
  rounding: Name | null; // null: the documented default (half_up)
  span: Span;
}

export interface EntityDecl {
  type: 'Entity';
  name: Name;
  label: string | null;
  relations: RelationDecl[];
  span: Span;
}

export interface RelationDecl {
  name: Name;
  target: Name;
  span: Span;
}

export interface EnumDecl {
  type: 'Enum';
  name: Name;
  members: Name[];
  span: Span;
}

export interface RecordDecl {
  type: 'Record';
  name: Name;
  fields: FieldDecl[];
  span: Span;
}

export interface FieldDecl {
  name: Name;
  valueType: TypeExpr;
  label: string | null;
  missing: MissingTreatment | null; // inputs only
  span: Span;
}

export type MissingTreatment =
  | { kind: 'error'; span: Span }
  | { kind: 'default'; value: Expr; span: Span }
  | { kind: 'peer_mean'; span: Span }
  /** the unit's missing value is the mean of the peers' values of this input (not of a score) */
  | { kind: 'fill_peer_mean'; span: Span }
  | { kind: 'exempt'; span: Span };

export interface InputDecl {
  type: 'Input';
  entity: Name;
  fields: FieldDecl[];
  span: Span;
}

export interface ParamDecl {
  type: 'Param';
  name: Name;
  value: Expr;
  span: Span;
}

export interface SectionDecl {
  type: 'Section';
  name: Name;
  entity: Name | null;
  /** `for 城区局, 县局`: the kinds after the first; the section applies to each, ranked within each kind. */
  moreEntities?: Name[];
  points: Expr | null;
  weight: Expr | null;
  cap: boolean;
  when: Expr | null;
  items: SectionItem[];
  span: Span;
}

export type SectionItem = IndicatorDecl | LetItem;

export interface IndicatorDecl {
  type: 'Indicator';
  name: Name;
  points: Expr;
  items: IndicatorItem[];
  span: Span;
}

export type MetaKey = 'method' | 'source' | 'owner' | 'period' | 'type' | 'doc' | 'precision';

export type IndicatorItem = MetaItem | LetItem | ScoreItem | AdjustItem | ExemptItem;

export interface MetaItem {
  type: 'Meta';
  key: MetaKey;
  value: Name | { type: 'String'; value: string; span: Span } | { type: 'Number'; digits: string; span: Span };
  /** `period quarterly by sum`: the item's own aggregation over the parts of a period (only after `period`). */
  aggregate?: Name;
  span: Span;
}

export interface LetItem {
  type: 'Let';
  name: Name;
  value: Expr;
  span: Span;
}

export interface ScoreItem {
  type: 'Score';
  value: Expr;
  span: Span;
}

/** `deduct|add AMOUNT (per LIST [where C] | when C) [cap C]` */
export interface AdjustItem {
  type: 'Adjust';
  direction: 'deduct' | 'add';
  amount: Expr;
  per: Expr | null;
  where: Expr | null;
  /** `distinct FIELD`: records with equal FIELD count once, with the largest amount */
  distinct: Name | null;
  when: Expr | null;
  cap: Expr | null;
  span: Span;
}

export interface ExemptItem {
  type: 'Exempt';
  when: Expr;
  span: Span;
}

export interface BonusDecl {
  type: 'Bonus';
  name: Name;
  entity: Name | null;
  cap: Expr | null;
  /** `deduction`: Σ deductions − Σ additions, capped on its own, taken off the total (加减分项) */
  counts: 'total' | 'tiebreak' | 'deduction';
  items: (AdjustItem | LetItem | MetaItem)[];
  span: Span;
}

export interface LinkDecl {
  type: 'Link';
  name: Name;
  list: Name | null; // the record list walked, or null for one pass per unit
  source: Name; // entity kind after `of` (or after `each` when there is no list)
  where: Expr | null;
  amount: Expr;
  relation: Name;
  target: Name; // indicator of the related unit
  span: Span;
}

export interface IndividualDecl {
  type: 'Individual';
  entity: Name;
  relation: Name;
  share: Expr;
  span: Span;
}

export interface TiersDecl {
  type: 'Tiers';
  name: Name;
  entity: Name | null;
  by: Expr;
  ties: { mode: 'shared'; span: Span } | { mode: 'by'; keys: Expr[]; span: Span } | null;
  quota: Name | null; // quota rounding
  gated: Name | null; // passes_on | stays_empty
  tiers: TierRule[];
  gates: GateRule[];
  vetoes: VetoRule[];
  span: Span;
}

export interface TierRule {
  name: Name;
  quota: { kind: 'top' | 'next' | 'at_most'; share: Expr } | null;
  rest: boolean;
  when: Expr | null;
  span: Span;
}

export interface GateRule {
  tier: Name;
  when: Expr;
  span: Span;
}

export interface VetoRule {
  when: Expr;
  span: Span;
}

export interface PeriodsDecl {
  type: 'Periods';
  period: Name; // e.g. 2021
  parts: Name[]; // e.g. 2021Q1 … 2021Q4
  aggregate: Name; // mean | sum | last
  span: Span;
}

export interface AssertDecl {
  type: 'Assert';
  cond: Expr; // uses points(...) selectors; see PointsSelector
  span: Span;
}

/**
 * Inside assertions, `points(...)` is parsed as a Call whose args are Refs, optionally followed by
 * a `method` filter; the parser represents `points(省局 method 机考, 系统测评)` as
 * Call{callee: points, args: [Ref 省局, Call{callee: method, args: [Ref 机考, Ref 系统测评]}]}.
 */
export interface FixtureDecl {
  type: 'Fixture';
  name: Name;
  entity: Name;
  fields: FieldValue[];
  span: Span;
}

export interface TestDecl {
  type: 'Test';
  title: string;
  units: TestUnit[];
  expects: ExpectItem[];
  span: Span;
}

/** `coverage [indicator | branch] >= 90%`: the least share of the indicator tree the tests must reach. */
export interface CoverageDecl {
  type: 'Coverage';
  measure: Name | null; // null: branches
  minimum: Expr;
  span: Span;
}

export interface TestUnit {
  entity: Name;
  name: Name;
  like: Name | null;
  fields: FieldValue[];
  span: Span;
}

export interface ExpectItem {
  cond: Expr; // a comparison whose left side is `unit.result` (Member); with `exempt`, the `unit.result` itself
  exempt: boolean; // `expect 甲.培训 exempt`: the result is expected to be exempt
  span: Span;
}

// ── Warnings (预警) and analysis thresholds ─────────────────────────────────

/**
 * `warning NAME [for KIND] level LEVEL [period P, …] { let …  when COND  message "… {NAME} …" }`.
 * `level` and `periods` hold the words as written (check-warnings reads them); a period is a period name
 * (`2021M06`), a year, or a cadence word (`monthly` / `月度`).
 */
export interface WarningDecl {
  type: 'Warning';
  name: Name;
  entity: Name | null;
  level: Name;
  periods: Name[];
  items: WarningItem[];
  span: Span;
}

export type WarningItem = LetItem | WarningWhen | WarningMessage;

export interface WarningWhen {
  type: 'WarningWhen';
  cond: Expr;
  span: Span;
}

/** The message template as written, and each `{NAME}` placeholder in it as a name expression. */
export interface WarningMessage {
  type: 'WarningMessage';
  template: string;
  placeholders: Expr[];
  span: Span;
}

/** `analysis { uniform_full: 95%, too_harsh: 90%, min_scored: 5 }`: thresholds of `kaoping analyze`. */
export interface AnalysisDecl {
  type: 'Analysis';
  fields: FieldValue[];
  span: Span;
}
