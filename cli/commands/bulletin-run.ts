// `kaoping bulletin PATH --data D --period P [--previous Q] --out x.xlsx|x.html` — the 通报 of a period: ranking
// per kind with movement since the previous period, section scores, each indicator's best and worst units,
// tier counts, gated and vetoed units with the reason.
// The work of the command, loaded only when it runs (the definition is in bulletin.ts).
import path from 'node:path';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { cliMessage } from '../../messages/index.js';
import { requireGraph } from '../policy-graph.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { readData } from '../load-data.js';
import { buildBulletin } from '../../reports/bulletin.js';
import { bulletinHtml } from '../../reports/bulletin-html.js';
import { bulletinWorkbook } from '../../reports/bulletin-workbook.js';
import { printPdf } from '../print-pdf.js';
import type { BulletinOptions } from './bulletin.js';

export async function runBulletin(ctx: CliContext, spec: string, opts: BulletinOptions): Promise<number> {
  if (!/\.(xlsx|html?|pdf)$/i.test(opts.out)) throw new UsageError(cliMessage('outEnding', { out: opts.out, endings: ['.xlsx', '.html', '.pdf'] }));
  if (opts.previous === opts.period) throw new UsageError(cliMessage('previousIsPeriod', { previous: opts.previous }));
  const graph = await requireGraph(ctx, spec);
  const raw = await readData(ctx, graph, opts.data);
  const current = evaluateData(ctx, graph, raw, opts.period, `${opts.data} (${opts.period})`);
  const previous = opts.previous ? evaluateData(ctx, graph, raw, opts.previous, `${opts.data} (${opts.previous})`) : null;
  const bulletin = buildBulletin(graph, current, previous, langOf(ctx));
  const content = /\.xlsx$/i.test(opts.out)
    ? await bulletinWorkbook(bulletin)
    : /\.pdf$/i.test(opts.out)
      ? (await printPdf(ctx, [bulletinHtml(bulletin)]))[0]!
      : bulletinHtml(bulletin);
  await writeAtomic(path.resolve(ctx.cwd, opts.out), content);
  ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  return ExitCode.ok;
}
