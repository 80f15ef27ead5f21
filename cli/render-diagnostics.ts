// Diagnostics for the terminal: `file:line:col: severity code: message`, the source line, a caret underline
// that lines up under CJK text (wide characters take two columns), the hint, notes, and the code's docs page.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { positionAt, type Diagnostic } from '../dsl/diagnostics.js';
import { codePage } from '../messages/index.js';
import { displayPath, tell, type CliContext } from './context.js';
import { displayWidth } from './table.js';

/** The excerpt of a long line: this many characters before the place, and this many in all. */
const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 200;

/**
 * One diagnostic with its source excerpt and the page that explains its code; `texts` maps a file path to its
 * text. The message is as the compiler rendered it (in the language asked for).
 */
export function renderDiagnostic(ctx: CliContext, d: Diagnostic, texts: ReadonlyMap<string, string>): string {
  const text = texts.get(d.span.file) ?? '';
  const start = positionAt(text, d.span.start);
  const lines = [`${d.span.file}:${start.line}:${start.column}: ${d.severity} ${d.code}: ${d.message}`];
  if (texts.has(d.span.file)) {
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
    lines.push(`${gutter}${line.replace(/\t/g, ' ')}`, ' '.repeat(gutter.length + displayWidth(before)) + '^'.repeat(Math.max(1, displayWidth(marked))));
  }
  if (d.help) lines.push(`  ${tell(ctx, 'help', { text: d.help })}`);
  for (const r of d.related ?? []) {
    const p = positionAt(texts.get(r.span.file) ?? '', r.span.start);
    lines.push(`  ${tell(ctx, 'note', { place: `${r.span.file}:${p.line}:${p.column}`, text: r.message })}`);
  }
  lines.push(`  ${tell(ctx, 'seePage', { page: displayPath(ctx, path.join(DOCS_ROOT, codePage(d.code))) })}`);
  return lines.join('\n');
}

/**
 * The folder the documentation pages are under: this package's own, the nearest folder above this module that
 * holds docs/codes (cli/ from the sources, dist/cli/ or dist/cli/chunks/ from the bundled command).
 */
const DOCS_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'docs', 'codes'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(from);
  }
}

export function renderDiagnostics(ctx: CliContext, diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): string {
  return diagnostics.map((d) => renderDiagnostic(ctx, d, texts) + '\n').join('');
}

/** How many errors and warnings there are. */
export function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
