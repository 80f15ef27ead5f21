// Golden cases: `test/golden/<case>.kp` (or a folder `<case>/` of .kp files for a policy split over files),
// compiled and compared with `<case>.expected.txt` (diagnostics) or `<case>.graph.json` (the rule graph).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../dsl/diagnostics.js';
import { positionAt } from '../../dsl/diagnostics.js';
import { MAX_SOURCE_LENGTH } from '../../dsl/parse.js';
import type { PolicySource } from '../../compiler/index.js';

export const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;

export interface GoldenCase {
  name: string;
  sources: PolicySource[];
}

export function goldenCases(): GoldenCase[] {
  return readdirSync(GOLDEN_DIR).sort().flatMap((entry): GoldenCase[] => {
    const full = join(GOLDEN_DIR, entry);
    if (statSync(full).isDirectory()) {
      const files = readdirSync(full).filter((f) => f.endsWith('.kp')).sort();
      return [{ name: entry, sources: files.map((f) => ({ path: `${entry}/${f}`, text: readFileSync(join(full, f), 'utf8') })) }];
    }
    if (!entry.endsWith('.kp')) return [];
    return [{ name: entry.slice(0, -3), sources: [{ path: entry, text: readFileSync(full, 'utf8') }] }];
  });
}

/**
 * Cases whose source is too large to keep in the repository, built here instead. They are kept out of
 * goldenCases(), which the property tests mutate.
 */
export function generatedCases(): GoldenCase[] {
  const head = '# KP0007: a file one character longer than the limit (built by test/compiler/golden-files.ts).\n';
  const text = head + '#'.repeat(MAX_SOURCE_LENGTH + 1 - head.length);
  return [{ name: 'syntax-file-too-large', sources: [{ path: 'syntax-file-too-large.kp', text }] }];
}

export function readGolden(file: string): string | null {
  const full = join(GOLDEN_DIR, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

/** Columns a character takes in a terminal: CJK and full-width forms take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

/** `file:line:col: severity code: message`, the source line, and the span underlined (its first line). */
export function renderDiagnostic(d: Diagnostic, texts: Map<string, string>): string {
  const text = texts.get(d.span.file) ?? '';
  const at = positionAt(text, d.span.start);
  const lineStart = d.span.start - (at.column - 1);
  const lineEnd = text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd);
  const underlined = text.slice(d.span.start, Math.min(Math.max(d.span.end, d.span.start + 1), lineEnd));
  const gutter = String(at.line);
  const out = [
    `${d.span.file}:${at.line}:${at.column}: ${d.severity} ${d.code}: ${d.message}`,
    `${gutter} | ${line}`,
    `${' '.repeat(gutter.length)} | ${' '.repeat(width(text.slice(lineStart, d.span.start)))}${'^'.repeat(Math.max(1, width(underlined)))}`,
  ];
  if (d.help) out.push(`  help: ${d.help}`);
  for (const r of d.related ?? []) {
    const p = positionAt(texts.get(r.span.file) ?? '', r.span.start);
    out.push(`  note: ${r.span.file}:${p.line}:${p.column}: ${r.message}`);
  }
  return out.join('\n');
}
