// The shares of units whose total takes a share of a related unit's (干部 of 部门), read off a finished evaluation:
// for the results files. No Node APIs: the editor's downloads use it in the browser.
import type { EvalState } from '../runtime/evaluation/state.js';
import type { TotalTrace } from '../runtime/explanation/trace.js';
import { individualPart } from '../runtime/explanation/explain.js';

export type IndividualPart = NonNullable<TotalTrace['individual']>;

/** By unit id: the related unit's total and the share, for every unit of a kind whose total is a share. */
export function individualsOf(state: EvalState): Map<string, IndividualPart> {
  const out = new Map<string, IndividualPart>();
  for (const node of state.graph.nodes) {
    if (node.role !== 'total' || !node.individual) continue;
    state.kinds.get(node.kind)!.ids.forEach((id, i) => {
      const part = individualPart(state, node, i);
      if (part) out.set(id, part);
    });
  }
  return out;
}
