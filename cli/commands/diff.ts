// `kaoping diff OLD NEW` — the semantic diff of two policy versions, with its impact on data; also
// works as a Git external diff driver (seven arguments, nine on a rename: see gitDriver).
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface DiffOptions {
  data?: string;
  period?: string;
  format: 'text' | 'markdown';
}

export const defineDiff: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('diff')
    .description(help(CLI_HELP.diff.description))
    .argument('<old>', help(CLI_HELP.diff.old))
    .argument('<new>', help(CLI_HELP.diff.new))
    .argument('[git-args...]', help(CLI_HELP.diff.gitArgs))
    .option('--data <file>', help(CLI_HELP.diff.data))
    .option('--period <period>', help(CLI_HELP.diff.period))
    .addOption(new Option('--format <format>', help(CLI_HELP.diff.format)).choices(['text', 'markdown']).default('text'))
    .addHelpText('after', `\n${help(CLI_HELP.diff.after)}`)
    .action(async (oldSpec: string, newSpec: string, rest: string[], opts: DiffOptions) =>
      finish(await (await import('./diff-run.js')).runDiff(ctx, oldSpec, newSpec, rest, opts)),
    );
};
