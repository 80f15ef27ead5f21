// `kaoping test PATH…` — run the policies' `test` blocks; the last line is `N passed, N failed`.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export const defineTest: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('test')
    .description(help(CLI_HELP.test.description))
    .argument('<path...>', help(CLI_HELP.test.path))
    .option('--coverage', help(CLI_HELP.test.coverage))
    .option('--json', help(CLI_HELP.test.json))
    .addHelpText('after', `\n${help(CLI_HELP.test.after)}`)
    .action(async (paths: string[], opts: { coverage?: boolean; json?: boolean }) =>
      finish(await (await import('./test-run.js')).runTest(ctx, paths, opts)));
};
