// The built-in functions by every spelling, for the resolver and the checker; their entries are the registry's
// (builtins/), whose compile-only parts, the type rules and lowering, are in builtin-rules.ts.
import { BUILTIN_BY_SPELLING, type Builtin, type BuiltinCategory } from '../builtins/index.js';

export type FunctionCategory = BuiltinCategory;
export type FunctionSpec = Builtin;

/** Every built-in by each of its spellings. */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = BUILTIN_BY_SPELLING;

/** `points(...)` and its `method` filter exist only inside assertions. */
export const POINTS_SELECTOR = new Set(['points', '分值']);
export const METHOD_FILTER = new Set(['method', '方式']);
