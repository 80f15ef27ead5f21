// Result data as tables: CSV files (UTF-8, UTF-8 with BOM, or GB18030/GBK) and .xlsx workbooks, from bytes.
// One table per entity kind, named after the kind (columns: id/编号, name/名称, optional period/期间,
// relations and inputs by name), and one per record-list input, named after the input (or `Kind.input`
// when two kinds have a list input of that name), with unit/单位, optional period/期间 and the record's fields.
// Spreadsheet formula cells are read by their cached values; merged cells are rejected, because a merged
// range holds one value and the rows it spans would otherwise be empty or guessed.
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import type { RuleGraph } from './graph.js';
import { dataIssue, type DataLocation, type RuntimeIssue } from './issues.js';
import { kindShapes, SINGLE_PERIOD, unknownFieldText, type RawDataset, type RawField, type RawRecord, type RawUnit } from './dataset.js';
import { isMissing, type RawCell } from './value-parse.js';

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

const ID = ['id', '编号'];
const NAME = ['name', '名称'];
const PERIOD = ['period', '期间'];
const UNIT = ['unit', '单位'];

/** Decode CSV bytes: valid UTF-8 (with or without BOM) is UTF-8, anything else is GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(0, dot) : last;
}

function csvTable(file: TableFile): Table {
  const parsed = Papa.parse<string[]>(decodeText(file.bytes), { skipEmptyLines: false });
  const [header = [], ...body] = parsed.data;
  const rows = body
    .map((cells, i) => ({ line: i + 2, cells: cells.map((v) => ({ v, tableCell: true })) }))
    .filter((r) => r.cells.some((c) => !isMissing(c.v)));
  return { name: baseName(file.name), source: file.name, header: header.map((h) => h.trim()), rows };
}

function isPercentFormat(z: unknown): boolean {
  return typeof z === 'string' && z.replace(/"[^"]*"/g, '').includes('%');
}

function xlsxTables(file: TableFile, issues: RuntimeIssue[]): Table[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(file.bytes, { type: 'array', cellNF: true });
  } catch (e) {
    issues.push(dataIssue('KR220', `无法读取工作簿（${(e as Error).message}）`, { file: file.name }));
    return [];
  }
  const tables: Table[] = [];
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName]!;
    const source = `${file.name}[${sheetName}]`;
    const merges = ws['!merges'] ?? [];
    if (merges.length > 0) {
      const ranges = merges.map((m) => XLSX.utils.encode_range(m)).join('、');
      issues.push(dataIssue('KR221', `含合并单元格 ${ranges}：请取消合并并在每一行填写值`, { file: source }));
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

function columnIndex(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(h));
}

/** Read CSV files and workbooks into the raw dataset form. */
export function readTables(graph: RuleGraph, files: TableFile[]): RawDataset {
  const issues: RuntimeIssue[] = [];
  const tables: Table[] = [];
  for (const f of files) {
    if (/\.xlsx?$/i.test(f.name)) tables.push(...xlsxTables(f, issues));
    else tables.push(csvTable(f));
  }
  const shapes = kindShapes(graph);

  // List inputs by table name: `input`, unless two kinds share it, and always `Kind.input`.
  const listTables = new Map<string, { kind: string; input: string; record: string }[]>();
  for (const [kind, shape] of shapes)
    for (const [name, node] of shape.inputs) {
      if (node.type.t !== 'list') continue;
      const entry = { kind, input: name, record: node.type.record };
      listTables.set(name, [...(listTables.get(name) ?? []), entry]);
      listTables.set(`${kind}.${name}`, [entry]);
    }

  const units = new Map<string, RawUnit>();
  const unitTables = tables.filter((t) => shapes.has(t.name));
  const recordTables = tables.filter((t) => !shapes.has(t.name));
  let periodic: boolean | null = null;

  for (const t of unitTables) {
    const shape = shapes.get(t.name)!;
    const idCol = columnIndex(t.header, ID);
    if (idCol < 0) {
      issues.push(dataIssue('KR222', `缺少单位编号列（id 或 编号）`, { file: t.source, row: 1 }));
      continue;
    }
    const nameCol = columnIndex(t.header, NAME);
    const periodCol = columnIndex(t.header, PERIOD);
    if (periodic !== null && periodic !== periodCol >= 0)
      issues.push(dataIssue('KR223', '有的表有期间列、有的没有：一个数据集只能用一种形式', { file: t.source, row: 1 }));
    periodic = periodCol >= 0;
    const columns: { index: number; header: string; role: 'relation' | 'input' }[] = [];
    t.header.forEach((h, index) => {
      if (index === idCol || index === nameCol || index === periodCol) {
        // The column is taken as the unit's id, name or period, so an input or relation of that name would be lost.
        if (shape.inputs.has(h) || shape.relations.has(h)) {
          const role = index === idCol ? '编号' : index === nameCol ? '名称' : '期间';
          const text = `列「${h}」是单位${role}列，而「${t.name}」有同名的输入或关联：表格无法给出它的值，请在体系中为它改名`;
          issues.push(dataIssue('KR224', text, { file: t.source, row: 1, column: h }));
        }
        return;
      }
      if (shape.relations.has(h)) columns.push({ index, header: h, role: 'relation' });
      else if (shape.inputs.has(h) && shape.inputs.get(h)!.type.t !== 'list') columns.push({ index, header: h, role: 'input' });
      else if (shape.inputs.has(h))
        issues.push(dataIssue('KR214', `「${h}」是记录列表输入，应在名为「${h}」的表中逐条给出，不能作为「${t.name}」的列`, { file: t.source, row: 1, column: h }));
      else if (h !== '' || t.rows.some((r) => !isMissing(r.cells[index]?.v)))
        // Extra columns are common in real spreadsheets: ignored, with a warning that names the likely intended input.
        issues.push(dataIssue('KR214', unknownFieldText(t.name, h === '' ? '（空表头）' : h, '列', shape), { file: t.source, row: 1, column: h }, { severity: 'warning' }));
    });
    for (const row of t.rows) {
      const at = (column?: string): DataLocation => ({ file: t.source, row: row.line, ...(column !== undefined ? { column } : {}) });
      const idCell = row.cells[idCol]?.v;
      if (isMissing(idCell)) {
        issues.push(dataIssue('KR215', '单位编号为空', at(t.header[idCol])));
        continue;
      }
      const id = String(idCell).trim();
      const period = periodCol >= 0 ? String(row.cells[periodCol]?.v ?? '').trim() : SINGLE_PERIOD;
      if (periodCol >= 0 && period === '') {
        issues.push(dataIssue('KR215', '期间为空', at(t.header[periodCol]), { unit: id }));
        continue;
      }
      let unit = units.get(id);
      if (!unit) {
        const nameCell = nameCol >= 0 ? row.cells[nameCol]?.v : null;
        unit = { id, kind: t.name, name: isMissing(nameCell) ? null : String(nameCell), at: at(), relations: new Map(), periods: new Map() };
        units.set(id, unit);
      } else if (unit.kind !== t.name || unit.periods.has(period) || !periodic) {
        issues.push(dataIssue('KR203', `单位编号重复（首次出现于 ${unit.at.file}:${unit.at.row}）`, at(), { unit: id, kind: t.name }));
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
    const targets = listTables.get(t.name);
    if (!targets) {
      const known = [...shapes.keys(), ...listTables.keys()].join('、');
      issues.push(dataIssue('KR216', `表名「${t.name}」既不是实体类别也不是记录列表输入（可用：${known}）`, { file: t.source }));
      continue;
    }
    if (targets.length > 1) {
      const names = targets.map((x) => `${x.kind}.${x.input}`).join('、');
      issues.push(dataIssue('KR216', `表名「${t.name}」有歧义，请改为 ${names} 之一`, { file: t.source }));
      continue;
    }
    const target = targets[0]!;
    const record = graph.records.find((r) => r.name === target.record)!;
    const unitCol = columnIndex(t.header, UNIT);
    const periodCol = columnIndex(t.header, PERIOD);
    if (unitCol < 0) {
      issues.push(dataIssue('KR222', '缺少单位列（unit 或 单位）', { file: t.source, row: 1 }));
      continue;
    }
    if (periodic === true && periodCol < 0) {
      issues.push(dataIssue('KR223', '单位表按期间给出，本表也需要期间列', { file: t.source, row: 1 }));
      continue;
    }
    const fieldCols: { index: number; header: string }[] = [];
    t.header.forEach((h, index) => {
      if (index === unitCol || index === periodCol) return;
      if (record.fields.some((f) => f.name === h)) fieldCols.push({ index, header: h });
      else issues.push(dataIssue('KR214', unknownColumn(h, record.name, record.fields.map((f) => f.name)), { file: t.source, row: 1, column: h }));
    });
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
        const text = unitId === '' ? '单位为空' : `单位「${unitId}」不在「${target.kind}」表中`;
        issues.push(dataIssue('KR217', text, at(t.header[unitCol]), unitId === '' ? {} : { unit: unitId }));
        continue;
      }
      const period = periodCol >= 0 ? String(row.cells[periodCol]?.v ?? '').trim() : SINGLE_PERIOD;
      const p = unit.periods.get(period);
      if (!p) {
        issues.push(dataIssue('KR217', `单位「${unitId}」没有期间「${period}」的数据`, at(t.header[periodCol] ?? ''), { unit: unitId }));
        continue;
      }
      const fields = new Map<string, RawField>();
      for (const c of fieldCols) fields.set(c.header, { cell: row.cells[c.index] ?? { v: null }, at: at(c.header) });
      const list = p.inputs.get(target.input);
      if (list && 'records' in list) list.records.push({ fields, at: at() });
    }
  }
  return { units: [...units.values()], issues };
}

function unknownColumn(header: string, table: string, known: string[]): string {
  const name = header === '' ? '（空表头）' : `「${header}」`;
  return `未知的列${name}：「${table}」的列有 ${known.join('、') || '（无）'}`;
}
