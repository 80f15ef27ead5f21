// `kaoping recheck PATH --data OLD --data-after NEW` (复核): a unit disputes its data, the office corrects it and
// evaluates again; the report lists which inputs changed for which units and who changes total, rank and tier
// (the impact table of the semantic diff, here for one policy and two versions of the data).
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface RecheckOptions {
  data: string;
  dataAfter: string;
  period?: string;
  format: 'text' | 'markdown';
  out?: string;
}

export const defineRecheck: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('recheck')
    .description(help(CLI_HELP.recheck.description))
    .argument('<path>', help(CLI_HELP.recheck.path))
    .requiredOption('--data <file>', help(CLI_HELP.recheck.data))
    .requiredOption('--data-after <file>', help(CLI_HELP.recheck.dataAfter))
    .option('--period <period>', help(CLI_HELP.recheck.period))
    .addOption(new Option('--format <format>', help(CLI_HELP.recheck.format)).choices(['text', 'markdown']).default('text'))
    .option('--out <file>', help(CLI_HELP.recheck.out))
    .action(async (spec: string, opts: RecheckOptions) => finish(await (await import('./recheck-run.js')).runRecheck(ctx, spec, opts)));
};
