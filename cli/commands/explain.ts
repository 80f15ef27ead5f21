// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in Chinese.
import { explain, renderTrace } from '../../runtime/index.js';
import { ExitCode, InputError } from '../context.js';
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
      if (opts.stream) {
        const { state, period } = await evaluateStreamed(ctx, graph, opts.data, opts.period ?? null);
        const kind = [...state.kinds.values()].find((k) => k.index.has(opts.unit));
        if (!kind) throw new InputError(`数据中没有单位「${opts.unit}」: cannot explain unit ${opts.unit}`);
        if (opts.indicator !== undefined && !graph.nodes.some((n) => n.role === 'indicator' && n.kind === kind.kind && n.name === opts.indicator))
          throw new InputError(`「${kind.kind}」没有指标「${opts.indicator}」: cannot explain unit ${opts.unit}`);
        const trace = explainColumnar(state, kind.kind, kind.index.get(opts.unit)!, opts.indicator ? { indicator: opts.indicator } : {}, period);
        ctx.out(renderTrace(trace));
        finish(ExitCode.ok);
        return;
      }
      const dataset = checkData(graph, await readData(ctx, graph, opts.data));
      const outcome = explain(graph, dataset, opts.unit, {
        ...(opts.indicator ? { indicator: opts.indicator } : {}),
        ...(opts.period ? { period: opts.period } : {}),
      });
      if (outcome.issues.length > 0) ctx.err(renderIssues(outcome.issues));
      if (!outcome.trace) throw new InputError(`cannot explain unit ${opts.unit}`);
      ctx.out(renderTrace(outcome.trace));
      finish(ExitCode.ok);
    });
};
