// Tiers (分段): quota words, shares within (0, 100%] that together take no more than every unit, the rest tier
// last and present, gates naming a tier.
import type { TierRule } from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import { constantValue } from '../constant-value.js';
import { didYouMean } from '../did-you-mean.js';
import { add, compare, mul, rational, toDecimal, ZERO, type Rational } from '../exact-number.js';
import { GATED_MODES, QUOTA_ROUNDINGS } from '../value-words.js';
import type { StructureContext } from './context.js';

/** Each quota tier's share of the units. */
export function checkTiers(c: StructureContext): Map<TierRule, Rational> {
  const { policy, diagnostics, report, source } = c;
  const tierShares = new Map<TierRule, Rational>();
  for (const t of policy.decls.tiers) {
    if (t.quota && !QUOTA_ROUNDINGS.has(t.quota.text)) {
      report(t.quota.span, message('KP3013', 'quota', { word: t.quota.text, spellings: [...QUOTA_ROUNDINGS.keys()] }));
    }
    if (t.gated && !GATED_MODES.has(t.gated.text)) {
      report(t.gated.span, message('KP3013', 'gated', { word: t.gated.text, spellings: [...GATED_MODES.keys()] }));
    }
    t.tiers.forEach((rule, i) => {
      if (rule.quota) {
        const share = constantValue(rule.quota.share, policy.constants);
        if (share && (compare(share, ZERO) <= 0 || compare(share, rational(1n)) > 0)) {
          report(rule.quota.share.span, message('KP3007', 'range', { tier: rule.name.text, percent: toDecimal(mul(share, rational(100n))) }));
        } else if (share) tierShares.set(rule, share);
      }
      if (rule.rest && i !== t.tiers.length - 1) {
        report(rule.span, message('KP3008', 'last', { tier: rule.name.text, tiers: t.name.text }));
      }
    });
    // `top` and `next` quotas are filled one after the other, so together they cannot take more than every unit.
    const quotas = t.tiers.filter((r) => r.quota && r.quota.kind !== 'at_most' && tierShares.has(r));
    let taken = ZERO;
    for (const [i, rule] of quotas.entries()) {
      taken = add(taken, tierShares.get(rule)!);
      if (compare(taken, rational(1n)) <= 0) continue;
      const parts = quotas.slice(0, i + 1).map((r) => source({ ...r.span, end: r.quota!.share.span.end })).join(' + ');
      report(rule.quota!.share.span,
        message('KP3016', 'over', { tiers: t.name.text, percent: toDecimal(mul(taken, rational(100n))), parts, tier: rule.name.text }),
        message('KP3016', 'help'));
      break;
    }
    if (!t.tiers.some((r) => r.rest)) {
      diagnostics.push(diagnostic(t.name.span, message('KP3017', 'noRest', { tiers: t.name.text }), { help: message('KP3017', 'help') }));
    }
    for (const g of t.gates) {
      if (!t.tiers.some((r) => r.name.text === g.tier.text)) {
        report(g.tier.span, message('KP3009', 'unknown', { tier: g.tier.text, tiers: t.name.text }),
          didYouMean(g.tier.text, t.tiers.map((r) => r.name.text)).help);
      }
    }
  }
  return tierShares;
}
