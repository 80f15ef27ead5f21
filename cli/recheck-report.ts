// The 复核 report of a correction, as blocks (rendered as text, Markdown or a workbook): which inputs changed for
// which units and who changes total, rank and tier — the impact table of the semantic diff, for one policy and two
// versions of the data. Made by `kaoping recheck` and by the service's recheck endpoint.
import { compareResults } from '../review/diff-impact.js';
import type { DataChanges } from '../runtime/data/data-changes.js';
import type { RuleGraph } from '../graph/graph.js';
import { cliMessage, diffMessage, render, type Lang, type MessageRef } from '../messages/index.js';
import { movementTable, standingTable, type Block } from './diff-report.js';
import type { Evaluated } from './evaluate-data.js';

/**
 * The 复核 report: which inputs changed for which units, who changes tier, total or rank, and how each
 * indicator's scores moved. `names` are the two data as the reader knows them (file names).
 */
export function recheckDocument(graph: RuleGraph, names: { before: string; after: string }, before: Evaluated, after: Evaluated, data: DataChanges, lang: Lang): Block[] {
  const say = (ref: MessageRef) => render(ref, lang);
  const impact = compareResults(before.results, after.results, { renames: {} });
  const moved = impact.units.filter(
    (u) => u.change !== 0 || u.before?.rank !== u.after?.rank || (u.before?.tier ?? null) !== (u.after?.tier ?? null),
  );
  const units = new Set(data.changes.map((c) => `${c.kind}\u0000${c.unit}`));
  const none = { para: render(diffMessage('none'), lang) };
  const blocks: Block[] = [
    { heading: say(cliMessage('recheckTitle', { policy: graph.policy.name, period: after.results.period || null, before: names.before, after: names.after })), level: 1 },
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
    ...data.onlyBefore.map((u) => say(cliMessage('recheckOnlyIn', { kind: u.kind, unit: u.unit, data: names.before }))),
    ...data.onlyAfter.map((u) => say(cliMessage('recheckOnlyIn', { kind: u.kind, unit: u.unit, data: names.after }))),
  ];
  if (only.length > 0) blocks.push({ list: only });
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'tiers' })), level: 2 }, impact.tierChanges.length ? standingTable(impact.tierChanges, lang) : none);
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'moved' })), level: 2 }, moved.length ? standingTable(moved, lang) : none);
  blocks.push({ heading: say(cliMessage('recheckHeading', { part: 'indicators' })), level: 2 }, impact.indicators.length ? movementTable(impact.indicators, lang, graph.policy.precision) : none);
  return blocks;
}
