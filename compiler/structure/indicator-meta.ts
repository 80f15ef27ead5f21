// An indicator's items: one score at most, and its metadata (method, period, type, precision, texts) once each
// and well formed; an indicator without a rule is almost always a line left out.
import type { IndicatorDecl, Span } from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import type { IndicatorMeta } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import type { MetadataValue } from '../../messages/kp-structure.js';
import { didYouMean } from '../did-you-mean.js';
import { INDICATOR_TYPES, METHODS, PERIOD_KINDS } from '../value-words.js';
import type { StructureContext } from './context.js';

export function checkIndicatorMeta(c: StructureContext, ind: IndicatorDecl): IndicatorMeta & { precision: number | null } {
  const { policy, diagnostics, report, source } = c;
  const meta: IndicatorMeta & { precision: number | null } = {
    method: null, source: null, owner: null, period: null, type: null, doc: null, precision: null,
  };
  const seen = new Map<string, Span>();
  let scores = 0;
  for (const item of ind.items) {
    if (item.type === 'Score' && ++scores > 1) {
      report(item.span, message('KP3005', 'score', { indicator: ind.name.text }));
    }
    if (item.type !== 'Meta') continue;
    const first = seen.get(item.key);
    if (first) {
      diagnostics.push(diagnostic(item.span, message('KP3005', 'metadata', { indicator: ind.name.text, key: item.key }),
        { related: [{ text: message('KP3005', 'first'), span: first }] }));
      continue;
    }
    seen.set(item.key, item.span);
    const value = item.value;
    const word = 'type' in value ? null : value.text;
    const text = 'type' in value && value.type === 'String' ? value.value : null;
    const bad = (expected: MetadataValue) =>
      report(value.span, message('KP3004', 'bad', { key: item.key, indicator: ind.name.text, expected, source: source(value.span) }),
        word && expected.e === 'oneOf' ? didYouMean(word, expected.words).help : undefined);
    switch (item.key) {
      case 'method': case 'period': case 'type': {
        const table = item.key === 'method' ? METHODS : item.key === 'period' ? PERIOD_KINDS : INDICATOR_TYPES;
        const canonical = word === null ? undefined : table.get(word);
        if (canonical === undefined) bad({ e: 'oneOf', words: [...table.keys()] });
        else if (item.key === 'method') meta.method = canonical as IndicatorMeta['method'];
        else if (item.key === 'period') meta.period = canonical as IndicatorMeta['period'];
        else meta.type = canonical as IndicatorMeta['type'];
        break;
      }
      case 'precision': {
        const n = 'type' in value && value.type === 'Number' ? Number(value.digits) : NaN;
        if (Number.isInteger(n) && n >= 0 && n <= 10) meta.precision = n;
        else bad({ e: 'precision' });
        break;
      }
      default:
        if (text === null) bad({ e: 'string' });
        else meta[item.key] = text;
    }
  }
  // Without a score, an adjustment or a link deducting from it every unit keeps the full points: almost always
  // a line left out.
  const linked = policy.decls.links.some((l) => l.target.text === ind.name.text);
  if (scores === 0 && !linked && !ind.items.some((i) => i.type === 'Adjust')) {
    diagnostics.push(diagnostic(ind.name.span, message('KP3019', 'noRule', { indicator: ind.name.text, points: source(ind.points.span) }),
      { help: message('KP3019', 'help') }));
  }
  return meta;
}
