// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import type { Results } from '../../runtime/index.js';
import type { BonusNode, IndicatorNode, RelationNode, RuleGraph, SectionNode, TiersNode, TotalNode } from '../../runtime/graph.js';
import { formatPercent } from '../../compiler/semantic-diff.js';
import { ExitCode, UsageError, counted } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { evaluateData, type Evaluated, type IndividualPart } from '../evaluate-data.js';
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
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.')
    .action(async (spec: string, opts: EvalOptions) => {
      if (opts.out && !/\.(json|csv|xlsx)$/i.test(opts.out)) throw new UsageError(`--out ${opts.out}: the file must end in .json, .csv or .xlsx`);
      const graph = await requireGraph(ctx, spec);
      const raw = await readData(ctx, graph, opts.data);
      const evaluated = withProgress(ctx, raw.units.length, (onProgress) =>
        evaluateData(ctx, graph, raw, opts.period ?? null, null, opts.skipBadUnits ?? false, onProgress),
      );
      const { results } = evaluated;
      ctx.out(rankingTables(graph, evaluated));
      ctx.out(periodSummary(graph, results));
      if (results.skipped.length > 0) {
        ctx.out(`\nskipped ${counted(results.skipped.length, 'unit')}:\n`);
        for (const s of results.skipped) ctx.out(`  ${s.unit}: ${s.reasons.join('; ')}\n`);
      }
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), resultsFile(graph, evaluated, opts.out));
        ctx.err(`wrote ${opts.out}\n`);
      }
      finish(ExitCode.ok);
    });
};

/** The kind's sections in declaration order (the order its total lists them; graph order is planned order). */
function sectionsOf(graph: RuleGraph, kind: string): SectionNode[] {
  const sections = graph.nodes.filter((n): n is SectionNode => n.role === 'section' && n.kind === kind);
  const total = totalOf(graph, kind);
  if (!total) return sections;
  const position = new Map(total.sections.map((id, i) => [id, i]));
  return [...sections].sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity));
}

function totalOf(graph: RuleGraph, kind: string): TotalNode | undefined {
  return graph.nodes.find((n): n is TotalNode => n.role === 'total' && n.kind === kind);
}

/** What a kind's results show besides rank, unit and total, each only when the policy has it. */
interface KindColumns {
  totalPrecision: number;
  sections: SectionNode[];
  bonuses: BonusNode[];
  /** when the total takes a share of a related unit's (干部 of 部门): the headers, and the related total's precision */
  individual: { result: string; share: string; precision: number } | null;
  /** by the names the policy gives them (年度分段, 个人等次) */
  tiers: TiersNode[];
  indicators: IndicatorNode[];
}

function columnsOf(graph: RuleGraph, kind: string): KindColumns {
  const own = graph.nodes.filter((n) => n.kind === kind);
  const total = totalOf(graph, kind);
  let individual: KindColumns['individual'] = null;
  if (total?.individual) {
    const relation = graph.nodes.find((n): n is RelationNode => n.id === total.individual!.relation)!;
    const precision = totalOf(graph, relation.target)?.precision ?? graph.policy.precision;
    individual = { result: `${relation.name}结果`, share: `${relation.name}结果占比`, precision };
  }
  return {
    totalPrecision: total?.precision ?? graph.policy.precision,
    sections: sectionsOf(graph, kind),
    bonuses: own.filter((n): n is BonusNode => n.role === 'bonus'),
    individual,
    tiers: own.filter((n): n is TiersNode => n.role === 'tiers'),
    indicators: own.filter((n): n is IndicatorNode => n.role === 'indicator'),
  };
}

type UnitRow = Results['units'][number];

/** A score as fixed decimals of its precision (97.79, 70.00), so a column's decimal points line up. */
function score(v: number | null | undefined, precision: number): string {
  return v === null || v === undefined ? '—' : v.toFixed(precision);
}

function rowOf(c: KindColumns, u: UnitRow, part: IndividualPart | undefined): string[] {
  const sections = c.sections.map((s) => {
    const r = u.sections[s.name];
    return r ? (r.exempt ? '免考' : score(r.score, s.precision)) : '—';
  });
  const name = u.name && u.name !== u.id ? u.name : u.id;
  return [
    u.rank === null ? '—' : String(u.rank),
    name,
    score(u.total, c.totalPrecision),
    ...sections,
    ...c.bonuses.map((b) => score(u.bonuses[b.name], b.precision)),
    ...(c.individual ? [score(part?.relatedTotal, c.individual.precision), part ? formatPercent(part.share) : '—'] : []),
    ...c.tiers.map((t) => u.tiers[t.name] ?? ''),
  ];
}

/** One table per entity kind: rank, unit, total, sections, bonuses, the related unit's share, tiers — in the results' order. */
export function rankingTables(graph: RuleGraph, { results, individuals }: Evaluated): string {
  const out: string[] = [];
  for (const kind of graph.kinds) {
    const units = results.units.filter((u) => u.kind === kind.name);
    if (units.length === 0) continue;
    const c = columnsOf(graph, kind.name);
    const scores = [...c.sections, ...c.bonuses].map((n) => n.name);
    if (c.individual) scores.push(c.individual.result, c.individual.share);
    const header = ['名次', kind.label ?? kind.name, '总分', ...scores, ...c.tiers.map((t) => t.name)];
    const align = header.map((_, i) => (i === 1 || i >= 3 + scores.length ? 'left' : 'right') as 'left' | 'right');
    const rows = units.map((u) => rowOf(c, u, individuals.get(u.id)));
    out.push(`${kind.name}（${units.length}）${results.period ? ` ${results.period}` : ''}\n` + renderTable(header, rows, align));
  }
  return out.join('\n');
}

type Cell = string | number | null;

/** A results file's columns for one kind, in groups; a CSV of several kinds joins them group by group. */
function fileColumns(c: KindColumns): { header: string; cell: (u: UnitRow, part: IndividualPart | undefined) => Cell }[][] {
  // Marked, so that an empty cell only means no score (or, in a CSV of several kinds, not this kind's column).
  const flagged = (r: { score: number | null; exempt?: true; notInPeriod?: true; notApplicable?: true } | undefined): Cell =>
    r?.notInPeriod ? 'not_in_period' : r?.exempt ? 'exempt' : r?.notApplicable ? 'not_applicable' : (r?.score ?? null);
  return [
    [
      { header: 'id', cell: (u) => u.id },
      { header: 'name', cell: (u) => u.name ?? '' },
      { header: 'rank', cell: (u) => u.rank },
      { header: 'total', cell: (u) => u.total },
    ],
    c.tiers.map((t) => ({ header: t.name, cell: (u) => u.tiers[t.name] ?? '' })),
    c.sections.map((s) => ({ header: s.name, cell: (u) => flagged(u.sections[s.name]) })),
    c.bonuses.map((b) => ({ header: b.name, cell: (u) => u.bonuses[b.name] ?? 'not_in_period' })),
    c.individual
      ? [
          { header: c.individual.result, cell: (_, part) => part?.relatedTotal ?? null },
          { header: c.individual.share, cell: (_, part) => (part ? formatPercent(part.share) : null) },
        ]
      : [],
    c.indicators.map((i) => ({ header: i.name, cell: (u) => flagged(u.indicators[i.name]) })),
  ];
}

function resultsFile(graph: RuleGraph, { results, individuals }: Evaluated, file: string): string | Uint8Array {
  if (/\.json$/i.test(file)) return stableJson(results);
  const sheets = graph.kinds
    .map((kind) => ({ kind: kind.name, groups: fileColumns(columnsOf(graph, kind.name)), units: results.units.filter((u) => u.kind === kind.name) }))
    .filter((s) => s.units.length > 0);
  if (/\.csv$/i.test(file)) {
    // One CSV holds every kind: the first column says which, the header is the union of the kinds' columns
    // (group by group, in kind order), and a column the unit's kind does not have is left empty.
    const union = sheets[0]?.groups.map((_, g) => [...new Set(sheets.flatMap((s) => s.groups[g]!.map((col) => col.header)))]) ?? [];
    const header = ['kind', ...union.flat()];
    const rows = sheets.flatMap((s) => {
      const columns = union.flatMap((headers, g) => {
        const own = new Map(s.groups[g]!.map((col) => [col.header, col]));
        return headers.map((h) => own.get(h));
      });
      return s.units.map((u) => [s.kind, ...columns.map((col) => (col ? col.cell(u, individuals.get(u.id)) : null))]);
    });
    return '\uFEFF' + Papa.unparse([header, ...rows], { newline: '\n' }) + '\n';
  }
  const book = XLSX.utils.book_new();
  for (const s of sheets) {
    const columns = s.groups.flat();
    const rows = [columns.map((col) => col.header), ...s.units.map((u) => columns.map((col) => col.cell(u, individuals.get(u.id))))];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), s.kind.slice(0, 31));
  }
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
