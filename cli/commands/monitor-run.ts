// `kaoping monitor PATH --data D --period P` (预警) — the policy's warnings raised in a period, by unit and level.
// The work of the command, loaded only when it runs (the definition is in monitor.ts).
import path from 'node:path';
import { cliMessage } from '../../messages/index.js';
import { closestName } from '../../runtime/data/closest-name.js';
import { appliesIn, monitor, warningGrounds, WARNING_LEVEL_WORDS, type Monitoring, type RaisedWarning } from '../../runtime/results/warnings.js';
import { ExitCode, InputError, UsageError, langOf, tell, type CliContext } from '../context.js';
import { phrasebook } from '../../messages/catalogue.js';
import { REPORT_MONITOR, type MonitorColumn } from '../../messages/report-monitor.js';
import { requireGraph } from '../policy-graph.js';
import { writeAtomic } from '../files.js';
import { checkData, errorCount, readData, renderIssues } from '../load-data.js';
import { CSV_BOM, csvLines } from '../../reports/results-file.js';
import type { HeaderLanguage } from '../../messages/results-words.js';
import { stableJson } from '../../reports/stable-json.js';
import { renderTable } from '../table.js';
import { styledWorkbook, type Cell } from '../../reports/workbook.js';
import type { MonitorOptions } from './monitor.js';


const COLUMNS: { column: MonitorColumn; value: (w: RaisedWarning, lang: HeaderLanguage, places: number) => string }[] = [
  { column: 'kind', value: (w) => w.kind },
  { column: 'id', value: (w) => w.unit },
  { column: 'name', value: (w) => w.unitName ?? '' },
  { column: 'level', value: (w, lang) => WARNING_LEVEL_WORDS[w.level][lang] },
  { column: 'warning', value: (w) => w.warning },
  { column: 'message', value: (w) => w.message },
  { column: 'grounds', value: (w, lang, places) => warningGrounds(w, lang === 'zh' ? '；' : '; ', lang, places) },
  { column: 'rule', value: (w) => w.rule },
];

/** The terminal shows the unit, level, warning, message and grounds (the kind heads its block). */
const TERMINAL = COLUMNS.filter((c) => c.column !== 'kind' && c.column !== 'rule');

export async function runMonitor(ctx: CliContext, spec: string, opts: MonitorOptions): Promise<number> {
  if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(cliMessage('outEnding', { out: opts.out, endings: ['.json', '.csv', '.xlsx'] }));
  const graph = await requireGraph(ctx, spec);
  const data = checkData(graph, await readData(ctx, graph, opts.data));
  if (opts.unit !== undefined && !data.units.some((u) => u.id === opts.unit)) {
    throw new InputError(cliMessage('noUnit', { data: opts.data, unit: opts.unit, closest: closestName(opts.unit, data.units.map((u) => u.id)) }));
  }
  const checked = monitor(graph, data, opts.period);
  if (checked.issues.length > 0) ctx.err(renderIssues(ctx, checked.issues));
  // Nothing is listed, and no file written, unless the period was checked whole.
  if (!checked.ok) throw new InputError(cliMessage('dataErrors', { where: null, ...errorCount(checked.issues), skippable: false }));
  const m: Monitoring = opts.unit === undefined ? checked : { ...checked, warnings: checked.warnings.filter((w) => w.unit === opts.unit) };
  if (!(graph.warnings ?? []).some((r) => appliesIn(r, m.period))) ctx.err(`${tell(ctx, 'monitorNoRules', { period: m.period, declared: graph.warnings?.length ?? 0 })}\n`);
  const count = (level: RaisedWarning['level']) => m.warnings.filter((w) => w.level === level).length;
  const units = m.checked.length === 0 ? 0 : opts.unit !== undefined ? 1 : Math.max(...m.checked.map((c) => c.units));
  ctx.out(`${tell(ctx, 'monitorSummary', { period: m.period, rules: m.checked.length, units, severe: count('severe'), warning: count('warning'), notice: count('notice') })}\n`);
  for (const kind of graph.kinds.map((k) => k.name)) {
    const rows = m.warnings.filter((w) => w.kind === kind);
    if (rows.length === 0) continue;
    const words = phrasebook(REPORT_MONITOR, langOf(ctx));
    const table = renderTable(TERMINAL.map((c) => words('column', { column: c.column })), rows.map((w) => TERMINAL.map((c) => c.value(w, langOf(ctx), graph.policy.precision))));
    ctx.out(`${kind}\n${table}`);
  }
  if (opts.out) {
    const lang = opts.headers;
    const words = phrasebook(REPORT_MONITOR, lang);
    const headers = COLUMNS.map((c) => words('column', { column: c.column }));
    const rows: Cell[][] = m.warnings.map((w) => COLUMNS.map((c) => c.value(w, lang, graph.policy.precision)));
    let content: string | Uint8Array;
    if (/\.json$/i.test(opts.out)) content = stableJson({ period: m.period, checked: m.checked, warnings: m.warnings, issues: m.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message })) });
    else if (/\.csv$/i.test(opts.out)) content = CSV_BOM + csvLines([headers, ...rows], { raw: opts.csvRaw === true });
    else content = await styledWorkbook([{ name: words('sheet'), title: `${graph.policy.name} ${m.period}`, columns: headers.map((header) => ({ header, format: { t: 'text' } })), rows, frozenColumns: 3 }]);
    await writeAtomic(path.resolve(ctx.cwd, opts.out), content);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  return ExitCode.ok;
}
