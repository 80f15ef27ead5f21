// `kaoping diff OLD NEW` — the semantic diff of two policy versions, with its impact on data; also
// works as a Git external diff driver (seven arguments, nine on a rename: see gitDriver).
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';

export interface DiffOptions {
  data?: string;
  period?: string;
  format: 'text' | 'markdown';
}

export const defineDiff: CommandDefinition = (program, ctx, finish) => {
  program
    .command('diff')
    .description('semantic diff of two policy versions (and its impact on data)')
    .argument('<old>', 'old version: folder, .kp file, or Git revision spec (HEAD~1:policies/x)')
    .argument('<new>', 'new version: folder, .kp file, or Git revision spec')
    .argument('[git-args...]', 'as a Git diff driver: the five further arguments Git passes (seven on a rename)')
    .option('--data <file>', 'result data (JSON, .xlsx, CSV folder, or - for standard input): show totals, ranks and tiers under both')
    .option('--period <period>', 'the period to evaluate (e.g. 2021)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown']).default('text'))
    .addHelpText(
      'after',
      `
As a Git diff driver (see docs/cli.md): .gitattributes \`*.kp diff=kaoping\` and
  git config diff.kaoping.command "node $PWD/cli/kaoping.mjs diff"
Git then calls it with seven arguments (nine for a renamed or copied file); the other .kp files of the
changed file's folder are read from the working tree, so a one-file change is shown as the change to
the whole policy.`,
    )
    .action(async (oldSpec: string, newSpec: string, rest: string[], opts: DiffOptions) =>
      finish(await (await import('./diff-run.js')).runDiff(ctx, oldSpec, newSpec, rest, opts)),
    );
};
