// `kaoping analyze PATH --data D [--period P]` (绩效分析) — per indicator: distribution, 满分率, share at zero,
// spread, correlation with the total, tier changes without it; flags 绩效趋同, 不区分, 从未扣分, 过于严苛.
// The work of the command, loaded only when it runs (the definition is in analyze.ts).
import path from 'node:path';
import { cliMessage, type Lang } from '../../messages/index.js';
import { phrasebook } from '../../messages/catalogue.js';
import { REPORT_ANALYSIS, type AnalysisColumn } from '../../messages/report-analysis.js';
import { ANALYSIS_FLAG_TEXTS, thresholdsOf } from '../../runtime/results/analysis-flags.js';
import { analyzeIndicators, type IndicatorAnalysis } from '../../runtime/results/indicator-analysis.js';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import { requireGraph } from '../policy-graph.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { checkData, readData, renderIssues } from '../load-data.js';
import { CSV_BOM, csvLines } from '../../reports/results-file.js';
import { stableJson } from '../../reports/stable-json.js';
import { renderTable } from '../table.js';
import { styledWorkbook, type Cell, type ColumnFormat } from '../../reports/workbook.js';
import type { AnalyzeOptions } from './analyze.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const dec = (x: number | null, places: number) => (x === null ? '—' : x.toFixed(places));

/** The columns of the analysis, for the terminal (text) and for files (values). */
const COLUMNS: { column: AnalysisColumn; format: ColumnFormat; text: (a: IndicatorAnalysis, lang: Lang) => string; value: (a: IndicatorAnalysis, lang: Lang) => Cell }[] = [
  { column: 'indicator', format: { t: 'text' }, text: (a) => a.name, value: (a) => a.name },
  { column: 'section', format: { t: 'text' }, text: (a) => a.section, value: (a) => a.section },
  { column: 'points', format: { t: 'score', precision: 0 }, text: (a) => String(a.points), value: (a) => a.points },
  { column: 'scored', format: { t: 'count' }, text: (a) => String(a.scored), value: (a) => a.scored },
  {
    column: 'distribution',
    format: { t: 'text' },
    text: (a) => (a.quartiles ? a.quartiles.map((q) => q.toFixed(a.precision)).join(' / ') : '—'),
    value: (a) => (a.quartiles ? a.quartiles.map((q) => q.toFixed(a.precision)).join(' / ') : null),
  },
  { column: 'mean', format: { t: 'score', precision: 2 }, text: (a) => dec(a.mean, 2), value: (a) => a.mean },
  { column: 'sd', format: { t: 'score', precision: 2 }, text: (a) => dec(a.sd, 2), value: (a) => a.sd },
  { column: 'cv', format: { t: 'percent', precision: 1 }, text: (a) => pct(a.cv), value: (a) => a.cv },
  { column: 'fullShare', format: { t: 'percent', precision: 1 }, text: (a) => pct(a.fullShare), value: (a) => a.fullShare },
  { column: 'zeroShare', format: { t: 'percent', precision: 1 }, text: (a) => pct(a.zeroShare), value: (a) => a.zeroShare },
  { column: 'correlation', format: { t: 'score', precision: 2 }, text: (a) => dec(a.correlation, 2), value: (a) => a.correlation },
  { column: 'tierChanges', format: { t: 'count' }, text: (a) => (a.tierChanges === null ? '—' : String(a.tierChanges)), value: (a) => a.tierChanges },
  { column: 'flags', format: { t: 'text' }, text: flagText, value: flagText },
];

function flagText(a: IndicatorAnalysis, lang: Lang): string {
  const words = phrasebook(REPORT_ANALYSIS, lang);
  const flag = (f: IndicatorAnalysis['flags'][number]) => ANALYSIS_FLAG_TEXTS[f][lang];
  return words('flags', { flags: a.flags.map((f) => (f === 'never_deducted' ? words('flagLines', { flag: flag(f), lines: a.neverDeducted! }) : flag(f))) });
}

export async function runAnalyze(ctx: CliContext, spec: string, opts: AnalyzeOptions): Promise<number> {
  if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(cliMessage('outEnding', { out: opts.out, endings: ['.json', '.csv', '.xlsx'] }));
  const graph = await requireGraph(ctx, spec);
  const raw = await readData(ctx, graph, opts.data);
  if (opts.periods !== undefined) return (await import('./analyze-trend-run.js')).runAnalyzeTrend(ctx, graph, raw, { ...opts, periods: opts.periods });
  // The data's problems are reported, located, as `eval` reports them; nothing is analysed unless all is well.
  evaluateData(ctx, graph, raw, opts.period ?? null, null);
  const analysis = analyzeIndicators(graph, checkData(graph, raw), opts.period);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) ctx.err(renderIssues(ctx, errors));
  const lang = langOf(ctx);
  const words = phrasebook(REPORT_ANALYSIS, lang);
  const headers = COLUMNS.map((c) => words('column', { column: c.column }));
  const kinds = graph.kinds.map((k) => k.name).filter((k) => analysis.indicators.some((a) => a.kind === k));
  ctx.out(
    kinds
      .map((kind) => {
        const rows = analysis.indicators.filter((a) => a.kind === kind);
        const flagged = rows.filter((a) => a.flags.length > 0).length;
        const header = words('kindHeading', { kind, indicators: rows.length, flagged, period: opts.period ?? null });
        const align = COLUMNS.map((c) => (c.format.t === 'text' ? 'left' : 'right') as 'left' | 'right');
        return `${header}\n${renderTable(headers, rows.map((a) => COLUMNS.map((c) => c.text(a, lang))), align)}`;
      })
      .join('\n'),
  );
  if (opts.out) {
    const file = path.resolve(ctx.cwd, opts.out);
    const rows = (kind: string) => analysis.indicators.filter((a) => a.kind === kind).map((a) => COLUMNS.map((c) => c.value(a, lang)));
    const columns = COLUMNS.map((c, k) => ({ header: headers[k]!, format: c.format }));
    let content: string | Uint8Array;
    if (/\.json$/i.test(opts.out)) content = stableJson({ period: opts.period ?? null, thresholds: thresholdsOf(graph.analysis), indicators: analysis.indicators });
    else if (/\.csv$/i.test(opts.out)) content = CSV_BOM + csvLines([[words('column', { column: 'kind' }), ...headers], ...kinds.flatMap((k) => rows(k).map((r) => [k, ...r]))], { raw: false });
    else content = await styledWorkbook(kinds.map((k) => ({ name: words('analysisSheet', { kind: k }), columns, rows: rows(k), frozenColumns: 1 })));
    await writeAtomic(file, content);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  return ExitCode.ok;
}
