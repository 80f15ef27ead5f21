// `kaoping bulletin PATH --data D --period P [--previous Q] --out x.xlsx|x.html` — the 通报 of a period: ranking
// per kind with movement since the previous period, section scores, each indicator's best and worst units,
// tier counts, gated and vetoed units with the reason.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface BulletinOptions {
  data: string;
  period: string;
  previous?: string;
  out: string;
}

export const defineBulletin: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('bulletin')
    .description(help(CLI_HELP.bulletin.description))
    .argument('<path>', help(CLI_HELP.bulletin.path))
    .requiredOption('--data <file>', help(CLI_HELP.bulletin.data))
    .requiredOption('--period <period>', help(CLI_HELP.bulletin.period))
    .option('--previous <period>', help(CLI_HELP.bulletin.previous))
    .requiredOption('--out <file>', help(CLI_HELP.bulletin.out))
    .action(async (spec: string, opts: BulletinOptions) => finish(await (await import('./bulletin-run.js')).runBulletin(ctx, spec, opts)));
};
