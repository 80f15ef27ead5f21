// Problems found by the runtime, reported as data (never thrown): each names where it is, in the
// policy (node and source span), in a dataset (unit, field, file/sheet, row, column) or in a graph (path).
// The sentence comes from the message catalogue (messages/), so any consumer can show it in Chinese or English.
import { z } from 'zod';
import { message, placeWords, render, type Bilingual, type Lang, type MessageRef } from '../messages/index.js';
import type { SourceRef } from '../graph/graph.js';

export interface RuntimeIssue {
  severity: 'error' | 'warning';
  /** Stable code: KR1xx rule graph, KR2xx data, KR3xx evaluation (messages/kr-*.ts). */
  code: string;
  /** Full sentence including the location, ready to print: Chinese unless localized (see issueMessage). */
  message: string;
  /** The sentence and its parameters, to render `message` in either language. */
  text: MessageRef;
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

/** The issue's message in `lang`: its place (data: file, row, unit, field; graph: path) and its sentence. */
export function issueMessage(issue: Omit<RuntimeIssue, 'message'>, lang: Lang): string {
  const sentence = render(issue.text, lang);
  if (issue.code.startsWith('KR1')) {
    const path = issue.path || (lang === 'zh' ? '(根)' : '(root)');
    return lang === 'zh' ? `规则图 ${path}：${sentence}` : `rule graph ${path}: ${sentence}`;
  }
  return issue.code.startsWith('KR2') ? placeWords(issue, lang) + sentence : sentence;
}

/** The issues with their messages in `lang`. */
export function localizeIssues<I extends RuntimeIssue>(issues: readonly I[], lang: Lang): I[] {
  return issues.map((i) => ({ ...i, message: issueMessage(i, lang) }));
}

/** An issue of the evaluation or the graph (KR1xx, KR3xx); data issues are made by dataIssue. */
export function runtimeIssue(
  code: string,
  text: MessageRef,
  fields: Omit<RuntimeIssue, 'code' | 'text' | 'message' | 'severity'> & { severity?: 'error' | 'warning' } = {},
): RuntimeIssue {
  const issue = { severity: 'error' as const, ...fields, code, text };
  return { ...issue, message: issueMessage(issue, 'zh') };
}

export function dataIssue(
  code: string,
  text: MessageRef,
  at: DataLocation,
  extra: { unit?: string; kind?: string; field?: string; severity?: 'error' | 'warning' } = {},
): RuntimeIssue {
  const issue: RuntimeIssue = { severity: extra.severity ?? 'error', code, message: '', text };
  if (extra.unit !== undefined) issue.unit = extra.unit;
  if (extra.kind !== undefined) issue.kind = extra.kind;
  if (extra.field !== undefined) issue.field = extra.field;
  if (at.file !== undefined) issue.file = at.file;
  if (at.row !== undefined) issue.row = at.row;
  if (at.column !== undefined) issue.column = at.column;
  if (at.path !== undefined) issue.path = at.path;
  issue.message = issueMessage(issue, 'zh');
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
    return [...this.listed, dataIssue('KR242', message('KR242', 'more', { count: this.unlisted, listed: MAX_LISTED_ISSUES }), { path: '(数据)' }, { severity })];
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

const ZOD_ZH = z.locales.zhCN().localeError;
const ZOD_EN = z.locales.en().localeError;

/** A schema problem in zod's own Chinese and English (parse with `reportInput: true` so it can name what it got). */
export function schemaProblem(issue: z.core.$ZodIssue): Bilingual {
  const say = (locale: typeof ZOD_ZH) => {
    const said = locale(issue as never);
    return typeof said === 'string' ? said : (said?.message ?? issue.message);
  };
  return { zh: say(ZOD_ZH), en: say(ZOD_EN) };
}
