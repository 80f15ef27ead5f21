// What every compiler pass returns: the next representation, and the problems found on the way.
import type { Diagnostic } from '../dsl/diagnostics.js';

export interface PassResult<T> {
  value: T;
  diagnostics: Diagnostic[];
}
