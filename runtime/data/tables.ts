// Result data as tables: CSV files (UTF-8, UTF-8 with BOM, or GB18030/GBK) and .xlsx workbooks, from bytes.
// One table per entity kind, named after the kind (columns: id/编号, name/名称, optional period/期间,
// relations and inputs by name), and one per record-list input, named after the input (or `Kind.input`
// when two kinds have a list input of that name), with unit/单位, optional period/期间 and the record's fields.
// Spreadsheet formula cells are read by their cached values; merged cells are rejected, because a merged
// range holds one value and the rows it spans would otherwise be empty or guessed.
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import type { RuleGraph } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { dataIssue, type DataLocation, type RuntimeIssue } from '../issues.js';
import { SINGLE_PERIOD, XLSX_WEIGHT, tooLargeToReadWhole, type RawDataset, type RawField, type RawRecord, type RawUnit } from './dataset.js';
import { isMissing, type RawCell } from './value-parse.js';
import { isUnclosedQuote, unifyLineEnds, utf16ByBom } from './csv-rows.js';
import { listTableOf, recordTableLayout, tableName, tableTargets, unitTableLayout } from './table-layout.js';
import { MAX_WORKBOOK_ENTRIES, MAX_WORKBOOK_INFLATED_BYTES, isWorkbookName, workbookProblem, type WorkbookProblem } from './workbook-zip.js';

export interface TableFile {
  name: string; // file name; its extension says CSV or xlsx
  bytes: Uint8Array;
}

interface Table {
  name: string; // the kind or input it holds
  source: string; // file, or file[sheet], for messages
  header: string[];
  rows: { line: number; cells: RawCell[] }[];
}

/**
 * Decode CSV bytes: UTF-16 by its byte-order mark (Excel's "Unicode text" export); valid UTF-8 (with or
 * without BOM) is UTF-8; anything else is GB18030 (a superset of GBK).
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16ByBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function csvTable(file: TableFile, issues: RuntimeIssue[]): Table {
  const text = unifyLineEnds(decodeText(file.bytes));
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', skipEmptyLines: false });
  // The rows before an unclosed quote are read; from it on, the file is one cell and is refused.
  const unclosed = parsed.errors.find(isUnclosedQuote);
  const records = unclosed ? parsed.data.slice(0, unclosed.row ?? 0) : parsed.data;
  if (unclosed) issues.push(dataIssue('KR229', message('KR229', 'unclosed'), { file: file.name, row: records.length + 1 }));
  const [header = [], ...body] = records;
  const rows = body
    .map((cells, i) => ({ line: i + 2, cells: cells.map((v) => ({ v, tableCell: true })) }))
    .filter((r) => r.cells.some((c) => !isMissing(c.v)));
  return { name: tableName(file.name), source: file.name, header: header.map((h) => h.trim()), rows };
}

function isPercentFormat(z: unknown): boolean {
  return typeof z === 'string' && z.replace(/"[^"]*"/g, '').includes('%');
}

const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20);

/** The KR220 sentence for each way a file named .xlsx is not a workbook. */
const NOT_A_WORKBOOK = { empty: 'empty', 'not-zip': 'notZip', damaged: 'damaged', 'no-sheets': 'noSheets', zip64: 'zip64' } as const;

/** Why a file named .xlsx is refused before it is inflated (KR220 not a workbook, KR245 beyond the limits). */
function workbookRefusal(p: WorkbookProblem, file: string): RuntimeIssue {
  if (p.problem === 'too-many-entries') return dataIssue('KR245', message('KR245', 'entries', { count: p.entries, max: MAX_WORKBOOK_ENTRIES }), { file });
  if (p.problem === 'inflates-too-large') return dataIssue('KR245', message('KR245', 'inflated', { mib: mib(p.bytes), max: mib(MAX_WORKBOOK_INFLATED_BYTES) }), { file });
  return dataIssue('KR220', message('KR220', NOT_A_WORKBOOK[p.detail]), { file });
}

function xlsxTables(file: TableFile, issues: RuntimeIssue[]): Table[] {
  const refused = /\.xlsx$/i.test(file.name) ? workbookProblem(file.bytes) : null;
  if (refused) {
    issues.push(workbookRefusal(refused, file.name));
    return [];
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(file.bytes, { type: 'array', cellNF: true });
  } catch (e) {
    issues.push(dataIssue('KR220', message('KR220', 'workbook', { detail: (e as Error).message }), { file: file.name }));
    return [];
  }
  // A zip of other files (no workbook part) reads as a workbook that names sheets it does not have.
  if (wb.SheetNames.some((name) => !wb.Sheets[name])) {
    issues.push(dataIssue('KR220', message('KR220', 'noSheets'), { file: file.name }));
    return [];
  }
  const tables: Table[] = [];
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName]!;
    const source = `${file.name}[${sheetName}]`;
    const merges = ws['!merges'] ?? [];
    if (merges.length > 0) {
      const ranges = merges.map((m) => XLSX.utils.encode_range(m));
      issues.push(dataIssue('KR221', message('KR221', 'merged', { ranges }), { file: source }));
      continue;
    }
    if (!ws['!ref']) {
      tables.push({ name: sheetName, source, header: [], rows: [] });
      continue;
    }
    const range = XLSX.utils.decode_range(ws['!ref']);
    const cellAt = (r: number, c: number): XLSX.CellObject | undefined => ws[XLSX.utils.encode_cell({ r, c })];
    const header: string[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) header.push(String(cellAt(range.s.r, c)?.v ?? '').trim());
    const rows: Table['rows'] = [];
    for (let r = range.s.r + 1; r <= range.e.r; r++) {
      const cells: RawCell[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) {
        const cell = cellAt(r, c);
        if (!cell || cell.t === 'z') cells.push({ v: null });
        else if (cell.t === 'e') cells.push({ v: { error: cell.w ?? '#ERROR' } });
        else if (cell.f !== undefined && cell.v === undefined) cells.push({ v: { error: '公式没有缓存值' } });
        else if (cell.t === 'd') cells.push({ v: (cell.v as Date).toISOString().slice(0, 10) });
        else if (cell.t === 'n') cells.push({ v: cell.v, percentFormat: isPercentFormat(cell.z), dateSerial: typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z), tableCell: true });
        else cells.push({ v: cell.v, tableCell: true });
      }
      if (cells.some((c) => !isMissing(c.v))) rows.push({ line: r + 1, cells });
    }
    tables.push({ name: sheetName, source, header, rows });
  }
  return tables;
}

const isWorkbook = (f: TableFile) => isWorkbookName(f.name);

/** Codes of a file that cannot be read at all. */
const UNREADABLE_FILE = new Set(['KR220', 'KR229', 'KR245']);

/** Read CSV files and workbooks into the raw dataset form. */
export function readTables(graph: RuleGraph, files: TableFile[]): RawDataset {
  const weight = files.reduce((n, f) => n + f.bytes.length * (isWorkbook(f) ? XLSX_WEIGHT : 1), 0);
  const tooLarge = tooLargeToReadWhole(weight);
  if (tooLarge) return { units: [], issues: [tooLarge] };
  const issues: RuntimeIssue[] = [];
  const tables: Table[] = [];
  for (const f of files) {
    if (isWorkbook(f)) for (const t of xlsxTables(f, issues)) tables.push(t);
    else tables.push(csvTable(f, issues));
  }
  // A file that cannot be read (not a workbook, beyond its limits, an unclosed quote) refuses the data as a
  // whole: read without it, the other files would only add errors about the units it holds.
  if (issues.some((i) => UNREADABLE_FILE.has(i.code))) return { units: [], issues };
  const targets = tableTargets(graph);
  const { shapes } = targets;
  const units = new Map<string, RawUnit>();
  const unitTables = tables.filter((t) => shapes.has(t.name));
  const recordTables = tables.filter((t) => !shapes.has(t.name));
  let periodic: boolean | null = null;

  for (const t of unitTables) {
    const shape = shapes.get(t.name)!;
    const holdsValues = (index: number, h: string) => h !== '' || t.rows.some((r) => !isMissing(r.cells[index]?.v));
    const layout = unitTableLayout(t.name, shape, t.header, t.source, issues, holdsValues);
    if (!layout) continue;
    const { idCol, nameCol, periodCol, columns } = layout;
    if (periodic !== null && periodic !== periodCol >= 0)
      issues.push(dataIssue('KR223', message('KR223', 'mixed'), { file: t.source, row: 1 }));
    periodic = periodCol >= 0;
    for (const row of t.rows) {
      const at = (column?: string): DataLocation => ({ file: t.source, row: row.line, ...(column !== undefined ? { column } : {}) });
      const idCell = row.cells[idCol]?.v;
      if (isMissing(idCell)) {
        issues.push(dataIssue('KR215', message('KR215', 'id'), at(t.header[idCol])));
        continue;
      }
      const id = String(idCell).trim();
      const period = periodCol >= 0 ? String(row.cells[periodCol]?.v ?? '').trim() : SINGLE_PERIOD;
      if (periodCol >= 0 && period === '') {
        issues.push(dataIssue('KR215', message('KR215', 'period'), at(t.header[periodCol]), { unit: id }));
        continue;
      }
      let unit = units.get(id);
      if (!unit) {
        const nameCell = nameCol >= 0 ? row.cells[nameCol]?.v : null;
        unit = { id, kind: t.name, name: isMissing(nameCell) ? null : String(nameCell), at: at(), relations: new Map(), periods: new Map() };
        units.set(id, unit);
      } else if (unit.kind !== t.name || unit.periods.has(period) || !periodic) {
        issues.push(dataIssue('KR203', message('KR203', 'first', { first: `${unit.at.file}:${unit.at.row}` }), at(), { unit: id, kind: t.name }));
        continue;
      }
      const inputs = new Map<string, RawField | { records: RawRecord[]; at: DataLocation }>();
      for (const c of columns) {
        const field = { cell: row.cells[c.index] ?? { v: null }, at: at(c.header) };
        if (c.role === 'relation') {
          if (!unit.relations.has(c.header)) unit.relations.set(c.header, field);
        } else inputs.set(c.header, field);
      }
      unit.periods.set(period, { at: at(), inputs });
    }
  }

  for (const t of recordTables) {
    const target = listTableOf(targets, t.name, t.source, issues);
    if (!target) continue;
    const layout = recordTableLayout(target.record, t.header, t.source, issues);
    if (!layout) continue;
    const { unitCol, periodCol } = layout;
    if (periodic === true && periodCol < 0) {
      issues.push(dataIssue('KR223', message('KR223', 'needed'), { file: t.source, row: 1 }));
      continue;
    }
    // A table for a list input gives every unit of its kind that list (empty when it has no rows).
    for (const u of units.values())
      if (u.kind === target.kind)
        for (const p of u.periods.values())
          if (!p.inputs.has(target.input)) p.inputs.set(target.input, { records: [], at: { file: t.source } });
    for (const row of t.rows) {
      const at = (column?: string): DataLocation => ({ file: t.source, row: row.line, ...(column !== undefined ? { column } : {}) });
      const unitId = String(row.cells[unitCol]?.v ?? '').trim();
      const unit = units.get(unitId);
      if (!unit || unit.kind !== target.kind) {
        const text = unitId === '' ? message('KR217', 'empty') : message('KR217', 'notInTable', { unit: unitId, kind: target.kind });
        issues.push(dataIssue('KR217', text, at(t.header[unitCol]), unitId === '' ? {} : { unit: unitId }));
        continue;
      }
      const period = periodCol >= 0 ? String(row.cells[periodCol]?.v ?? '').trim() : SINGLE_PERIOD;
      const p = unit.periods.get(period);
      if (!p) {
        issues.push(dataIssue('KR217', message('KR217', 'noPeriod', { unit: unitId, period }), at(t.header[periodCol] ?? ''), { unit: unitId }));
        continue;
      }
      const fields = new Map<string, RawField>();
      for (const c of layout.fields) fields.set(c.header, { cell: row.cells[c.index] ?? { v: null }, at: at(c.header) });
      const list = p.inputs.get(target.input);
      if (list && 'records' in list) list.records.push({ fields, at: at() });
    }
  }
  return { units: [...units.values()], issues };
}
