// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import { ExitCode, UsageError, counted } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { dataFilesOf, rawData, readDataBytes } from '../load-data.js';
import { appendDecision, decisionOf, resultsSha256, sha256Hex } from '../decision-log.js';
import { stableJson } from '../stable-json.js';
import { withProgress } from '../progress.js';
import { periodSummary } from '../period-summary.js';
import { rankingTables } from '../ranking-tables.js';
import { resultsFile } from '../results-file.js';
import { streamEval } from '../stream-eval.js';

interface EvalOptions {
  data: string;
  period?: string;
  out?: string;
  skipBadUnits?: boolean;
  stream?: boolean;
  top?: string;
  log?: string;
  logData?: boolean;
}

export const defineEval: CommandDefinition = (program, ctx, finish) => {
  program
    .command('eval')
    .description('evaluate result data: totals, ranks, tiers per unit')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--out <file>', 'also write the results: .json, .csv or .xlsx (by extension)')
    .option('--skip-bad-units', 'evaluate the units without data errors and list the others as skipped')
    .option('--stream', 'for large CSV data (a million units): read it in chunks into columns; show the head of each ranking and the tier counts')
    .option('--top <n>', 'with --stream: how many units of each kind to show', '10')
    .option('--log <dir>', 'append a decision log line to DIR/decisions-YYYY-MM-DD.jsonl (for kaoping replay)')
    .option('--log-data', "with --log: keep a copy of the data in DIR/data/<sha256>, so that replay does not need the data's path")
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.')
    .action(async (spec: string, opts: EvalOptions) => {
      if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: the file must end in .json, .csv or .xlsx`);
      if (opts.logData && !opts.log) throw new UsageError('--log-data goes with --log DIR');
      const graph = await requireGraph(ctx, spec);
      if (opts.stream) {
        if (opts.log) throw new UsageError('--log does not go with --stream: a streamed evaluation has no whole results to hash');
        if (opts.skipBadUnits) throw new UsageError('--skip-bad-units does not go with --stream: streamed data is evaluated whole or not at all');
        if (opts.out && !/\.csv$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: with --stream the results file is a .csv`);
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top ${opts.top}: expected a whole number of units`);
        await streamEval(ctx, graph, opts.data, { period: opts.period ?? null, out: opts.out ?? null, top });
        finish(ExitCode.ok);
        return;
      }
      const files = await readDataBytes(ctx, opts.data);
      const raw = rawData(graph, dataFilesOf(files));
      const evaluated = withProgress(ctx, raw.units.length, (onProgress) =>
        evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
      );
      const { results } = evaluated;
      ctx.out(rankingTables(graph, evaluated));
      ctx.out(periodSummary(graph, results));
      if (results.skipped.length > 0) {
        ctx.out(`\nskipped ${counted(results.skipped.length, 'unit')}:\n`);
        for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
      }
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), resultsFile(graph, evaluated, opts.out));
        ctx.err(`wrote ${opts.out}\n`);
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
      finish(ExitCode.ok);
    });
};
