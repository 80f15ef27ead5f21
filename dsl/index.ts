// Public surface of the language front end.
export type * from './ast.js';
export * from './diagnostics.js';
export { KEYWORDS, BUILTIN_TYPES, FUNCTION_NAMES, spell, type Keyword, type KeywordCategory, type KeywordLanguage, type KeywordName } from './keywords.js';
export { parse, checkNesting, MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH, MAX_TREE_DEPTH, type ParseResult } from './parse.js';
export { applyFixes } from './apply-fixes.js';
export type { AdjustItem, AnalysisDecl, AssertDecl, BonusDecl, BuiltinTypeName, CoverageDecl, Decl, EntityDecl, EnumDecl, ExpectItem, Expr, FieldDecl, FieldValue, FixtureDecl, IndicatorDecl, IndicatorItem, IndividualDecl, InputDecl, LetItem, LinkDecl, MetaItem, Name, ParamDecl, PeriodsDecl, PolicyDecl, RecordDecl, RelationDecl, SectionDecl, SourceFile, Span, TestDecl, TestUnit, TierRule, TiersDecl, TypeExpr, Unit, WarningDecl } from './ast.js';
export { diagnostic, positionAt } from './diagnostics.js';
export type { Diagnostic, DiagnosticExtras, FixEdit } from './diagnostics.js';
export { formatSource, keywordLanguage, keywordLanguageOf } from './format.js';
export { localizeDiagnostics } from './localize-diagnostics.js';
export { newVersion } from './new-version.js';
