// `kaoping test PATH…` — run the policies' `test` blocks; the last line is `N passed, N failed`.
import type { CommandDefinition } from '../main.js';

export const defineTest: CommandDefinition = (program, ctx, finish) => {
  program
    .command('test')
    .description("run the policies' test blocks")
    .argument('<path...>', 'policy folder, .kp file, or Git revision spec REV:path')
    .addHelpText('after', '\nExit code 1 when a test fails or a policy does not compile.')
    .action(async (paths: string[]) => finish(await (await import('./test-run.js')).runTest(ctx, paths)));
};
