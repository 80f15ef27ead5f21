// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
// The work of the command, loaded only when it runs (the definition is in eval.ts).
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { cliMessage } from '../../messages/index.js';
import path from 'node:path';
import type { EvalOptions } from './eval.js';
import { requireGraph } from '../policy-graph.js';
import { evaluateData, type Evaluated } from '../evaluate-data.js';
import { engineEval } from '../engine-eval.js';
import type { DataBytes } from '../load-data.js';
import { writeAtomic } from '../files.js';
import { dataFilesOf, rawData, readDataBytes } from '../load-data.js';
import { appendDecision, decisionOf, resultsSha256, sha256Hex } from '../decision-log.js';
import { stableJson } from '../../reports/stable-json.js';
import { withProgress } from '../progress.js';
import { periodSummary } from '../period-summary.js';
import { rankingTables } from '../ranking-tables.js';
import { resultsFile } from '../../reports/results-file.js';
import { streamEval } from '../stream-eval.js';

export async function runEval(ctx: CliContext, spec: string, opts: EvalOptions): Promise<number> {
  if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(cliMessage('outExtension', { out: opts.out, stream: false }));
  if (opts.logData && !opts.log) throw new UsageError(cliMessage('optionNeeds', { option: '--log-data', needs: '--log DIR' }));
  const graph = await requireGraph(ctx, spec);
  if (opts.stream) {
    if (opts.log) throw new UsageError(cliMessage('logWithStream'));
    if (opts.skipBadUnits) throw new UsageError(cliMessage('skipWithStream'));
    if (opts.out && !/\.csv$/i.test(opts.out)) throw new UsageError(cliMessage('outExtension', { out: opts.out, stream: true }));
    const top = Number(opts.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError(cliMessage('topCount', { top: String(opts.top) }));
    if (!opts.data) throw new UsageError("required option '--data <file>' not specified");
    await streamEval(ctx, graph, opts.data, { period: opts.period ?? null, out: opts.out ?? null, top, csv: { raw: opts.csvRaw ?? false }, headers: opts.headers });
    return ExitCode.ok;
  }
  let evaluated: Evaluated;
  let files: DataBytes[] = [];
  if (opts.engine !== undefined) {
    if (opts.engine !== 'duckdb' && opts.engine !== 'postgres') throw new UsageError(cliMessage('optionExpected', { option: '--engine', value: opts.engine, expected: ['duckdb', 'postgres'] }));
    if (opts.skipBadUnits) throw new UsageError(cliMessage('notWithEngine', { option: '--skip-bad-units' }));
    if (opts.log) throw new UsageError(cliMessage('notWithEngine', { option: '--log' }));
    evaluated = await engineEval(ctx, graph, { engine: opts.engine, ...engineOptions(opts) });
  } else {
    if (!opts.data) throw new UsageError("required option '--data <file>' not specified");
    const read = await readDataBytes(ctx, opts.data);
    files = 'refused' in read ? [] : read.files;
    const raw = rawData(graph, 'refused' in read ? read : await dataFilesOf(files));
    evaluated = withProgress(ctx, raw.units.length, (onProgress) =>
      evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
    );
  }
  const { results } = evaluated;
  ctx.out(rankingTables(graph, evaluated, langOf(ctx)));
  ctx.out(periodSummary(graph, results, langOf(ctx)));
  if (results.skipped.length > 0) {
    ctx.out(`\n${tell(ctx, 'skipped', { units: results.skipped.length })}\n`);
    for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
  }
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), await resultsFile(graph, evaluated, opts.out, opts.headers, { raw: opts.csvRaw ?? false }));
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  if (opts.log) {
    const policy = { spec, cwd: ctx.cwd, name: graph.policy.name, version: graph.policy.version };
    const decision = decisionOf(
      {
        by: 'eval',
        policy,
        graphSha256: sha256Hex(stableJson(graph)),
        files,
        period: opts.period ?? null,
        skipBadUnits: opts.skipBadUnits ?? false,
        results,
        resultsSha256: resultsSha256(results),
      },
      opts.logData ?? false,
    );
    await appendDecision(path.resolve(ctx.cwd, opts.log), decision, opts.logData ? files : []);
  }
  return ExitCode.ok;
}

/** The options an engine takes, those given. */
function engineOptions(opts: EvalOptions): { data?: string; db?: string; schema?: string; into?: string; period?: string } {
  return Object.fromEntries(Object.entries({ data: opts.data, db: opts.db, schema: opts.schema, into: opts.into, period: opts.period }).filter(([, x]) => x !== undefined));
}
