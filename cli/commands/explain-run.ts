// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in the language of messages.
// The work of the command, loaded only when it runs (the definition is in explain.ts).
import { ExitCode, InputError, UsageError, langOf, type CliContext } from '../context.js';
import type { ExplainOptions } from './explain.js';
import { engineExplain } from '../engine-eval.js';
import { explain, renderTrace, type Explanation } from '../../runtime/index.js';
import { cliMessage } from '../../messages/index.js';
import { requireGraph } from '../policy-graph.js';
import { checkData, readData, renderIssues } from '../load-data.js';
import { evaluateStreamed } from '../stream-eval.js';
import { explainEvaluated } from '../../runtime/explanation/explain.js';

export async function runExplain(ctx: CliContext, spec: string, opts: ExplainOptions): Promise<number> {
  const graph = await requireGraph(ctx, spec);
  const only = opts.indicator ? { indicator: opts.indicator } : {};
  let outcome: Explanation;
  if (opts.engine !== undefined) {
    if (opts.engine !== 'duckdb' && opts.engine !== 'postgres') throw new UsageError(cliMessage('optionExpected', { option: '--engine', value: opts.engine, expected: ['duckdb', 'postgres'] }));
    if (opts.stream) throw new UsageError(cliMessage('notWithEngine', { option: '--stream' }));
    const given = Object.fromEntries(Object.entries({ data: opts.data, db: opts.db, schema: opts.schema, period: opts.period }).filter(([, x]) => x !== undefined));
    outcome = await engineExplain(ctx, graph, { engine: opts.engine, ...given }, opts.unit, opts.indicator);
  } else if (opts.db !== undefined || opts.schema !== undefined) {
    throw new UsageError(cliMessage('optionNeeds', { option: opts.db !== undefined ? '--db' : '--schema', needs: '--engine' }));
  } else if (!opts.data) {
    throw new UsageError("required option '--data <file>' not specified");
  } else if (opts.stream) {
    const { state, period } = await evaluateStreamed(ctx, graph, opts.data, opts.period ?? null);
    outcome = explainEvaluated(state, opts.unit, only, period);
  } else {
    const dataset = checkData(graph, await readData(ctx, graph, opts.data));
    outcome = explain(graph, dataset, opts.unit, { ...only, ...(opts.period ? { period: opts.period } : {}) });
  }
  if (outcome.issues.length > 0) ctx.err(renderIssues(ctx, outcome.issues));
  if (!outcome.trace) throw new InputError(cliMessage('cannotExplain', { unit: opts.unit }));
  ctx.out(renderTrace(outcome.trace, { lang: langOf(ctx), places: graph.policy.precision }));
  return ExitCode.ok;
}
