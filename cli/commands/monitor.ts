// `kaoping monitor PATH --data D --period P` (预警) — the policy's warnings raised in a period, by unit and level,
// each with its message and the values it was raised on.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { HEADER_LANGUAGES, type HeaderLanguage } from '../../messages/results-words.js';

export interface MonitorOptions {
  data: string;
  period: string;
  unit?: string;
  out?: string;
  headers: HeaderLanguage;
  csvRaw?: boolean;
}

export const defineMonitor: CommandDefinition = (program, ctx, finish) => {
  program
    .command('monitor')
    .description('预警: the warnings the policy declares, checked on a period\'s data, listed by unit and level (严重, 预警, 提示)')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .requiredOption('--period <period>', 'the period to check (e.g. 2021M06, 2021Q2 or 2021)')
    .option('--unit <id>', 'only the warnings of this unit')
    .option('--out <file>', 'also write the warnings: .json, .csv or .xlsx (by extension)')
    .addOption(
      new Option('--headers <language>', 'language of the --out CSV/XLSX headers: zh (单位编号, 级别, 消息) or en (id, level, message)')
        .choices(HEADER_LANGUAGES)
        .default('zh'),
    )
    .option('--csv-raw', "with --out FILE.csv: write text cells beginning with = + - @ tab or CR as they are, without the leading ' that keeps spreadsheets from running them as formulas")
    .addHelpText('after', '\nExit status: 0 when the period was checked (whether or not warnings were raised), 1 for bad data or a unit not in it, 2 for a usage error.')
    .action(async (spec: string, opts: MonitorOptions) => finish(await (await import('./monitor-run.js')).runMonitor(ctx, spec, opts)));
};
