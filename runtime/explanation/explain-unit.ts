// Explaining one unit from data: evaluate, then trace the unit. Apart from the trace builder (explain.ts), which
// the results use for their explanations, so that building results does not import the evaluation driver.
import type { RuleGraph } from '../../graph/graph.js';
import { run, type DataInput, type EvaluateOptions } from '../evaluation/evaluate.js';
import { explainEvaluated, type Explanation } from './explain.js';

export interface ExplainOptions {
  /** only this indicator's explanation */
  indicator?: string;
  period?: string;
  skipBadUnits?: boolean;
  /** as for `evaluate`: called after each node is evaluated over all units */
  onProgress?: (done: number, total: number) => void;
  /** as for `evaluate`: what evaluates the nodes */
  backend?: EvaluateOptions['backend'];
}

/** Explain one unit's results (every indicator, section, bonus, total, rank and tier, or one indicator). */
export function explain(graph: RuleGraph, data: DataInput, unitId: string, opts: ExplainOptions = {}): Explanation {
  const evalOpts = {
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    skipBadUnits: opts.skipBadUnits ?? false,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.backend ? { backend: opts.backend } : {}),
  };
  const r = run(graph, data, evalOpts);
  if (!r.state) return { trace: null, issues: r.issues };
  const e = explainEvaluated(r.state, unitId, opts, r.label, r.skipped);
  return { trace: e.trace, issues: [...r.issues, ...e.issues] };
}
