// Periods (期间): a year, half or quarter split into its own smaller parts, each once, with a known aggregate;
// links (关联): the list they walk is a list.
import { message } from '../../messages/index.js';
import { partInside } from '../check-period-aggregates.js';
import { PERIOD_AGGREGATES } from '../value-words.js';
import type { StructureContext } from './context.js';

export function checkPeriods(c: StructureContext): void {
  const { policy, report } = c;
  for (const p of policy.decls.periods) {
    const whole = /^\d{4}(Q[1-4]|H[12])?$/.test(p.period.text) ? p.period.text : null;
    if (!whole) report(p.period.span, message('KP3011', 'year', { period: p.period.text }));
    const seen = new Set<string>();
    for (const part of p.parts) {
      const m = /^(\d{4})(Q[1-4]|M(0[1-9]|1[0-2])|H[12])$/.exec(part.text);
      if (!m) report(part.span, message('KP3011', 'part', { part: part.text }));
      else if (whole && !partInside(part.text, whole)) report(part.span, message('KP3011', 'otherYear', { part: part.text, year: whole }));
      else if (seen.has(part.text)) report(part.span, message('KP3011', 'twice', { part: part.text }));
      seen.add(part.text);
    }
    if (!PERIOD_AGGREGATES.has(p.aggregate.text)) {
      report(p.aggregate.span, message('KP3011', 'aggregate', { word: p.aggregate.text, spellings: [...PERIOD_AGGREGATES.keys()] }));
    }
  }
}

export function checkLinks(c: StructureContext): void {
  const { policy, report } = c;
  for (const l of policy.decls.links) {
    const list = l.list ? policy.kinds.get(l.source.text)?.inputs.get(l.list.text) : undefined;
    if (list && list.valueType.type !== 'ListType') {
      report(l.list!.span, message('KP3014', 'notList', { name: l.list!.text }));
    }
  }
}
