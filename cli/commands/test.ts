// `kaoping test PATH…` — run the policies' `test` blocks; the last line is `N passed, N failed`.
import type { CommandDefinition } from '../main.js';

export const defineTest: CommandDefinition = (program, ctx, finish) => {
  program
    .command('test')
    .description("run the policies' test blocks")
    .argument('<path...>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('--coverage', 'also print which bands, branches, lines, gates, vetoes and tie rules the tests reached, as a tree')
    .option('--json', 'print the results (and with --coverage the coverage) as JSON')
    .addHelpText('after', "\nExit code 1 when a test fails, a policy does not compile, or the tests' coverage is below the policy's declared minimum.")
    .action(async (paths: string[], opts: { coverage?: boolean; json?: boolean }) =>
      finish(await (await import('./test-run.js')).runTest(ctx, paths, opts)));
};
