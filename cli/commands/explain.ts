// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in Chinese.
import { explain, renderTrace, type Explanation } from '../../runtime/index.js';
import { ExitCode, InputError } from '../context.js';
import { cliMessage } from '../../messages/index.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { checkData, readData, renderIssues } from '../load-data.js';
import { evaluateStreamed } from '../stream-eval.js';
import { explainColumnar } from '../../runtime/columnar-dataset.js';

export const defineExplain: CommandDefinition = (program, ctx, finish) => {
  program
    .command('explain')
    .description("explain a unit's scores: inputs read, rules applied, deductions, caps, rank and tier")
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .requiredOption('--unit <id>', 'the unit to explain (its id)')
    .option('--indicator <name>', 'only this indicator')
    .option('--period <period>', 'the period to evaluate')
    .option('--stream', 'for large CSV data: read it in chunks into columns, as `eval --stream` does')
    .action(async (spec: string, opts: { data: string; unit: string; indicator?: string; period?: string; stream?: boolean }) => {
      const graph = await requireGraph(ctx, spec);
      const only = opts.indicator ? { indicator: opts.indicator } : {};
      let outcome: Explanation;
      if (opts.stream) {
        const { state, period } = await evaluateStreamed(ctx, graph, opts.data, opts.period ?? null);
        outcome = explainColumnar(state, opts.unit, only, period);
      } else {
        const dataset = checkData(graph, await readData(ctx, graph, opts.data));
        outcome = explain(graph, dataset, opts.unit, { ...only, ...(opts.period ? { period: opts.period } : {}) });
      }
      if (outcome.issues.length > 0) ctx.err(renderIssues(ctx, outcome.issues));
      if (!outcome.trace) throw new InputError(cliMessage('cannotExplain', { unit: opts.unit }));
      ctx.out(renderTrace(outcome.trace));
      finish(ExitCode.ok);
    });
};
