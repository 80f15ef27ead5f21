// `kaoping check PATH…` — compile policies and report their diagnostics.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';

export const defineCheck: CommandDefinition = (program, ctx, finish) => {
  program
    .command('check')
    .description('check policies: syntax, names, types, points and assertions')
    .argument('<path...>', 'policy folder, .kp file, or Git revision spec REV:path')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExit code 1 when any policy has errors; warnings alone exit 0.')
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => finish(await (await import('./check-run.js')).runCheck(ctx, paths, opts)));
};
