// Problems found by the runtime, reported as data (never thrown): each names where it is, in the
// policy (node and source span), in a dataset (unit, field, file/sheet, row, column) or in a graph (path).
import type { SourceRef } from './graph.js';

export interface RuntimeIssue {
  severity: 'error' | 'warning';
  /** Stable code: KR1xx rule graph, KR2xx data, KR3xx evaluation. */
  code: string;
  /** Full sentence including the location, ready to print. */
  message: string;
  unit?: string;
  kind?: string;
  field?: string;
  file?: string;
  row?: number;
  column?: string;
  path?: string;
  node?: string;
  span?: SourceRef;
}

/** Where a value came from in a dataset, for messages. */
export interface DataLocation {
  file?: string; // file or sheet name (tables)
  row?: number; // 1-based row as a spreadsheet shows it (tables)
  column?: string; // column header (tables)
  path?: string; // JSON path (JSON datasets)
}

export function describeLocation(at: DataLocation): string {
  if (at.file !== undefined) {
    const row = at.row !== undefined ? `:${at.row}` : '';
    const col = at.column !== undefined ? ` 列「${at.column}」` : '';
    return `${at.file}${row}${col}`;
  }
  return at.path ?? '';
}

export function dataIssue(
  code: string,
  text: string,
  at: DataLocation,
  extra: { unit?: string; kind?: string; field?: string; severity?: 'error' | 'warning' } = {},
): RuntimeIssue {
  const where = describeLocation(at);
  const unit = extra.unit !== undefined ? `单位「${extra.unit}」` : '';
  const field = extra.field !== undefined ? `字段「${extra.field}」` : '';
  const subject = [unit, field].filter((s) => s !== '').join(' ');
  const message = [where, subject].filter((s) => s !== '').join(' ') + (where || subject ? '：' : '') + text;
  const issue: RuntimeIssue = { severity: extra.severity ?? 'error', code, message };
  if (extra.unit !== undefined) issue.unit = extra.unit;
  if (extra.kind !== undefined) issue.kind = extra.kind;
  if (extra.field !== undefined) issue.field = extra.field;
  if (at.file !== undefined) issue.file = at.file;
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  if (at.path !== undefined) issue.path = at.path;
  return issue;
}

export function hasErrors(issues: readonly RuntimeIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
