// Raw data + graph → the runtime's results, or a located failure: the data's problems are printed
// and nothing partial is presented as whole.
import type { Results } from '../runtime/index.js';
import type { RuleGraph } from '../runtime/graph.js';
import type { RawDataset } from '../runtime/dataset.js';
import type { EvalState } from '../runtime/state.js';
import type { TotalTrace } from '../runtime/trace.js';
import { run } from '../runtime/evaluate.js';
import { buildResults } from '../runtime/results.js';
import { individualPart } from '../runtime/explain.js';
import { InputError, type CliContext } from './context.js';
import { cliMessage } from '../messages/index.js';
import { checkData, renderIssues } from './load-data.js';
import type { OnProgress } from './progress.js';

export type IndividualPart = NonNullable<TotalTrace['individual']>;

export interface Evaluated {
  results: Results;
  /** by unit id, for units whose total takes a share of a related unit's (干部 of 部门): that unit's total and the share */
  individuals: Map<string, IndividualPart>;
}

export function evaluateData(
  ctx: CliContext,
  graph: RuleGraph,
  raw: RawDataset,
  period: string | null,
  label: string | null,
  skipBadUnits = false,
  onProgress?: OnProgress,
): Evaluated {
  const dataset = checkData(graph, raw);
  // `evaluate` without its last step, so that the shares, which the results do not hold, can be read off the state.
  const outcome = run(graph, dataset, { ...(period ? { period } : {}), skipBadUnits, ...(onProgress ? { onProgress } : {}) });
  const results = outcome.state ? buildResults(outcome.state, outcome.label, outcome.skipped, outcome.issues, false) : null;
  const shown = outcome.issues.filter((i) => i.severity === 'error' || results !== null);
  if (shown.length > 0) ctx.err((label ? `${label}:\n` : '') + renderIssues(ctx, shown));
  if (!results) {
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    // Skipping helps only when every error is tied to a unit of the data; a file-level one stops any evaluation.
    const units = new Set(dataset.units.map((u) => u.id));
    const skippable = !skipBadUnits && errors.every((i) => i.unit !== undefined && units.has(i.unit));
    throw new InputError(cliMessage('dataErrors', { where: label, errors: errors.length, more: false, skippable }));
  }
  if (results.units.length === 0 && results.skipped.length > 0) {
    throw new InputError(cliMessage('allSkipped', { where: label, units: results.skipped.length }));
  }
  return { results, individuals: individualsOf(outcome.state!) };
}

function individualsOf(state: EvalState): Map<string, IndividualPart> {
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
