// What every compiler pass returns: the next representation, and the problems found on the way.
import type { Diagnostic } from '../dsl/index.js';

export interface PassResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}
