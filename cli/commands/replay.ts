// `kaoping replay LINE_OR_FILE` — evaluate again what a decision log line records, and check that the
// results are the same bytes (their SHA-256); exit 1 when any line does not reproduce.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface ReplayCommandOptions {
  policies?: string;
  log?: string;
  data?: string;
}

export const defineReplay: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('replay')
    .description(help(CLI_HELP.replay.description))
    .argument('<line-or-file>', help(CLI_HELP.replay.lineOrFile))
    .option('--policies <dir>', help(CLI_HELP.replay.policies))
    .option('--log <dir>', help(CLI_HELP.replay.log))
    .option('--data <file>', help(CLI_HELP.replay.data))
    .addHelpText('after', `\n${help(CLI_HELP.replay.after)}`)
    .action(async (arg: string, opts: ReplayCommandOptions) => finish(await (await import('./replay-run.js')).runReplay(ctx, arg, opts)));
};
