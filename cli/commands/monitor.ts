// `kaoping monitor PATH --data D --period P` (预警) — the policy's warnings raised in a period, by unit and level,
// each with its message and the values it was raised on.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';
import { HEADER_LANGUAGES, type HeaderLanguage } from '../../messages/results-words.js';

export interface MonitorOptions {
  data: string;
  period: string;
  unit?: string;
  out?: string;
  headers: HeaderLanguage;
  csvRaw?: boolean;
}

export const defineMonitor: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('monitor')
    .description(help(CLI_HELP.monitor.description))
    .argument('<path>', help(CLI_HELP.monitor.path))
    .requiredOption('--data <file>', help(CLI_HELP.monitor.data))
    .requiredOption('--period <period>', help(CLI_HELP.monitor.period))
    .option('--unit <id>', help(CLI_HELP.monitor.unit))
    .option('--out <file>', help(CLI_HELP.monitor.out))
    .addOption(
      new Option('--headers <language>', help(CLI_HELP.monitor.headers))
        .choices(HEADER_LANGUAGES)
        .default('zh'),
    )
    .option('--csv-raw', help(CLI_HELP.monitor.csvRaw))
    .addHelpText('after', `\n${help(CLI_HELP.monitor.after)}`)
    .action(async (spec: string, opts: MonitorOptions) => finish(await (await import('./monitor-run.js')).runMonitor(ctx, spec, opts)));
};
