// `kaoping replay LINE_OR_FILE` — evaluate again what a decision log line records, and check that the
// results are the same bytes (their SHA-256); exit 1 when any line does not reproduce.
import type { CommandDefinition } from '../main.js';

export interface ReplayCommandOptions {
  policies?: string;
  log?: string;
  data?: string;
}

export const defineReplay: CommandDefinition = (program, ctx, finish) => {
  program
    .command('replay')
    .description('evaluate again what decision log lines record (kaoping eval/serve --log) and check the results are the same')
    .argument('<line-or-file>', 'one log line (JSON), or a decisions-*.jsonl file (every line)')
    .option('--policies <dir>', 'read the policy in this folder instead of the one logged (for serve: the --policies folder)')
    .option('--log <dir>', "the log folder, whose data/ holds kept data (default: the file's folder)")
    .option('--data <file>', 'the data, when it was neither kept nor is at its logged path (checked by its SHA-256)')
    .addHelpText('after', '\nExit code 1 when a line does not reproduce: the policy, the data or the results differ from the log.')
    .action(async (arg: string, opts: ReplayCommandOptions) => finish(await (await import('./replay-run.js')).runReplay(ctx, arg, opts)));
};
