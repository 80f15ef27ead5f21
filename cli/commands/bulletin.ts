// `kaoping bulletin PATH --data D --period P [--previous Q] --out x.xlsx|x.html` — the 通报 of a period: ranking
// per kind with movement since the previous period, section scores, each indicator's best and worst units,
// tier counts, gated and vetoed units with the reason.
import type { CommandDefinition } from '../main.js';

export interface BulletinOptions {
  data: string;
  period: string;
  previous?: string;
  out: string;
}

export const defineBulletin: CommandDefinition = (program, ctx, finish) => {
  program
    .command('bulletin')
    .description('通报: a period\'s ranking per kind with movement since the previous period, sections, best and worst per indicator, tiers, gated and vetoed units')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data holding the period (and the previous one): JSON, .xlsx, or a folder of CSV files')
    .requiredOption('--period <period>', 'the period of the bulletin (e.g. 2021Q2 or 2021)')
    .option('--previous <period>', 'the period to compare ranks with (e.g. 2021Q1)')
    .requiredOption('--out <file>', 'the bulletin: .xlsx (styled workbook), .html (a self-contained page that prints to PDF) or .pdf (printed by a Chromium on the machine: KAOPING_CHROMIUM, else chromium on PATH)')
    .action(async (spec: string, opts: BulletinOptions) => finish(await (await import('./bulletin-run.js')).runBulletin(ctx, spec, opts)));
};
