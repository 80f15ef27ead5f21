// The quick fix of a `band` or `match` without an `else` arm (KP2007): an `else` arm giving zero in the arms'
// dimension, written after the last arm in the file's keyword spelling and layout. Zero is a choice the author
// makes (the hint says "or the value meant"), so the fix is offered in the editor, not applied by `check --fix`.
import type { Expr } from '../dsl/ast.js';
import type { DiagnosticExtras } from '../dsl/diagnostics.js';
import { keywordLanguage } from '../dsl/format.js';
import { spell } from '../dsl/keywords.js';
import { commonMessage } from '../messages/index.js';
import type { Type } from './types.js';

const ZERO_BY_DIMENSION: Record<string, string> = { points: '0分', percent: '0%', money: '0元', days: '0天', count: '0件', number: '0' };

function zeroOf(arms: Expr[], type: Type, text: string): string | null {
  const literal = arms.find((a) => a.type === 'Number' && a.unit !== null);
  if (literal) return text.slice(literal.span.start, literal.span.end).replace(/^[\d.]+/, '0');
  if (type.t === 'plain') return '0';
  return type.t === 'num' ? (ZERO_BY_DIMENSION[type.dim] ?? null) : null;
}

export function elseArmFix(e: Extract<Expr, { type: 'Band' | 'Match' }>, type: Type, text: string): DiagnosticExtras['fixes'] {
  const last = e.arms[e.arms.length - 1];
  const close = e.span.end - 1;
  if (!last || text[close] !== '}') return [];
  const values = e.arms.map((a) => a.value);
  const zero = zeroOf(values, type, text);
  const after = last.value.span.end;
  const between = text.slice(after, close);
  // Anything but blanks and one comma (a comment, say) is left as the author wrote it: no fix.
  if (zero === null || !/^\s*,?\s*$/.test(between)) return [];
  const arm = `${spell('else', keywordLanguage(text))}: ${zero}`;
  const comma = between.indexOf(',');
  const lineStart = text.lastIndexOf('\n', last.span.start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const multiline = between.includes('\n');
  const at = comma >= 0 ? after + comma + 1 : after;
  const inserted = multiline ? `${comma >= 0 ? '' : ','}\n${indent}${arm}${comma >= 0 ? ',' : ''}` : `${comma >= 0 ? '' : ','} ${arm}`;
  return [{ title: commonMessage('insertText', { text: arm }), edits: [{ span: { file: e.span.file, start: at, end: at }, text: inserted }], unambiguous: false }];
}
