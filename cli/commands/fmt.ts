// `kaoping fmt [--check] PATH…` — the canonical layout of policy sources.
import type { CommandDefinition } from '../main.js';

export const defineFmt: CommandDefinition = (program, ctx, finish) => {
  program
    .command('fmt')
    .description('format policy sources in place (canonical layout, comments kept)')
    .argument('<path...>', 'policy folder, folder of policy folders (e.g. policies/), or .kp file')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any')
    .addHelpText(
      'after',
      '\nA file with syntax errors is left untouched and reported (exit 1). Files are replaced atomically.',
    )
    .action(async (paths: string[], opts: { check?: boolean }) => finish(await (await import('./fmt-run.js')).runFmt(ctx, paths, opts)));
};

