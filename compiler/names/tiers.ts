// Tiers (分段): what they rank by, tie-breaks, quotas, conditions, gates naming a tier, vetoes.
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import { CONSTANT_SCOPE, type ExpressionResolver } from './expressions.js';
import type { Scope } from './resolved-policy.js';

export function resolveTiers(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { decls, refer } = c;
  const { appliesTo } = d;
  const { resolve } = r;
  for (const t of decls.tiers) {
    const scope: Scope = { kind: appliesTo.get(t) ?? null, lets: [], record: null };
    resolve(t.by, scope);
    if (t.ties?.mode === 'by') for (const k of t.ties.keys) resolve(k, scope);
    for (const rule of t.tiers) {
      if (rule.quota) resolve(rule.quota.share, CONSTANT_SCOPE);
      if (rule.when) resolve(rule.when, scope);
    }
    for (const g of t.gates) {
      const rule = t.tiers.find((r) => r.name.text === g.tier.text);
      if (rule) refer(g.tier.span, rule);
      resolve(g.when, scope);
    }
    for (const v of t.vetoes) resolve(v.when, scope);
  }
}
