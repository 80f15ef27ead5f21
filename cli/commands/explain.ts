// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in Chinese.
import type { CommandDefinition } from '../main.js';

export const defineExplain: CommandDefinition = (program, ctx, finish) => {
  program
    .command('explain')
    .description("explain a unit's scores: inputs read, rules applied, deductions, caps, rank and tier")
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, a folder of CSV files, or - for standard input (JSON or .xlsx)')
    .requiredOption('--unit <id>', 'the unit to explain (its id)')
    .option('--indicator <name>', 'only this indicator')
    .option('--period <period>', 'the period to evaluate')
    .option('--stream', 'for large CSV data: read it in chunks into columns, as `eval --stream` does')
    .action(async (spec: string, opts: { data: string; unit: string; indicator?: string; period?: string; stream?: boolean }) => finish(await (await import('./explain-run.js')).runExplain(ctx, spec, opts)));
};
