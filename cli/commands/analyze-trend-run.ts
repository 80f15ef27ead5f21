// `kaoping analyze PATH --data D --periods 2021Q1,2021Q2,…|all` — 绩效分析 over several periods: per indicator the
// mean and share at full points of each period, how they moved from the first period scoring it to the last, and
// the periods each flag was raised in. Loaded only when --periods is given (analyze-run.ts dispatches here).
import path from 'node:path';
import { cliMessage, type Lang } from '../../messages/index.js';
import { phrasebook } from '../../messages/catalogue.js';
import { REPORT_ANALYSIS, type AnalysisColumn } from '../../messages/report-analysis.js';
import type { RuleGraph } from '../../graph/graph.js';
import { ANALYSIS_FLAG_TEXTS, thresholdsOf } from '../../runtime/results/analysis-flags.js';
import { indicatorTrend, type IndicatorTrend } from '../../runtime/results/indicator-trend.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { periodsAsked } from '../analysis-periods.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { checkData } from '../load-data.js';
import { CSV_BOM, csvLines } from '../../reports/results-file.js';
import { stableJson } from '../../reports/stable-json.js';
import { renderTable } from '../table.js';
import { styledWorkbook, type Cell, type SheetColumn } from '../../reports/workbook.js';
import type { AnalyzeOptions } from './analyze.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A change as an arrow and its size at the places shown: ↑0.35, ↓10.0%, → when it rounds to nothing. */
function moved(x: number | null, show: (x: number) => string): string {
  if (x === null) return '—';
  const shown = show(Math.abs(x));
  return Number.parseFloat(shown) === 0 ? `→${shown}` : `${x > 0 ? '↑' : '↓'}${shown}`;
}

/** The flags and the periods they were raised in (每期 when in every period scoring the indicator). */
function flagText(t: IndicatorTrend, periods: readonly string[], lang: Lang): string {
  const words = phrasebook(REPORT_ANALYSIS, lang);
  const scoredIn = periods.filter((_, k) => t.periods[k] !== null);
  return words('flags', {
    flags: t.flags.map((f) => words('flagPeriods', { flag: ANALYSIS_FLAG_TEXTS[f.flag][lang], periods: f.periods.length === scoredIn.length ? 'all' : f.periods })),
  });
}

export async function runAnalyzeTrend(ctx: CliContext, graph: RuleGraph, raw: RawDataset, opts: AnalyzeOptions & { periods: string }): Promise<number> {
  if (opts.period !== undefined) throw new UsageError(cliMessage('trendWithPeriod'));
  const dataset = checkData(graph, raw);
  const periods = periodsAsked(graph, dataset, opts.periods);
  // Each period's data problems are reported, located and named by period, as `eval --period` reports them;
  // nothing is analysed, printed or written unless every period is sound.
  for (const p of periods) evaluateData(ctx, graph, raw, p, p);
  const trend = indicatorTrend(graph, dataset, periods);
  const kinds = graph.kinds.map((k) => k.name).filter((k) => trend.indicators.some((t) => t.kind === k));
  const of = (kind: string) => trend.indicators.filter((t) => t.kind === kind);
  const lang = langOf(ctx);
  const words = phrasebook(REPORT_ANALYSIS, lang);
  const header = (column: AnalysisColumn) => words('column', { column });

  const terminal: { header: string; right: boolean; text: (t: IndicatorTrend) => string }[] = [
    { header: header('indicator'), right: false, text: (t) => t.name },
    { header: header('section'), right: false, text: (t) => t.section },
    { header: header('points'), right: true, text: (t) => String(t.points) },
    ...periods.map((p, k) => ({
      header: words('periodMeanFull', { period: p }),
      right: true,
      text: (t: IndicatorTrend) => {
        const a = t.periods[k];
        return a?.mean == null || a.fullShare === null ? '—' : `${a.mean.toFixed(2)} / ${pct(a.fullShare)}`;
      },
    })),
    { header: header('meanChange'), right: true, text: (t) => moved(t.meanChange, (x) => x.toFixed(2)) },
    { header: header('fullShareChange'), right: true, text: (t) => moved(t.fullShareChange, pct) },
    { header: header('flags'), right: false, text: (t) => flagText(t, periods, lang) },
  ];
  ctx.out(
    kinds
      .map((kind) => {
        const rows = of(kind);
        const heading = words('trendHeading', { kind, indicators: rows.length, flagged: rows.filter((t) => t.flags.length > 0).length, periods });
        return `${heading}\n${renderTable(terminal.map((c) => c.header), rows.map((t) => terminal.map((c) => c.text(t))), terminal.map((c) => (c.right ? 'right' : 'left')))}`;
      })
      .join('\n'),
  );

  if (opts.out) {
    // Files hold each figure in a column of its own, as numbers in their formats.
    const columns: (SheetColumn & { value: (t: IndicatorTrend) => Cell })[] = [
      { header: header('indicator'), format: { t: 'text' }, value: (t) => t.name },
      { header: header('section'), format: { t: 'text' }, value: (t) => t.section },
      { header: header('points'), format: { t: 'score', precision: 0 }, value: (t) => t.points },
      ...periods.flatMap((period, k) => [
        { header: words('periodColumn', { period, column: 'scored' }), format: { t: 'count' } as const, value: (t: IndicatorTrend) => t.periods[k]?.scored ?? null },
        { header: words('periodColumn', { period, column: 'mean' }), format: { t: 'score', precision: 2 } as const, value: (t: IndicatorTrend) => t.periods[k]?.mean ?? null },
        { header: words('periodColumn', { period, column: 'sd' }), format: { t: 'score', precision: 2 } as const, value: (t: IndicatorTrend) => t.periods[k]?.sd ?? null },
        { header: words('periodColumn', { period, column: 'fullShare' }), format: { t: 'percent', precision: 1 } as const, value: (t: IndicatorTrend) => t.periods[k]?.fullShare ?? null },
        { header: words('periodColumn', { period, column: 'zeroShare' }), format: { t: 'percent', precision: 1 } as const, value: (t: IndicatorTrend) => t.periods[k]?.zeroShare ?? null },
      ]),
      { header: header('meanChange'), format: { t: 'score', precision: 2 }, value: (t) => t.meanChange },
      { header: header('fullShareChange'), format: { t: 'percent', precision: 1 }, value: (t) => t.fullShareChange },
      { header: header('flags'), format: { t: 'text' }, value: (t) => flagText(t, periods, lang) },
    ];
    const rows = (kind: string) => of(kind).map((t) => columns.map((c) => c.value(t)));
    let content: string | Uint8Array;
    if (/\.json$/i.test(opts.out)) content = stableJson({ periods, thresholds: thresholdsOf(graph.analysis), indicators: trend.indicators });
    else if (/\.csv$/i.test(opts.out)) content = CSV_BOM + csvLines([[header('kind'), ...columns.map((c) => c.header)], ...kinds.flatMap((k) => rows(k).map((r) => [k, ...r]))], { raw: false });
    else content = await styledWorkbook(kinds.map((k) => ({ name: words('trendSheet', { kind: k }), title: words('trendTitle', { policy: graph.policy.name, periods }), columns, rows: rows(k), frozenColumns: 1 })));
    await writeAtomic(path.resolve(ctx.cwd, opts.out), content);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  return ExitCode.ok;
}
