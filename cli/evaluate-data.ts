// Raw data + graph → the runtime's results, or a located failure: the data's problems are printed
// and nothing partial is presented as whole.
import { evaluate, type Results } from '../runtime/index.js';
import type { RuleGraph } from '../runtime/graph.js';
import type { RawDataset } from '../runtime/dataset.js';
import { InputError, type CliContext } from './context.js';
import { checkData, renderIssues } from './load-data.js';
import type { OnProgress } from './progress.js';

export function evaluateData(
  ctx: CliContext,
  graph: RuleGraph,
  raw: RawDataset,
  period: string | null,
  label: string | null,
  skipBadUnits = false,
  onProgress?: OnProgress,
): Results {
  const dataset = checkData(graph, raw);
  const outcome = evaluate(graph, dataset, { ...(period ? { period } : {}), skipBadUnits, ...(onProgress ? { onProgress } : {}) });
  const shown = outcome.issues.filter((i) => i.severity === 'error' || outcome.results !== null);
  if (shown.length > 0) ctx.err((label ? `${label}:\n` : '') + renderIssues(shown));
  if (!outcome.results) {
    const errors = outcome.issues.filter((i) => i.severity === 'error').length;
    const hint = skipBadUnits ? '' : ' (--skip-bad-units evaluates the others and lists the skipped units)';
    throw new InputError(`${label ? `${label}: ` : ''}the data has ${errors} ${errors === 1 ? 'error' : 'errors'}; nothing was evaluated${hint}`);
  }
  return outcome.results;
}
