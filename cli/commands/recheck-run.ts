// `kaoping recheck PATH --data OLD --data-after NEW` (复核): a unit disputes its data, the office corrects it and
// evaluates again; the report lists which inputs changed for which units and who changes total, rank and tier
// (the impact table of the semantic diff, here for one policy and two versions of the data).
// The work of the command, loaded only when it runs (the definition is in recheck.ts).
import path from 'node:path';
import { dataChanges } from '../../runtime/data/data-changes.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { cliMessage } from '../../messages/index.js';
import { writeAtomic } from '../files.js';
import { styledWorkbook, type SheetSpec } from '../../reports/workbook.js';
import { requireGraph } from '../policy-graph.js';
import { renderMarkdown, renderText, type Block } from '../diff-report.js';
import { recheckDocument } from '../recheck-report.js';
import { evaluateData, type Evaluated } from '../evaluate-data.js';
import { checkData, readData } from '../load-data.js';
import type { RecheckOptions } from './recheck.js';

export async function runRecheck(ctx: CliContext, spec: string, opts: RecheckOptions): Promise<number> {
  if (opts.out && !/\.xlsx$/i.test(opts.out)) throw new UsageError(cliMessage('outEnding', { out: opts.out, endings: ['.xlsx'] }));
  const graph = await requireGraph(ctx, spec);
  const period = opts.period ?? null;
  const before = await evaluated(ctx, graph, opts.data, period);
  const after = await evaluated(ctx, graph, opts.dataAfter, period);
  const changes = dataChanges(graph, checkData(graph, before.raw), checkData(graph, after.raw));
  const doc = recheckDocument(graph, { before: opts.data, after: opts.dataAfter }, before.evaluated, after.evaluated, changes, langOf(ctx));
  ctx.out(opts.format === 'markdown' ? renderMarkdown(doc) : renderText(doc));
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), await reportWorkbook(doc));
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  return ExitCode.ok;
}

/** The report's sections as the sheets of a workbook: a table as it is, a sentence (无。) as one cell; the first heading is the title. */
function reportWorkbook(doc: Block[]): Promise<Uint8Array> {
  const title = doc.find((b): b is Extract<Block, { heading: string }> => 'heading' in b && b.level === 1)?.heading;
  const sheets: SheetSpec[] = [];
  let heading = '';
  for (const b of doc) {
    if ('heading' in b) heading = b.heading;
    if (b === doc[0] || !('table' in b || 'para' in b) || sheets.some((s) => s.name === heading)) continue;
    const table = 'table' in b ? b.table : { header: [heading], rows: [[b.para]] };
    sheets.push({
      name: heading,
      ...(title ? { title: `${title} · ${heading}` } : {}),
      columns: table.header.map((header) => ({ header, format: { t: 'text' } })),
      rows: table.rows,
      frozenColumns: 1,
    });
  }
  return styledWorkbook(sheets);
}

async function evaluated(ctx: CliContext, graph: RuleGraph, data: string, period: string | null): Promise<{ raw: RawDataset; evaluated: Evaluated }> {
  const raw = await readData(ctx, graph, data);
  return { raw, evaluated: evaluateData(ctx, graph, raw, period, data) };
}
