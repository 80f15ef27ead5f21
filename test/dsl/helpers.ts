// Shared helpers for the language front-end tests.
import type { Span } from '../../dsl/ast.js';

/** The tree without spans, so shapes can be compared across layouts. */
export function stripSpans<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v)));
}

/** The source text a span underlines. */
export function underlined(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
