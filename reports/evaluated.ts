// An evaluation's outcome as the reports read it: the results, the individual shares, the finished state.
import type { Results } from '../runtime/index.js';
import type { EvalState } from '../runtime/evaluation/state.js';
import type { IndividualPart } from './individual-shares.js';

export interface Evaluated {
  results: Results;
  /** by unit id, for units whose total takes a share of a related unit's (干部 of 部门): that unit's total and the share */
  individuals: Map<string, IndividualPart>;
  /** the finished evaluation, for explanations of its units */
  state: EvalState;
}
