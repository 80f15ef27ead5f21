// `kaoping recheck PATH --data OLD --data-after NEW` (复核): a unit disputes its data, the office corrects it and
// evaluates again; the report lists which inputs changed for which units and who changes total, rank and tier
// (the impact table of the semantic diff, here for one policy and two versions of the data).
// The work of the command, loaded only when it runs (the definition is in recheck.ts).
import path from 'node:path';
import { compareResults } from '../../review/diff-impact.js';
import { dataChanges, type DataChanges } from '../../runtime/data/data-changes.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { cliMessage, diffMessage, render, type Lang, type MessageRef } from '../../messages/index.js';
import { writeAtomic } from '../files.js';
import { styledWorkbook, type SheetSpec } from '../workbook.js';
import { requireGraph } from '../policy-graph.js';
import { movementTable, renderMarkdown, renderText, standingTable, type Block } from '../diff-report.js';
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
  const doc = recheckDocument(graph, opts, before.evaluated, after.evaluated, changes, langOf(ctx));
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

function recheckDocument(graph: RuleGraph, opts: RecheckOptions, before: Evaluated, after: Evaluated, data: DataChanges, lang: Lang): Block[] {
  const say = (ref: MessageRef) => render(ref, lang);
  const impact = compareResults(before.results, after.results, { renames: {} });
  const moved = impact.units.filter(
    (u) => u.change !== 0 || u.before?.rank !== u.after?.rank || (u.before?.tier ?? null) !== (u.after?.tier ?? null),
  );
  const units = new Set(data.changes.map((c) => `${c.kind}\u0000${c.unit}`));
  const none = { para: render(diffMessage('none'), lang) };
  const blocks: Block[] = [
    { heading: say(cliMessage('recheckTitle', { policy: graph.policy.name, period: after.results.period || null, before: opts.data, after: opts.dataAfter })), level: 1 },
    {
      list: [
        say(cliMessage('recheckSummary', { part: 'changes', count: data.changes.length, units: units.size })),
        say(cliMessage('recheckSummary', { part: 'moved', count: moved.length, units: 0 })),
        say(cliMessage('recheckSummary', { part: 'tiers', count: impact.tierChanges.length, units: 0 })),
      ],
    },
    { heading: say(cliMessage('recheckHeading', { part: 'changes' })), level: 2 },
  ];
  const noValue = say(diffMessage('noValue'));
  if (data.changes.length === 0) blocks.push({ para: say(cliMessage('recheckSameInputs')) });
  else
    blocks.push({
      table: {
        header: say(cliMessage('recheckColumns')).split('|'),
        rows: data.changes.map((c) => [
          c.name && c.name !== c.unit ? `${c.name} (${c.unit})` : c.unit,
          c.kind,
          c.period || '—',
          c.input,
          c.before ?? noValue,
          c.after ?? noValue,
          [
            ...(c.removed ?? []).map((record) => say(cliMessage('recheckRecord', { added: false, record }))),
            ...(c.added ?? []).map((record) => say(cliMessage('recheckRecord', { added: true, record }))),
          ].join(lang === 'zh' ? '；' : '; '),
        ]),
      },
    });
  const only = [
    ...data.onlyBefore.map((u) => say(cliMessage('recheckOnlyIn', { kind: u.kind, unit: u.unit, data: opts.data }))),
    ...data.onlyAfter.map((u) => say(cliMessage('recheckOnlyIn', { kind: u.kind, unit: u.unit, data: opts.dataAfter }))),
  ];
  if (only.length > 0) blocks.push({ list: only });
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'tiers' })), level: 2 }, impact.tierChanges.length ? standingTable(impact.tierChanges, lang) : none);
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'moved' })), level: 2 }, moved.length ? standingTable(moved, lang) : none);
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'indicators' })), level: 2 }, impact.indicators.length ? movementTable(impact.indicators, lang, graph.policy.precision) : none);
  return blocks;
}
