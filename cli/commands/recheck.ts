// `kaoping recheck PATH --data OLD --data-after NEW` (复核): a unit disputes its data, the office corrects it and
// evaluates again; the report lists which inputs changed for which units and who changes total, rank and tier
// (the impact table of the semantic diff, here for one policy and two versions of the data).
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';

export interface RecheckOptions {
  data: string;
  dataAfter: string;
  period?: string;
  format: 'text' | 'markdown';
  out?: string;
}

export const defineRecheck: CommandDefinition = (program, ctx, finish) => {
  program
    .command('recheck')
    .description('复核: evaluate the data before and after a correction; which inputs changed, who changes total, rank and tier')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'the data as evaluated (JSON, .xlsx, or a folder of CSV files)')
    .requiredOption('--data-after <file>', 'the corrected data')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown']).default('text'))
    .option('--out <file>', 'also write the report as a styled workbook (.xlsx): a sheet per table')
    .action(async (spec: string, opts: RecheckOptions) => finish(await (await import('./recheck-run.js')).runRecheck(ctx, spec, opts)));
};
