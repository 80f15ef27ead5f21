// Diagnostics are data: every stage returns them instead of throwing on user input.
import type { Span } from './ast.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code, e.g. `KP1001`; one table of codes lives in `dsl/diagnostic-codes.ts`. */
  code: string;
  severity: Severity;
  /** What is wrong and what would be right, in the author's words. */
  message: string;
  span: Span;
  /** Optional hint ("did you mean `组织收入`?"). */
  help?: string;
  /** Other places that explain the problem (e.g. the first declaration of a duplicate). */
  related?: { message: string; span: Span }[];
}

/** Line and column (both 1-based) of an offset, computed only at the edges. */
export interface Position {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** `file:line:col: severity code: message` — the form terminals and editors link. */
export function formatDiagnostic(d: Diagnostic, text: string): string {
  const p = positionAt(text, d.span.start);
  const help = d.help ? `\n  help: ${d.help}` : '';
  return `${d.span.file}:${p.line}:${p.column}: ${d.severity} ${d.code}: ${d.message}${help}`;
}
