// Public surface of the language front end.
export type * from './ast.js';
export * from './diagnostics.js';
export { KEYWORDS, BUILTIN_TYPES, FUNCTION_NAMES, spell, type Keyword, type KeywordCategory, type KeywordLanguage, type KeywordName } from './keywords.js';
export { parse, checkNesting, MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH, MAX_TREE_DEPTH, type ParseResult } from './parse.js';
