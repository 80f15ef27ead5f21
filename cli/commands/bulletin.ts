// `kaoping bulletin PATH --data D --period P [--previous Q] --out x.xlsx|x.html` — the 通报 of a period: ranking
// per kind with movement since the previous period, section scores, each indicator's best and worst units,
// tier counts, gated and vetoed units with the reason.
import path from 'node:path';
import { ExitCode, UsageError } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { readData } from '../load-data.js';
import { buildBulletin } from '../bulletin.js';
import { bulletinHtml } from '../bulletin-html.js';
import { bulletinWorkbook } from '../bulletin-workbook.js';

interface BulletinOptions {
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
    .requiredOption('--out <file>', 'the bulletin: .xlsx (styled workbook) or .html (a self-contained page that prints to PDF)')
    .action(async (spec: string, opts: BulletinOptions) => {
      if (!/\.(xlsx|html?)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: the file must end in .xlsx or .html`);
      if (opts.previous === opts.period) throw new UsageError(`--previous ${opts.previous}: the previous period must differ from --period`);
      const graph = await requireGraph(ctx, spec);
      const raw = await readData(ctx, graph, opts.data);
      const current = evaluateData(ctx, graph, raw, opts.period, `${opts.data} (${opts.period})`);
      const previous = opts.previous ? evaluateData(ctx, graph, raw, opts.previous, `${opts.data} (${opts.previous})`) : null;
      const bulletin = buildBulletin(graph, current, previous);
      const content = /\.xlsx$/i.test(opts.out) ? await bulletinWorkbook(bulletin) : bulletinHtml(bulletin);
      await writeAtomic(path.resolve(ctx.cwd, opts.out), content);
      ctx.err(`wrote ${opts.out}\n`);
      finish(ExitCode.ok);
    });
};
