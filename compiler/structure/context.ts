// What every structure check is given: the typed policy, and where its problems go.
import type { Span } from '../../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import type { MessageRef } from '../../messages/index.js';
import type { TypedPolicy } from '../check-types.js';

export interface StructureContext {
  policy: TypedPolicy;
  diagnostics: Diagnostic[];
  report(span: Span, text: MessageRef, help?: MessageRef): void;
  /** the source text of a span */
  source(span: Span): string;
}

export function structureContext(policy: TypedPolicy): StructureContext {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map(policy.files.map((f) => [f.path, f.text]));
  return {
    policy,
    diagnostics,
    report: (span, text, help) => {
      diagnostics.push(diagnostic(span, text, help === undefined ? {} : { help }));
    },
    source: (span) => texts.get(span.file)?.slice(span.start, span.end) ?? '',
  };
}
