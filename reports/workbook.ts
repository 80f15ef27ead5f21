// Styled Excel workbooks (ExcelJS: SheetJS's community build writes no styles): a bold shaded header row that
// stays in view, columns as wide as their text, scores in the number format of their precision. The results
// file and the bulletin write through here.
// ExcelJS is large (over half a second to load here): imported when a workbook is written, not by every command that may.
import type ExcelJS from 'exceljs';
import stringWidth from 'string-width';

export type Cell = string | number | null;

/**
 * How a column's values are shown: text, a whole number (a rank, a count), a score at a precision — or, in a
 * column listing several indicators, each row's score at its own indicator's precision — or a percentage.
 */
export type ColumnFormat = { t: 'text' } | { t: 'count' } | { t: 'score'; precision: number | readonly number[] } | { t: 'percent'; precision: number };

export interface SheetColumn {
  header: string;
  format: ColumnFormat;
}

export interface SheetSpec {
  name: string;
  /** a line above the header (the sheet's subject: policy, period); none when absent */
  title?: string;
  columns: SheetColumn[];
  rows: Cell[][];
  /** columns kept in view when scrolling sideways (the unit's name) */
  frozenColumns?: number;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9BB0C9' } };
/** Characters of width beyond which a column wraps instead of growing (long rule texts). */
const MAX_WIDTH = 60;

/** Excel's number format for a column's row (the first data row is 0): '0.00' for a score of precision 2. */
export function numberFormat(f: ColumnFormat, row = 0): string | undefined {
  const decimals = (p: number) => (p > 0 ? `0.${'0'.repeat(p)}` : '0');
  switch (f.t) {
    case 'text':
      return undefined;
    case 'count':
      return '0';
    case 'score':
      return decimals(placesOf(f, row));
    case 'percent':
      return `${decimals(f.precision)}%`;
  }
}

/**
 * Excel forbids : \ / ? * [ ] in a sheet's name and allows 31 characters; names must differ (case aside).
 * Kinds and sections are the policy's words, so they are made fit rather than refused.
 */
function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = raw.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet';
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The decimal places of a score column's row. */
function placesOf(f: Extract<ColumnFormat, { t: 'score' }>, row: number): number {
  return typeof f.precision === 'number' ? f.precision : (f.precision[row] ?? 0);
}

function width(v: Cell, f: ColumnFormat, row: number): number {
  if (v === null) return 0;
  if (typeof v === 'number' && f.t === 'score') return v.toFixed(placesOf(f, row)).length;
  return stringWidth(String(v));
}

export async function styledWorkbook(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'kaoping';
  const names = sheetNames(sheets.map((s) => s.name));
  sheets.forEach((spec, k) => {
    const top = spec.title ? 2 : 1; // the header's row
    const sheet = book.addWorksheet(names[k]!, {
      views: [{ state: 'frozen', ySplit: top, xSplit: spec.frozenColumns ?? 0 }],
    });
    if (spec.title) {
      sheet.addRow([spec.title]).font = { bold: true, size: 13 };
    }
    const header = sheet.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    });
    for (const row of spec.rows) sheet.addRow(row.map((v) => v ?? null));
    spec.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      const widest = Math.max(stringWidth(c.header), ...spec.rows.map((r, k) => width(r[i] ?? null, c.format, k)));
      column.width = Math.min(MAX_WIDTH, Math.max(6, widest + 2));
      // Below the header only: the header is text in every column.
      for (let r = top + 1; r <= top + spec.rows.length; r++) {
        const cell = sheet.getCell(r, i + 1);
        const fmt = numberFormat(c.format, r - top - 1);
        if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
        if (c.format.t === 'text' && widest > MAX_WIDTH) cell.alignment = { wrapText: true, vertical: 'top' };
      }
    });
    if (spec.rows.length > 0 && spec.columns.length > 0) {
      sheet.autoFilter = { from: { row: top, column: 1 }, to: { row: top, column: spec.columns.length } };
    }
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
