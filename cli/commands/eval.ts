// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import type { Results } from '../../runtime/index.js';
import type { RuleGraph, SectionNode, TotalNode } from '../../runtime/graph.js';
import { ExitCode, UsageError } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData } from '../evaluate-data.js';
import { writeAtomic } from '../files.js';
import { readData } from '../load-data.js';
import { stableJson } from '../stable-json.js';
import { renderTable } from '../table.js';
import { withProgress } from '../progress.js';
import { periodSummary } from '../period-summary.js';

interface EvalOptions {
  data: string;
  period?: string;
  out?: string;
  skipBadUnits?: boolean;
}

export const defineEval: CommandDefinition = (program, ctx, finish) => {
  program
    .command('eval')
    .description('evaluate result data: totals, ranks, tiers per unit')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .requiredOption('--data <file>', 'result data: a .json file, an .xlsx workbook, or a folder of CSV files')
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--out <file>', 'also write the results: .json, .csv or .xlsx (by extension)')
    .option('--skip-bad-units', 'evaluate the units without data errors and list the others as skipped')
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row).')
    .action(async (spec: string, opts: EvalOptions) => {
      if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: the file must end in .json, .csv or .xlsx`);
      const graph = await requireGraph(ctx, spec);
      const raw = await readData(ctx, graph, opts.data);
      const results = withProgress(ctx, raw.units.length, (onProgress) =>
        evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
      );
      ctx.out(rankingTables(graph, results));
      ctx.out(periodSummary(graph, results));
      if (results.skipped.length > 0) {
        ctx.out(`\nskipped ${results.skipped.length} units:\n`);
        for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
      }
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), resultsFile(graph, results, opts.out));
        ctx.err(`wrote ${opts.out}\n`);
      }
      finish(ExitCode.ok);
    });
};

/** The kind's sections in declaration order (the order its total lists them; graph order is planned order). */
function sectionsOf(graph: RuleGraph, kind: string): SectionNode[] {
  const sections = graph.nodes.filter((n): n is SectionNode => n.role === 'section' && n.kind === kind);
  const total = graph.nodes.find((n): n is TotalNode => n.role === 'total' && n.kind === kind);
  if (!total) return sections;
  const position = new Map(total.sections.map((id, i) => [id, i]));
  return [...sections].sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity));
}

type UnitRow = Results['units'][number];

/** A score as fixed decimals of its precision (97.79, 70.00), so a column's decimal points line up. */
function score(v: number | null | undefined, precision: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(precision);
}

function rowOf(graph: RuleGraph, u: UnitRow): string[] {
  const sections = sectionsOf(graph, u.kind).map((s) => {
    const r = u.sections[s.name];
    return r ? (r.exempt ? '免考' : score(r.score, s.precision)) : '—';
  });
  const total = graph.nodes.find((n): n is TotalNode => n.role === 'total' && n.kind === u.kind);
  const name = u.name && u.name !== u.id ? u.name : u.id;
  return [u.rank === null ? '—' : String(u.rank), name, score(u.total, total?.precision ?? graph.policy.precision), ...sections, u.tier ?? ''];
}

/** One table per entity kind: rank, unit, total, section scores, tier — in the results' order. */
export function rankingTables(graph: RuleGraph, results: Results): string {
  const out: string[] = [];
  for (const kind of graph.kinds) {
    const units = results.units.filter((u) => u.kind === kind.name);
    if (units.length === 0) continue;
    const header = ['名次', kind.label ?? kind.name, '总分', ...sectionsOf(graph, kind.name).map((s) => s.name), '分段'];
    const align = header.map((_, i) => (i === 1 || i === header.length - 1 ? 'left' : 'right') as 'left' | 'right');
    out.push(`${kind.name}（${units.length}）${results.period ? ` ${results.period}` : ''}\n` + renderTable(header, units.map((u) => rowOf(graph, u)), align));
  }
  return out.join('\n');
}

function resultsFile(graph: RuleGraph, results: Results, file: string): string | Uint8Array {
  if (/\.json$/i.test(file)) return stableJson(results);
  const sheets = graph.kinds
    .map((kind) => ({ kind: kind.name, rows: flatRows(graph, results, kind.name) }))
    .filter((s) => s.rows.length > 1);
  if (/\.csv$/i.test(file)) {
    // One CSV holds every kind: the first column says which.
    const [first] = sheets;
    const header = ['kind', ...(first?.rows[0] ?? [])];
    const rows = sheets.flatMap((s) => s.rows.slice(1).map((r) => [s.kind, ...r]));
    return '\uFEFF' + Papa.unparse([header, ...rows], { newline: '\n' }) + '\n';
  }
  const book = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(s.rows), s.kind.slice(0, 31));
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** Header row, then one row per unit: id, name, rank, total, tier, sections, indicators. */
function flatRows(graph: RuleGraph, results: Results, kind: string): (string | number | null)[][] {
  const units = results.units.filter((u) => u.kind === kind);
  const sections = sectionsOf(graph, kind).map((s) => s.name);
  const indicators = graph.nodes.filter((n) => n.role === 'indicator' && n.kind === kind).map((n) => n.name);
  const header = ['id', 'name', 'rank', 'total', 'tier', ...sections, ...indicators];
  const rows = units.map((u) => [
    u.id,
    u.name ?? '',
    u.rank,
    u.total,
    u.tier ?? '',
    ...sections.map((s) => (u.sections[s]?.notInPeriod ? 'not_in_period' : u.sections[s]?.exempt ? 'exempt' : (u.sections[s]?.score ?? null))),
    ...indicators.map((i) => (u.indicators[i]?.notInPeriod ? 'not_in_period' : u.indicators[i]?.exempt ? 'exempt' : (u.indicators[i]?.score ?? null))),
  ]);
  return [header, ...rows];
}

