// Diagnostics are data: every stage returns them instead of throwing on user input.
import { CODES, commonMessage, render, type MessageRef, type Severity } from '../messages/index.js';
import type { Span } from './ast.js';

export type { Severity };

export interface Diagnostic {
  /** Stable code, e.g. `KP1001`; the one registry of codes is `messages/`. */
  code: string;
  severity: Severity;
  /** What is wrong and what would be right, in the author's words, rendered in the chosen language. */
  message: string;
  /** The sentence and its parameters, to render `message` in either language (messages/render). */
  text: MessageRef;
  span: Span;
  /** Optional hint ("did you mean `组织收入`?"), rendered like `message`. */
  help?: string;
  helpText?: MessageRef;
  /** Other places that explain the problem (e.g. the first declaration of a duplicate). */
  related?: { message: string; text: MessageRef; span: Span }[];
  /** Edits that would fix the problem, for an editor's quick fixes and `kaoping check --fix`. */
  fixes?: Fix[];
}

/** Replace the text of `span` (empty to insert) with `text`. */
export interface FixEdit {
  span: Span;
  text: string;
}

/**
 * A quick fix, as data: what it does (`title`, rendered like `message`) and its edits. `unambiguous` fixes are
 * the one right change (a name with a single closest match, a missing closing bracket) and `check --fix` applies
 * them; the others need the author's choice (which value an `else` arm gives), so only the editor offers them.
 */
export interface Fix {
  title: string;
  titleText: MessageRef;
  edits: FixEdit[];
  unambiguous: boolean;
}

export interface DiagnosticExtras {
  help?: MessageRef;
  related?: { text: MessageRef; span: Span }[];
  /** When not the code's own severity. */
  severity?: Severity;
  fixes?: { title: MessageRef; edits: FixEdit[]; unambiguous: boolean }[];
}

/**
 * A diagnostic from a catalogue sentence (its code is the sentence's). `message` is rendered in English with
 * English keywords until the compiler renders it in the language chosen (dsl/localize-diagnostics.ts).
 */
export function diagnostic(span: Span, text: MessageRef, extras: DiagnosticExtras = {}): Diagnostic {
  const d: Diagnostic = { code: text.code, severity: extras.severity ?? CODES[text.code]?.severity ?? 'error', message: render(text, 'en'), text, span };
  if (extras.help !== undefined) {
    d.help = render(extras.help, 'en');
    d.helpText = extras.help;
  }
  if (extras.related !== undefined) d.related = extras.related.map((r) => ({ message: render(r.text, 'en'), text: r.text, span: r.span }));
  const fixes = [...(extras.fixes ?? []), ...suggestedName(span, extras.help)];
  if (fixes.length) d.fixes = fixes.map((f) => ({ title: render(f.title, 'en'), titleText: f.title, edits: f.edits, unambiguous: f.unambiguous }));
  return d;
}

/**
 * A "did you mean `X`?" hint is said of the text the diagnostic points at (an unknown name, a score written as a
 * percent), so it is also the fix that writes `X` there; unambiguous unless another name was as close.
 */
function suggestedName(span: Span, help: MessageRef | undefined): NonNullable<DiagnosticExtras['fixes']> {
  if (help?.code !== '' || help.key !== 'didYouMean') return [];
  const name = String(help.params['name']);
  return [{ title: commonMessage('replaceWith', { text: name }), edits: [{ span, text: name }], unambiguous: help.params['tied'] !== true }];
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
