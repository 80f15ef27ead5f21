// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import { Option } from 'commander';
import { ExitCode, UsageError, counted } from '../context.js';
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
import { HEADER_LANGUAGES, type HeaderLanguage } from '../results-words.js';

interface EvalOptions {
  data: string;
  period?: string;
  out?: string;
  skipBadUnits?: boolean;
  stream?: boolean;
  top?: string;
  headers: HeaderLanguage;
}

export const defineEval: CommandDefinition = (program, ctx, finish) => {
  program
    .command('eval')
    .description('evaluate result data: totals, ranks, tiers per unit')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--out <file>', 'also write the results: .json, .csv or .xlsx (by extension)')
    .addOption(
      new Option('--headers <language>', 'language of the --out CSV/XLSX headers and marks: zh (名次, 总分, 免考) or en (rank, total, exempt)')
        .choices(HEADER_LANGUAGES)
        .default('zh'),
    )
    .option('--skip-bad-units', 'evaluate the units without data errors and list the others as skipped')
    .option('--stream', 'for large CSV data (a million units): read it in chunks into columns; show the head of each ranking and the tier counts')
    .option('--top <n>', 'with --stream: how many units of each kind to show', '10')
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.')
    .action(async (spec: string, opts: EvalOptions) => {
      if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: the file must end in .json, .csv or .xlsx`);
      const graph = await requireGraph(ctx, spec);
      if (opts.stream) {
        if (opts.skipBadUnits) throw new UsageError('--skip-bad-units does not go with --stream: streamed data is evaluated whole or not at all');
        if (opts.out && !/\.csv$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: with --stream the results file is a .csv`);
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top ${opts.top}: expected a whole number of units`);
        await streamEval(ctx, graph, opts.data, { period: opts.period ?? null, out: opts.out ?? null, top, headers: opts.headers });
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
        ctx.out(`\nskipped ${counted(results.skipped.length, 'unit')}:\n`);
        for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
      }
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), await resultsFile(graph, evaluated, opts.out, opts.headers));
        ctx.err(`wrote ${opts.out}\n`);
      }
      finish(ExitCode.ok);
    });
};
