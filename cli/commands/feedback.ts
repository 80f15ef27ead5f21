// `kaoping feedback PATH --data D --unit U|--all --out DIR` — a 绩效改进建议书 per unit: an HTML page (prints to
// PDF) and a workbook with its result, rank and tier, where it lost most points and why, its distance to the
// peer median and to the tier above.
import type { CommandDefinition } from '../main.js';

export interface FeedbackOptions {
  data: string;
  period?: string;
  unit?: string;
  all?: boolean;
  out: string;
  /** also print each page to <unit>.pdf */
  pdf?: boolean;
}

export const defineFeedback: CommandDefinition = (program, ctx, finish) => {
  program
    .command('feedback')
    .description('绩效改进建议书: per unit an HTML page and a workbook — result, rank, tier, where it lost most points and why, distance to the median and to the tier above')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--unit <id>', 'the unit (its id)')
    .option('--all', 'every unit of the data')
    .requiredOption('--out <dir>', 'the folder to write <unit>.html and <unit>.xlsx into (made if missing)')
    .option('--pdf', 'also print each page to <unit>.pdf with a Chromium on the machine (KAOPING_CHROMIUM, else chromium on PATH)')
    .action(async (spec: string, opts: FeedbackOptions) => finish(await (await import('./feedback-run.js')).runFeedback(ctx, spec, opts)));
};
