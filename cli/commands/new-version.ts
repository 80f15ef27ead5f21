// `kaoping new-version SRC DEST --version V` — the yearly cycle's first step: a copy of last year's policy
// (its `.kp` sources, tests and fixtures) with the version, the year in its name and the periods bumped.
// Result data is not copied: last year's results are last year's facts (docs/cli.md).
import type { CommandDefinition } from '../main.js';

export const defineNewVersion: CommandDefinition = (program, ctx, finish) => {
  program
    .command('new-version')
    .description("start next year's version of a policy: copy its sources, tests and fixtures, bump version and periods")
    .argument('<src>', 'the policy folder to start from (e.g. policies/tax-provincial-2021)')
    .argument('<dest>', 'the new folder (must not exist)')
    .requiredOption('--version <version>', 'the new version (e.g. 2022); its year sets the new periods')
    .addHelpText(
      'after',
      `
The \`policy\` header's version, the year in the policy's name and the \`periods\` declaration are bumped
(2021 from 2021Q1, … → 2022 from 2022Q1, …); nothing else changes, so \`kaoping diff SRC DEST\` shows no
rule change. Comments, texts and names that still mention the old year are listed for review. Result data
is not copied.`,
    )
    .action(async (src: string, dest: string, opts: { version: string }) =>
      finish(await (await import('./new-version-run.js')).runNewVersion(ctx, src, dest, opts.version)),
    );
};

