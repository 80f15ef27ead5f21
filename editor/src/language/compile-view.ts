// The compiler's output as the editor needs it: diagnostics with workspace paths, and foldable regions
// (every declaration and every indicator that spans several lines).
import type { SourceFile, Span } from '../../../dsl/ast.js';
import type { Diagnostic } from '../../../dsl/diagnostics.js';
import type { EditorDiagnostic, SpanRef } from './protocol.js';

function spanRef(span: Span): SpanRef {
  return { path: span.file, start: span.start, end: span.end };
}

export function toEditorDiagnostic(d: Diagnostic): EditorDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    help: d.help ?? null,
    span: spanRef(d.span),
    related: (d.related ?? []).map((r) => ({ message: r.message, span: spanRef(r.span) })),
    fixes: (d.fixes ?? []).map((f) => ({ title: f.title, unambiguous: f.unambiguous, edits: f.edits.map((e) => ({ span: spanRef(e.span), text: e.text })) })),
  };
}

export function foldingSpans(files: readonly SourceFile[]): SpanRef[] {
  const spans: SpanRef[] = [];
  const add = (span: Span, text: string) => {
    if (text.slice(span.start, span.end).includes('\n')) spans.push(spanRef(span));
  };
  for (const file of files) {
    for (const decl of file.decls) {
      add(decl.span, file.text);
      if (decl.type === 'Section') for (const item of decl.items) add(item.span, file.text);
      if (decl.type === 'Test') for (const unit of decl.units) add(unit.span, file.text);
    }
  }
  return spans;
}
