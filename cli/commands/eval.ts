// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import { ExitCode, UsageError, tell } from '../context.js';
import { cliMessage } from '../../messages/index.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { readData } from '../load-data.js';
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
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.')
    .action(async (spec: string, opts: EvalOptions) => {
      if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(cliMessage('outExtension', { out: opts.out, stream: false }));
      const graph = await requireGraph(ctx, spec);
      if (opts.stream) {
        if (opts.skipBadUnits) throw new UsageError(cliMessage('skipWithStream'));
        if (opts.out && !/\.csv$/i.test(opts.out)) throw new UsageError(cliMessage('outExtension', { out: opts.out, stream: true }));
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 0) throw new UsageError(cliMessage('topCount', { top: String(opts.top) }));
        await streamEval(ctx, graph, opts.data, { period: opts.period ?? null, out: opts.out ?? null, top });
        finish(ExitCode.ok);
        return;
      }
      const raw = await readData(ctx, graph, opts.data);
      const evaluated = withProgress(ctx, raw.units.length, (onProgress) =>
        evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
      );
      const { results } = evaluated;
      ctx.out(rankingTables(graph, evaluated));
      ctx.out(periodSummary(graph, results));
      if (results.skipped.length > 0) {
        ctx.out(`\n${tell(ctx, 'skipped', { units: results.skipped.length })}\n`);
        for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
      }
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), resultsFile(graph, evaluated, opts.out));
        ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
      }
      finish(ExitCode.ok);
    });
};
