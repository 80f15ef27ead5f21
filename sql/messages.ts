// The SQL engines' own messages, Chinese first with the English beside it, each with its code (KR5xx: the
// engines; the data and evaluation codes are the runtime's).
import type { RuntimeIssue } from '../runtime/issues.js';

export const SQL_MESSAGES = {
  KR501: { zh: 'SQL 引擎尚不支持：{0}（请用默认的求值器）', en: 'not supported by the SQL engines yet: {0} (use the default evaluator)' },
  KR502: { zh: '未安装 {0} 驱动：请运行 npm install {1}', en: 'the {0} driver is not installed: run npm install {1}' },
  KR503: { zh: '无法连接数据库 {0}：{1}', en: 'cannot connect to the database {0}: {1}' },
  KR504: { zh: '数据库中缺少表「{0}」', en: 'the database has no table "{0}"' },
  KR505: { zh: '表「{0}」缺少列「{1}」', en: 'table "{0}" has no column "{1}"' },
  KR506: { zh: '数据库执行失败：{0}', en: 'the database failed: {0}' },
  KR507: { zh: '表「{0}」单位「{1}」列「{2}」：{3}', en: 'table "{0}", unit "{1}", column "{2}": {3}' },
  KR508: { zh: '表「{0}」单位「{1}」期间「{2}」重复', en: 'table "{0}": unit "{1}" appears twice in period "{2}"' },
} as const;

export type SqlCode = keyof typeof SQL_MESSAGES;

export function sqlText(code: SqlCode, args: readonly (string | number)[], lang: 'zh' | 'en' = 'zh'): string {
  return SQL_MESSAGES[code][lang].replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

export function sqlIssue(code: SqlCode, args: readonly (string | number)[], extra: Partial<RuntimeIssue> = {}): RuntimeIssue {
  return { severity: 'error', code, message: sqlText(code, args), ...extra };
}

/** A graph construct the SQL engines cannot evaluate yet: refused before anything runs, never evaluated differently. */
export class Unsupported extends Error {
  constructor(readonly construct: string) {
    super(sqlText('KR501', [construct]));
  }
}

/** A problem of the engine or the database, already said as an issue. */
export class EngineError extends Error {
  constructor(readonly issues: RuntimeIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}
