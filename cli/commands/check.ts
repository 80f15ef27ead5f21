// `kaoping check PATH…` — compile policies and report their diagnostics.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';

export const defineCheck: CommandDefinition = (program, ctx, finish) => {
  program
    .command('check')
    .description('check policies: syntax, names, types, points and assertions')
    .argument('<path...>', 'policy folder, .kp file, or Git revision spec REV:path')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--fix', 'apply the unambiguous quick fixes to the files first (each one is printed), then report what is left')
    .addHelpText('after', '\nExit code 1 when any policy has errors (after --fix: errors left); warnings alone exit 0.')
    .action(async (paths: string[], opts: { format: 'text' | 'json'; fix?: boolean }) => finish(await (await import('./check-run.js')).runCheck(ctx, paths, opts)));
};
