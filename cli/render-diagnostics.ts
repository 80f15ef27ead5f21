// Diagnostics for the terminal: `file:line:col: severity code: message`, the source line, and a caret
// underline that lines up under CJK text (wide characters take two columns).
import { formatDiagnostic, positionAt, type Diagnostic } from '../dsl/diagnostics.js';
import { counted } from './context.js';
import { displayWidth } from './table.js';

/** The excerpt of a long line: this many characters before the place, and this many in all. */
const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 200;

/** One diagnostic with its source excerpt; `texts` maps a file path to its text. */
export function renderDiagnostic(d: Diagnostic, texts: ReadonlyMap<string, string>): string {
  const text = texts.get(d.span.file);
  if (text === undefined) return formatDiagnostic(d, '');
  const head = formatDiagnostic(d, text);
  const start = positionAt(text, d.span.start);
  const lineStart = d.span.start - (start.column - 1);
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const full = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  // A long line is shown as a window around the place: widths of a 100 000-character line take seconds to measure.
  const from = Math.max(0, start.column - 1 - EXCERPT_BEFORE);
  const to = Math.min(full.length, from + EXCERPT_LENGTH);
  const line = (from > 0 ? '…' : '') + full.slice(from, to) + (to < full.length ? '…' : '');
  const gutter = `${start.line} | `;
  const before = ((from > 0 ? '…' : '') + full.slice(from, start.column - 1)).replace(/\t/g, ' ');
  const marked = full.slice(start.column - 1, Math.max(start.column - 1, Math.min(d.span.end - lineStart, to)));
  const caret = ' '.repeat(gutter.length + displayWidth(before)) + '^'.repeat(Math.max(1, displayWidth(marked)));
  const related = (d.related ?? []).map((r) => {
    const rt = texts.get(r.span.file) ?? '';
    const p = positionAt(rt, r.span.start);
    return `\n  note: ${r.span.file}:${p.line}:${p.column}: ${r.message}`;
  });
  return `${head}\n${gutter}${line.replace(/\t/g, ' ')}\n${caret}${related.join('')}`;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): string {
  return diagnostics.map((d) => renderDiagnostic(d, texts) + '\n').join('');
}

/** `2 errors, 1 warning` — the closing line of `kaoping check`. */
export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${counted(errors, 'error')}, ${counted(warnings, 'warning')}`;
}
