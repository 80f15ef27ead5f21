// What name resolution gives the passes after it: the policy's declarations grouped, its kinds, records and
// lets, and what every name written in an expression stands for.
import type {
  AnalysisDecl, AssertDecl, BonusDecl, CoverageDecl, EntityDecl, EnumDecl, Expr, FieldDecl, FixtureDecl, IndicatorDecl,
  IndividualDecl, InputDecl, LetItem, LinkDecl, ParamDecl, PeriodsDecl, PolicyDecl, RecordDecl, RelationDecl,
  SectionDecl, SourceFile, TestDecl, TiersDecl, TierRule, WarningDecl,
} from '../../dsl/ast.js';
import type { SymbolTable } from '../symbol-table.js';

export interface RecordInfo {
  decl: RecordDecl;
  fields: Map<string, FieldDecl>;
}

export interface LetInfo {
  decl: LetItem;
  kind: string;
  scope: string; // the section, indicator or bonus the let belongs to
}

export interface IndicatorInfo {
  decl: IndicatorDecl;
  section: SectionDecl;
  kind: string;
}

export interface KindInfo {
  name: string;
  decl: EntityDecl;
  inputs: Map<string, FieldDecl>;
  relations: Map<string, RelationDecl>;
  sections: SectionDecl[];
  indicators: Map<string, IndicatorInfo>;
  bonuses: Map<string, BonusDecl>;
  lets: Map<string, LetInfo[]>; // every let of the kind by name, for `REL.NAME`
}

/** What a name in an expression stands for. */
export type Binding =
  | { to: 'input'; kind: string; field: FieldDecl }
  | { to: 'relation'; kind: string; relation: RelationDecl }
  | { to: 'let'; let: LetInfo }
  | { to: 'param'; decl: ParamDecl }
  | { to: 'indicator'; kind: string; decl: IndicatorDecl }
  | { to: 'section'; kind: string; decl: SectionDecl }
  | { to: 'bonus'; kind: string; decl: BonusDecl }
  | { to: 'total'; kind: string }
  | { to: 'field'; record: string; field: FieldDecl }
  | { to: 'enum-member'; name: string }
  /** `REL.NAME`: `target` is bound on the kind the relation points to. */
  | { to: 'related'; kind: string; relation: RelationDecl; target: Binding };

export interface PolicyDecls {
  header: PolicyDecl | null;
  entities: EntityDecl[];
  enums: EnumDecl[];
  records: RecordDecl[];
  inputs: InputDecl[];
  params: ParamDecl[];
  sections: SectionDecl[];
  bonuses: BonusDecl[];
  links: LinkDecl[];
  individuals: IndividualDecl[];
  tiers: TiersDecl[];
  periods: PeriodsDecl[];
  asserts: AssertDecl[];
  fixtures: FixtureDecl[];
  tests: TestDecl[];
  warnings: WarningDecl[];
  analysis: AnalysisDecl[];
  coverage: CoverageDecl[];
}

export interface ResolvedPolicy {
  files: SourceFile[];
  decls: PolicyDecls;
  kinds: Map<string, KindInfo>;
  enums: Map<string, EnumDecl>;
  records: Map<string, RecordInfo>;
  params: Map<string, ParamDecl>;
  fixtures: Map<string, FixtureDecl>;
  tierRules: Map<string, { tiers: TiersDecl; rule: TierRule }>;
  /** The kind a section, bonus or tiers declaration applies to (`for`, or the documented default). */
  appliesTo: Map<SectionDecl | BonusDecl | TiersDecl | WarningDecl, string>;
  /** The lets visible in a section, indicator or bonus (its own). */
  lets: Map<SectionDecl | IndicatorDecl | BonusDecl | WarningDecl, Map<string, LetInfo>>;
  bindings: Map<Expr, Binding>;
  symbols: SymbolTable;
  /** The symbol of each declaration object (entity, field, relation, let, indicator, …). */
  symbolOf: Map<object, number>;
}

export const TOTAL_NAMES = new Set(['total', '总分']);

/** Where a name is looked up: the unit kind, the lets in reach (innermost first), the record of a list being walked. */
export interface Scope {
  kind: string | null;
  lets: Map<string, LetInfo>[]; // innermost first
  record: RecordInfo | null;
}
