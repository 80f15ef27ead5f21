// The scoring rules' names: parameters' and default values' constants, sections (points, weight, condition,
// lets, indicators with their scores, adjustments and exemptions) and bonuses.
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import { CONSTANT_SCOPE, type ExpressionResolver } from './expressions.js';
import type { Scope } from './resolved-policy.js';

export function resolveScoring(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { decls } = c;
  const { appliesTo, lets } = d;
  const { resolve, resolveAdjust } = r;
  for (const p of decls.params) resolve(p.value, CONSTANT_SCOPE);
  for (const input of decls.inputs) {
    for (const f of input.fields) if (f.missing?.kind === 'default') resolve(f.missing.value, CONSTANT_SCOPE);
  }
  for (const s of decls.sections) {
    const kind = appliesTo.get(s) ?? null;
    const sectionLets = lets.get(s)!;
    const sectionScope: Scope = { kind, lets: [sectionLets], record: null };
    if (s.points) resolve(s.points, CONSTANT_SCOPE);
    if (s.weight) resolve(s.weight, CONSTANT_SCOPE);
    if (s.when) resolve(s.when, sectionScope);
    for (const item of s.items) {
      if (item.type === 'Let') { resolve(item.value, sectionScope); continue; }
      resolve(item.points, CONSTANT_SCOPE);
      const scope: Scope = { kind, lets: [lets.get(item)!, sectionLets], record: null };
      for (const i of item.items) {
        if (i.type === 'Let' || i.type === 'Score') resolve(i.value, scope);
        else if (i.type === 'Adjust') resolveAdjust(i, scope);
        else if (i.type === 'Exempt') resolve(i.when, scope);
      }
    }
  }
  for (const b of decls.bonuses) {
    const scope: Scope = { kind: appliesTo.get(b) ?? null, lets: [lets.get(b)!], record: null };
    if (b.cap) resolve(b.cap, CONSTANT_SCOPE);
    for (const i of b.items) {
      if (i.type === 'Let') resolve(i.value, scope);
      else if (i.type === 'Adjust') resolveAdjust(i, scope);
    }
  }
}
