// The SQL engines' issues: their sentences are the catalogue's (messages/kr-sql.ts, KR5xx); the data and
// evaluation codes are the runtime's.
import { message, render, type Lang } from '../messages/index.js';
import type { RuntimeIssue } from '../runtime/issues.js';

export type SqlCode = 'KR501' | 'KR502' | 'KR503' | 'KR504' | 'KR505' | 'KR506' | 'KR507' | 'KR508';

export function sqlText(code: SqlCode, args: readonly (string | number)[], lang: Lang = 'zh'): string {
  return render(message(code, 'text', { args }), lang);
}

export function sqlIssue(code: SqlCode, args: readonly (string | number)[], extra: Partial<RuntimeIssue> = {}): RuntimeIssue {
  return { severity: 'error', code, message: sqlText(code, args), text: message(code, 'text', { args }), ...extra };
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
