// Backends: what evaluates one node of the planned graph over all units of a pass. The driver
// (evaluate.ts) loads the data's columns and walks the plan; a backend only computes. `reference` is the
// semantics, exact, and the oracle the others are tested against; `kernels` (kernels.ts) is compiled, and
// hands the units and nodes it cannot decide back to the reference through `evaluateUnits`/`evaluateNode`.
// A third backend (an SQL engine) implements the same interface. runtime/README.md says which runs when.
import type { GraphNode, RuleGraph } from '../../graph/graph.js';
import { newScope } from './expr-eval.js';
import { evaluateNode, evaluateUnit } from './node-eval.js';
import type { EvalState } from './state.js';

export interface Backend {
  readonly name: string;
  /** null when the backend evaluates this graph (possibly handing parts back to the reference), else why not */
  unsupported(graph: RuleGraph): string | null;
  /**
   * Evaluate a scored, value, link or tiers node for every unit of its kind: set its column and status bits in
   * `state.columns`/`state.flags`. Inputs and relations are the data's, loaded by the driver.
   */
  evaluateNode(state: EvalState, node: GraphNode): void;
  /** Evaluate a scored or value node for `units[0 … count)` only, into the column and status bits already set. */
  evaluateUnits(state: EvalState, node: GraphNode, units: Int32Array, count: number): void;
}

export const referenceBackend: Backend = {
  name: 'reference',
  unsupported: () => null,
  evaluateNode,
  evaluateUnits(state, node, units, count) {
    const col = state.columns.get(node.id)!;
    const flags = state.flags.get(node.id)!;
    const scope = newScope(state, node.kind);
    for (let b = 0; b < count; b++) {
      scope.i = units[b]!;
      evaluateUnit(scope, node, col, flags);
    }
  },
};
