// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import { ExitCode, UsageError, counted } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData, type Evaluated } from '../evaluate-data.js';
import { engineEval } from '../engine-eval.js';
import { writeAtomic } from '../files.js';
import { readData } from '../load-data.js';
import { withProgress } from '../progress.js';
import { periodSummary } from '../period-summary.js';
import { rankingTables } from '../ranking-tables.js';
import { resultsFile } from '../results-file.js';
import { streamEval } from '../stream-eval.js';

interface EvalOptions {
  data?: string;
  engine?: string;
  db?: string;
  schema?: string;
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
    .option('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--engine <engine>', 'evaluate in a SQL engine: duckdb (in process) or postgres (docs/engines.md)')
    .option('--db <url>', "with --engine: the database holding the policy's tables (a .duckdb file, a postgresql:// URL)")
    .option('--schema <schema>', 'with --engine postgres: the schema of the tables')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--out <file>', 'also write the results: .json, .csv or .xlsx (by extension)')
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
        if (!opts.data) throw new UsageError("required option '--data <file>' not specified");
        await streamEval(ctx, graph, opts.data, { period: opts.period ?? null, out: opts.out ?? null, top });
        finish(ExitCode.ok);
        return;
      }
      let evaluated: Evaluated;
      if (opts.engine !== undefined) {
        if (opts.engine !== 'duckdb' && opts.engine !== 'postgres') throw new UsageError(`--engine ${opts.engine}: expected duckdb or postgres`);
        if (opts.skipBadUnits) throw new UsageError('--skip-bad-units does not go with --engine yet');
        evaluated = await engineEval(ctx, graph, { engine: opts.engine, ...pick(opts) });
      } else {
        if (!opts.data) throw new UsageError("required option '--data <file>' not specified");
        const raw = await readData(ctx, graph, opts.data);
        evaluated = withProgress(ctx, raw.units.length, (onProgress) =>
          evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
        );
      }
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
      finish(ExitCode.ok);
    });
};

/** The options an engine takes, those given. */
function pick(opts: EvalOptions): { data?: string; db?: string; schema?: string; period?: string } {
  return Object.fromEntries(Object.entries({ data: opts.data, db: opts.db, schema: opts.schema, period: opts.period }).filter(([, x]) => x !== undefined));
}
