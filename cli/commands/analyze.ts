// `kaoping analyze PATH --data D [--period P]` (绩效分析) — per indicator: distribution, 满分率, share at zero,
// spread, correlation with the total, tier changes without it; flags 绩效趋同, 不区分, 从未扣分, 过于严苛; with
// --periods, the trend of each indicator over several periods.
import { ANALYSIS_THRESHOLDS } from '../../runtime/results/analysis-flags.js';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface AnalyzeOptions {
  data: string;
  period?: string;
  /** several periods, comma-separated, or `all`: the trend */
  periods?: string;
  out?: string;
}

export const defineAnalyze: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('analyze')
    .description(help(CLI_HELP.analyze.description))
    .argument('<path>', help(CLI_HELP.analyze.path))
    .requiredOption('--data <file>', help(CLI_HELP.analyze.data))
    .option('--period <period>', help(CLI_HELP.analyze.period))
    .option('--periods <list>', help(CLI_HELP.analyze.periods))
    .option('--out <file>', help(CLI_HELP.analyze.out))
    .addHelpText('after', `\n${help(CLI_HELP.analyze.after, { fullPercent: ANALYSIS_THRESHOLDS.fullShare * 100 })}`)
    .action(async (spec: string, opts: AnalyzeOptions) => finish(await (await import('./analyze-run.js')).runAnalyze(ctx, spec, opts)));
};
