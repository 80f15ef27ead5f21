// Warnings (预警): their lets, condition and the placeholders of their message, in the warning's kind.
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import type { ExpressionResolver } from './expressions.js';
import type { Scope } from './resolved-policy.js';

export function resolveWarnings(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { decls } = c;
  const { appliesTo, lets } = d;
  const { resolve } = r;
  for (const w of decls.warnings) {
    const scope: Scope = { kind: appliesTo.get(w) ?? null, lets: [lets.get(w)!], record: null };
    for (const item of w.items) {
      if (item.type === 'Let') resolve(item.value, scope);
      else if (item.type === 'WarningWhen') resolve(item.cond, scope);
      else for (const p of item.placeholders) resolve(p, scope);
    }
  }
}
