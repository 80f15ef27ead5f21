// `kaoping analyze PATH --data D [--period P]` (绩效分析) — per indicator: distribution, 满分率, share at zero,
// spread, correlation with the total, tier changes without it; flags 绩效趋同, 不区分, 从未扣分, 过于严苛; with
// --periods, the trend of each indicator over several periods.
import { ANALYSIS_THRESHOLDS } from '../../runtime/results/analysis-flags.js';
import type { CommandDefinition } from '../main.js';

export interface AnalyzeOptions {
  data: string;
  period?: string;
  /** several periods, comma-separated, or `all`: the trend */
  periods?: string;
  out?: string;
}

export const defineAnalyze: CommandDefinition = (program, ctx, finish) => {
  program
    .command('analyze')
    .description('绩效分析: per indicator distribution, 满分率, share at zero, spread, correlation with the total, tier changes without it; flags 绩效趋同, 不区分, 从未扣分, 过于严苛')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--period <period>', 'the period to analyse (e.g. 2021 or 2021Q2)')
    .option('--periods <list>', 'the trend over several periods: 2021Q1,2021Q2,… or all (every period of the data but those the policy makes of others)')
    .option('--out <file>', 'also write the analysis: .json, .csv or .xlsx (by extension)')
    .addHelpText(
      'after',
      `\nFlags: 绩效趋同 when ${ANALYSIS_THRESHOLDS.fullShare * 100}% or more of the units scored are at full points, 过于严苛 when as many are at 0,\n不区分 when every unit scored has the same score, 从未扣分 when a deduction line took nothing from any unit.\nA policy sets its own thresholds in an \`analysis\` (绩效分析) declaration (docs/language.md).`,
    )
    .action(async (spec: string, opts: AnalyzeOptions) => finish(await (await import('./analyze-run.js')).runAnalyze(ctx, spec, opts)));
};
