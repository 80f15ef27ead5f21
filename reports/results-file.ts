// Results as files: JSON (the runtime's contract), CSV (every kind in one table) and Excel (a styled sheet per
// kind). Headers and the marks of cells without a score are Chinese unless English is asked for.
import Papa from 'papaparse';
import type { RuleGraph } from '../graph/graph.js';
import { formatPercent } from '../review/semantic-diff.js';
import type { Evaluated } from './evaluated.js';
import type { IndividualPart } from './individual-shares.js';
import { columnsOf, type KindColumns, type UnitRow } from './results-columns.js';
import { RESULT_WORDS, tierReasonHeader, tierReasonText, type HeaderLanguage } from '../messages/results-words.js';
import { stableJson } from './stable-json.js';
import { styledWorkbook, type Cell, type ColumnFormat } from './workbook.js';

export type { Cell } from './workbook.js';

interface FileColumn {
  header: string;
  format: ColumnFormat;
  cell: (u: UnitRow, part: IndividualPart | undefined) => Cell;
}

const TEXT: ColumnFormat = { t: 'text' };

/** A results file's columns for one kind, in groups; a CSV of several kinds joins them group by group. */
function fileColumns(c: KindColumns, lang: HeaderLanguage): FileColumn[][] {
  const word = (w: keyof typeof RESULT_WORDS) => RESULT_WORDS[w][lang];
  // Marked, so that an empty cell only means no score (or, in a CSV of several kinds, not this kind's column).
  const flagged = (r: { score: number | null; exempt?: true; notInPeriod?: true; notApplicable?: true } | undefined): Cell =>
    r?.notInPeriod ? word('notInPeriod') : r?.exempt ? word('exempt') : r?.notApplicable ? word('notApplicable') : (r?.score ?? null);
  const score = (precision: number): ColumnFormat => ({ t: 'score', precision });
  return [
    [
      { header: word('id'), format: TEXT, cell: (u) => u.id },
      { header: word('name'), format: TEXT, cell: (u) => u.name ?? '' },
      { header: word('rank'), format: { t: 'count' }, cell: (u) => u.rank },
      { header: word('total'), format: score(c.totalPrecision), cell: (u) => u.total },
    ],
    c.tiers.flatMap((t): FileColumn[] => [
      { header: t.name, format: TEXT, cell: (u) => u.tiers[t.name] ?? '' },
      { header: tierReasonHeader(t.name, lang), format: TEXT, cell: (u) => tierReasonText(u.tierReasons?.[t.name], lang) },
    ]),
    c.sections.map((s) => ({ header: s.name, format: score(s.precision), cell: (u) => flagged(u.sections[s.name]) })),
    c.bonuses.map((b) => ({ header: b.name, format: score(b.precision), cell: (u) => u.bonuses[b.name] ?? word('notInPeriod') })),
    c.individual
      ? [
          { header: c.individual.result, format: score(c.individual.precision), cell: (_, part) => part?.relatedTotal ?? null },
          { header: c.individual.share, format: TEXT, cell: (_, part) => (part ? formatPercent(part.share) : null) },
        ]
      : [],
    c.indicators.map((i) => ({ header: i.name, format: score(i.precision), cell: (u) => flagged(u.indicators[i.name]) })),
  ];
}

/** A results CSV: its header, and a unit's cells under it. */
export interface CsvLayout {
  header: string[];
  cells(kind: string, u: UnitRow, part: IndividualPart | undefined): Cell[];
}

/**
 * One CSV holds every kind (of `kinds`, those with units): the first column says which, the header is the
 * union of the kinds' columns (group by group, in kind order), and a column the unit's kind does not have is
 * left empty.
 */
export function csvLayout(graph: RuleGraph, kinds: readonly string[], lang: HeaderLanguage): CsvLayout {
  const groups = new Map(kinds.map((kind) => [kind, fileColumns(columnsOf(graph, kind), lang)]));
  const all = [...groups.values()];
  const union = all[0]?.map((_, g) => [...new Set(all.flatMap((s) => s[g]!.map((col) => col.header)))]) ?? [];
  const columns = new Map(
    [...groups].map(([kind, own]) => [kind, union.flatMap((headers, g) => headers.map((h) => own[g]!.find((col) => col.header === h)))]),
  );
  return {
    header: [RESULT_WORDS.kind[lang], ...union.flat()],
    cells: (kind, u, part) => [kind, ...columns.get(kind)!.map((col) => (col ? col.cell(u, part) : null))],
  };
}

/**
 * Text that a spreadsheet would run as a formula when it opens a CSV (OWASP, "CSV injection"): a cell
 * beginning with = + - @, a tab or a carriage return. Such a text cell is written with a leading `'`, which
 * spreadsheets show as text; number cells (a score of -1.5) are numbers and stay as they are. The pattern has
 * no `$`, so a cell with a line break after its `=` is caught too (Papa's own pattern would miss it).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** How a CSV is written: `raw` leaves formula-like text cells as they are (--csv-raw). */
export interface CsvOptions {
  raw: boolean;
}

/**
 * CSV text of rows, each line ended; a file is its header's text followed by its rows' in any batches. Every
 * CSV kaoping writes goes through here, so every one is neutralised the same way (see FORMULA_START).
 */
export function csvLines(rows: Cell[][], { raw }: CsvOptions): string {
  return rows.length === 0 ? '' : Papa.unparse(rows, { newline: '\n', escapeFormulae: raw ? false : FORMULA_START }) + '\n';
}

/** Marks the file as UTF-8 for Excel, which otherwise reads it in the local code page. */
export const CSV_BOM = '\uFEFF';

export async function resultsFile(graph: RuleGraph, { results, individuals }: Evaluated, file: string, lang: HeaderLanguage, csv: CsvOptions): Promise<string | Uint8Array> {
  if (/\.json$/i.test(file)) return stableJson(results);
  const sheets = graph.kinds
    .map((kind) => ({ kind: kind.name, units: results.units.filter((u) => u.kind === kind.name) }))
    .filter((s) => s.units.length > 0);
  if (/\.csv$/i.test(file)) {
    const layout = csvLayout(graph, sheets.map((s) => s.kind), lang);
    const rows = sheets.flatMap((s) => s.units.map((u) => layout.cells(s.kind, u, individuals.get(u.id))));
    return CSV_BOM + csvLines([layout.header, ...rows], csv);
  }
  return styledWorkbook(
    sheets.map((s) => {
      const columns = fileColumns(columnsOf(graph, s.kind), lang).flat();
      const rows = s.units.map((u) => columns.map((col) => col.cell(u, individuals.get(u.id))));
      return { name: s.kind, columns, rows, frozenColumns: 2 };
    }),
  );
}
