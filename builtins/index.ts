// The built-in functions' registry: the part of each entry every stage reads (docs in CONTRIBUTING.md).
export { BUILTINS, BUILTIN_NAMES, BUILTIN_BY_SPELLING, type Builtin, type BuiltinCategory, type BuiltinName, type GraphForms } from './registry.js';
