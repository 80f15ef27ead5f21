// Raw data + graph → the runtime's results, or a located failure: the data's problems are printed
// and nothing partial is presented as whole.
import type { Evaluated } from '../reports/evaluated.js';
import type { RuleGraph } from '../graph/graph.js';
import type { RawDataset } from '../runtime/data/dataset.js';
import type { RuntimeIssue } from '../runtime/issues.js';
import { run, type EvaluateOptions } from '../runtime/evaluation/evaluate.js';
import { buildResults } from '../runtime/results/results.js';
import { individualsOf } from '../reports/individual-shares.js';
import { InputError, type CliContext } from './context.js';
import { cliMessage } from '../messages/index.js';
import { checkData, errorCount, renderIssues } from './load-data.js';
import type { OnProgress } from './progress.js';


export type { Evaluated } from '../reports/evaluated.js';

/** An evaluation's outcome as data: the results, or why there are none (the runtime's located issues). */
export type EvaluationOutcome =
  | { evaluated: Evaluated; issues: RuntimeIssue[] }
  | {
      evaluated: null;
      issues: RuntimeIssue[];
      /** `errors`: the data has errors and nothing was evaluated; `all-skipped`: every unit was skipped for them */
      failure: 'errors' | 'all-skipped';
      /** with failure `errors`: skipping bad units would evaluate the others (every error is tied to a unit) */
      skippable: boolean;
      /** with failure `all-skipped`: how many units were skipped */
      skipped: number;
    };

export interface EvaluateRawOptions {
  period: string | null;
  skipBadUnits?: boolean;
  onProgress?: OnProgress;
  /** the backend (runtime/backend.ts; by default the fastest for the graph: byte-identical results) */
  backend?: EvaluateOptions['backend'];
}

/** Raw data + graph → results or a failure; no output, so the CLI and the service share it. */
export function evaluateRaw(graph: RuleGraph, raw: RawDataset, opts: EvaluateRawOptions): EvaluationOutcome {
  const { period, skipBadUnits = false, onProgress, backend } = opts;
  const dataset = checkData(graph, raw);
  // `evaluate` without its last step, so that the shares, which the results do not hold, can be read off the state.
  const outcome = run(graph, dataset, {
    ...(period ? { period } : {}),
    skipBadUnits,
    ...(onProgress ? { onProgress } : {}),
    ...(backend ? { backend } : {}),
  });
  const results = outcome.state ? buildResults(outcome.state, outcome.label, outcome.skipped, outcome.issues, false) : null;
  if (!results) {
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    // Skipping helps only when every error is tied to a unit of the data; a file-level one stops any evaluation.
    const units = new Set(dataset.units.map((u) => u.id));
    const skippable = !skipBadUnits && errors.every((i) => i.code === 'KR242' || (i.unit !== undefined && units.has(i.unit)));
    return { evaluated: null, issues: errors, failure: 'errors', skippable, skipped: 0 };
  }
  if (results.units.length === 0 && results.skipped.length > 0) return { evaluated: null, issues: outcome.issues, failure: 'all-skipped', skippable: false, skipped: results.skipped.length };
  return { evaluated: { results, individuals: individualsOf(outcome.state!), state: outcome.state! }, issues: outcome.issues };
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
  const outcome = evaluateRaw(graph, raw, { period, skipBadUnits, ...(onProgress ? { onProgress } : {}) });
  if (outcome.issues.length > 0) ctx.err((label ? `${label}:
` : '') + renderIssues(ctx, outcome.issues));
  if (outcome.evaluated) return outcome.evaluated;
  if (outcome.failure === 'all-skipped') {
    throw new InputError(cliMessage('allSkipped', { where: label, units: outcome.skipped }));
  }
  throw new InputError(cliMessage('dataErrors', { where: label, ...errorCount(outcome.issues), skippable: outcome.skippable }));
}

