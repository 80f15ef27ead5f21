// `kaoping new-version SRC DEST --version V` — the yearly cycle's first step: a copy of last year's policy
// (its `.kp` sources, tests and fixtures) with the version, the year in its name and the periods bumped.
// Result data is not copied: last year's results are last year's facts (docs/cli.md).
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export const defineNewVersion: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('new-version')
    .description(help(CLI_HELP.newVersion.description))
    .argument('<src>', help(CLI_HELP.newVersion.src))
    .argument('<dest>', help(CLI_HELP.newVersion.dest))
    .requiredOption('--version <version>', help(CLI_HELP.newVersion.version))
    .addHelpText('after', `\n${help(CLI_HELP.newVersion.after)}`)
    .action(async (src: string, dest: string, opts: { version: string }) =>
      finish(await (await import('./new-version-run.js')).runNewVersion(ctx, src, dest, opts.version)),
    );
};

