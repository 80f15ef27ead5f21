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

/**
 * Most issues listed one by one; beyond it they are only counted, in one closing KR242 issue. Bad data can
 * hold a problem per value (a million units), and a list that long helps nobody and costs memory and time.
 */
export const MAX_LISTED_ISSUES = 1000;

/** The closing issue that counts what was not listed, in Chinese (shown) and English. */
export const UNLISTED_ISSUES = {
  zh: (unlisted: number) => `另有 ${unlisted} 处数据问题未列出（只列出前 ${MAX_LISTED_ISSUES} 处）`,
  en: (unlisted: number) => `${unlisted} more data problems not listed (only the first ${MAX_LISTED_ISSUES} are)`,
};

/**
 * Issues as they are found, the first MAX_LISTED_ISSUES kept and the rest counted. Issues are added one at a
 * time (never spread into a call, whose arguments live on the stack).
 */
export class IssueList {
  private readonly listed: RuntimeIssue[] = [];
  private unlisted = 0;
  private unlistedErrors = 0;
  /** errors added, listed or not */
  errors = 0;

  add(issue: RuntimeIssue): void {
    if (issue.severity === 'error') this.errors++;
    if (this.listed.length < MAX_LISTED_ISSUES) this.listed.push(issue);
    else {
      this.unlisted++;
      if (issue.severity === 'error') this.unlistedErrors++;
    }
  }

  addAll(issues: Iterable<RuntimeIssue>): void {
    for (const issue of issues) this.add(issue);
  }

  /** The listed issues, then one KR242 counting the rest: an error when any of the rest is one. */
  list(): RuntimeIssue[] {
    if (this.unlisted === 0) return this.listed;
    const severity = this.unlistedErrors > 0 ? 'error' : 'warning';
    return [...this.listed, dataIssue('KR242', UNLISTED_ISSUES.zh(this.unlisted), { path: '(数据)' }, { severity })];
  }
}

/** `issues` as an IssueList would give them: at most MAX_LISTED_ISSUES, and a count of the rest. */
export function boundedIssues(issues: Iterable<RuntimeIssue>): RuntimeIssue[] {
  const list = new IssueList();
  list.addAll(issues);
  return list.list();
}

/** Appends `more` to `into` one by one: a spread of a large array into `push` overflows the stack. */
export function appendIssues(into: RuntimeIssue[], more: Iterable<RuntimeIssue>): void {
  for (const issue of more) into.push(issue);
}
