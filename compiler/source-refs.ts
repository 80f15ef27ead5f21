// Spans (offsets) → SourceRefs (file, line, column), computed once per file with a table of line starts.
import type { SourceFile, Span } from '../dsl/ast.js';
import type { SourceRef } from '../graph/graph.js';

export type SourceRefOf = (span: Span) => SourceRef;

export function sourceRefs(files: SourceFile[]): SourceRefOf {
  const lineStarts = new Map<string, number[]>();
  for (const f of files) {
    const starts = [0];
    for (let i = 0; i < f.text.length; i++) if (f.text.charCodeAt(i) === 10) starts.push(i + 1);
    lineStarts.set(f.path, starts);
  }
  return (span) => {
    const starts = lineStarts.get(span.file) ?? [0];
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= span.start) lo = mid;
      else hi = mid - 1;
    }
    return { file: span.file, line: lo + 1, column: span.start - starts[lo]! + 1, start: span.start, end: span.end };
  };
}
