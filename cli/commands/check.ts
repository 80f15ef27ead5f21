// `kaoping check PATH…` — compile policies and report their diagnostics.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export const defineCheck: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('check')
    .description(help(CLI_HELP.check.description))
    .argument('<path...>', help(CLI_HELP.check.path))
    .addOption(new Option('--format <format>', help(CLI_HELP.check.format)).choices(['text', 'json']).default('text'))
    .option('--fix', help(CLI_HELP.check.fix))
    .addHelpText('after', `\n${help(CLI_HELP.check.after)}`)
    .action(async (paths: string[], opts: { format: 'text' | 'json'; fix?: boolean }) => finish(await (await import('./check-run.js')).runCheck(ctx, paths, opts)));
};
