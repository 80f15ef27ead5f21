// `kaoping monitor PATH --data D --period P` (预警) — the policy's warnings raised in a period, by unit and level.
// The work of the command, loaded only when it runs (the definition is in monitor.ts).
import path from 'node:path';
import { cliMessage } from '../../messages/index.js';
import { closestName } from '../../runtime/data/closest-name.js';
import { appliesIn, monitor, warningGrounds, WARNING_LEVEL_WORDS, type Monitoring, type RaisedWarning } from '../../runtime/results/warnings.js';
import { ExitCode, InputError, UsageError, tell, type CliContext } from '../context.js';
import { requireGraph } from '../policy-graph.js';
import { writeAtomic } from '../files.js';
import { checkData, errorCount, readData, renderIssues } from '../load-data.js';
import { CSV_BOM, csvLines } from '../results-file.js';
import type { HeaderLanguage } from '../../messages/results-words.js';
import { stableJson } from '../stable-json.js';
import { renderTable } from '../table.js';
import { styledWorkbook, type Cell } from '../workbook.js';
import type { MonitorOptions } from './monitor.js';


const COLUMNS: { header: Record<HeaderLanguage, string>; value: (w: RaisedWarning, lang: HeaderLanguage, places: number) => string }[] = [
  { header: { zh: '单位类别', en: 'kind' }, value: (w) => w.kind },
  { header: { zh: '单位编号', en: 'id' }, value: (w) => w.unit },
  { header: { zh: '单位名称', en: 'name' }, value: (w) => w.unitName ?? '' },
  { header: { zh: '级别', en: 'level' }, value: (w, lang) => WARNING_LEVEL_WORDS[w.level][lang] },
  { header: { zh: '预警', en: 'warning' }, value: (w) => w.warning },
  { header: { zh: '消息', en: 'message' }, value: (w) => w.message },
  { header: { zh: '依据', en: 'grounds' }, value: (w, lang, places) => warningGrounds(w, lang === 'zh' ? '；' : '; ', lang, places) },
  { header: { zh: '规则', en: 'rule' }, value: (w) => w.rule },
];

/** The terminal shows the unit, level, warning, message and grounds (the kind heads its block). */
const TERMINAL = COLUMNS.filter((c) => c.header.en !== 'kind' && c.header.en !== 'rule');

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
    ctx.out(`${kind}\n${renderTable(TERMINAL.map((c) => c.header.zh), rows.map((w) => TERMINAL.map((c) => c.value(w, 'zh', graph.policy.precision))))}`);
  }
  if (opts.out) {
    const lang = opts.headers;
    const rows: Cell[][] = m.warnings.map((w) => COLUMNS.map((c) => c.value(w, lang, graph.policy.precision)));
    let content: string | Uint8Array;
    if (/\.json$/i.test(opts.out)) content = stableJson({ period: m.period, checked: m.checked, warnings: m.warnings, issues: m.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message })) });
    else if (/\.csv$/i.test(opts.out)) content = CSV_BOM + csvLines([COLUMNS.map((c) => c.header[lang]), ...rows], { raw: opts.csvRaw === true });
    else content = await styledWorkbook([{ name: lang === 'zh' ? '预警' : 'warnings', title: `${graph.policy.name} ${m.period}`, columns: COLUMNS.map((c) => ({ header: c.header[lang], format: { t: 'text' } })), rows, frozenColumns: 3 }]);
    await writeAtomic(path.resolve(ctx.cwd, opts.out), content);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  }
  return ExitCode.ok;
}
