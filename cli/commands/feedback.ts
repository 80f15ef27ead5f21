// `kaoping feedback PATH --data D --unit U|--all --out DIR` — a 绩效改进建议书 per unit: an HTML page (prints to
// PDF) and a workbook with its result, rank and tier, where it lost most points and why, its distance to the
// peer median and to the tier above.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface FeedbackOptions {
  data: string;
  period?: string;
  unit?: string;
  all?: boolean;
  out: string;
  /** also print each page to <unit>.pdf */
  pdf?: boolean;
}

export const defineFeedback: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('feedback')
    .description(help(CLI_HELP.feedback.description))
    .argument('<path>', help(CLI_HELP.feedback.path))
    .requiredOption('--data <file>', help(CLI_HELP.feedback.data))
    .option('--period <period>', help(CLI_HELP.feedback.period))
    .option('--unit <id>', help(CLI_HELP.feedback.unit))
    .option('--all', help(CLI_HELP.feedback.all))
    .requiredOption('--out <dir>', help(CLI_HELP.feedback.out))
    .option('--pdf', help(CLI_HELP.feedback.pdf))
    .action(async (spec: string, opts: FeedbackOptions) => finish(await (await import('./feedback-run.js')).runFeedback(ctx, spec, opts)));
};
