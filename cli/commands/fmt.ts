// `kaoping fmt [--check] PATH…` — the canonical layout of policy sources.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export const defineFmt: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('fmt')
    .description(help(CLI_HELP.fmt.description))
    .argument('<path...>', help(CLI_HELP.fmt.path))
    .option('--check', help(CLI_HELP.fmt.check))
    .addHelpText('after', `\n${help(CLI_HELP.fmt.after)}`)
    .action(async (paths: string[], opts: { check?: boolean }) => finish(await (await import('./fmt-run.js')).runFmt(ctx, paths, opts)));
};

