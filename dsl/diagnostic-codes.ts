// Codes of the syntax stage (KP0xxx). The compiler keeps its own table (KP1xxx and up).
import type { Span } from './ast.js';
import type { Diagnostic } from './diagnostics.js';

export const SYNTAX_DIAGNOSTICS = [
  { code: 'KP0001', title: 'unknown character' },
  { code: 'KP0002', title: 'unterminated string' },
  { code: 'KP0003', title: 'expected a particular word or symbol' },
  { code: 'KP0004', title: 'unexpected word or symbol' },
  { code: 'KP0005', title: 'text after the last declaration' },
  { code: 'KP0006', title: 'nesting too deep' },
  { code: 'KP0007', title: 'source file too large' },
  { code: 'KP0008', title: 'unknown escape in a string' },
  { code: 'KP0009', title: 'not a calendar date' },
  { code: 'KP0010', title: 'unknown value word' },
  { code: 'KP0011', title: 'keyword used as a name' },
] as const;

export type SyntaxCode = (typeof SYNTAX_DIAGNOSTICS)[number]['code'];

export function syntaxDiagnostic(code: SyntaxCode, message: string, span: Span, help?: string): Diagnostic {
  return help === undefined ? { code, severity: 'error', message, span } : { code, severity: 'error', message, span, help };
}
