// Links (关联): the source kind, the list walked and its condition and amount, the relation, and the
// indicator of the related kind the amount is deducted from.
import type { LinkDecl } from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import { didYouMean } from '../did-you-mean.js';
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import type { ExpressionResolver } from './expressions.js';
import type { Scope } from './resolved-policy.js';

export function resolveLinks(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { diagnostics, refer } = c;
  const { kinds, records, lookupKind, checkNotNamedLikeData } = d;
  const { resolve } = r;
  for (const l of c.decls.links) resolveLink(l);
  function resolveLink(l: LinkDecl): void {
    const source = lookupKind(l.source);
    const scope: Scope = { kind: source?.name ?? null, lets: [], record: null };
    let inner = scope;
    if (l.list && source) {
      const list = source.inputs.get(l.list.text);
      if (list) {
        refer(l.list.span, list);
        const record = list.valueType.type === 'ListType' ? records.get(list.valueType.element.text) ?? null : null;
        inner = { ...scope, record };
      } else {
        diagnostics.push(diagnostic(l.list.span, message('KP1002', 'noInput', { kind: source.name, name: l.list.text }),
          didYouMean(l.list.text, source.inputs.keys())));
      }
    }
    if (l.where) resolve(l.where, inner);
    resolve(l.amount, inner);
    if (!source) return;
    const relation = source.relations.get(l.relation.text);
    if (!relation) {
      diagnostics.push(diagnostic(l.relation.span, message('KP1007', 'noRelation', { kind: source.name, name: l.relation.text }),
        didYouMean(l.relation.text, source.relations.keys())));
      return;
    }
    refer(l.relation.span, relation);
    const target = kinds.get(relation.target.text);
    checkNotNamedLikeData(target, l, 'link');
    const indicator = target?.indicators.get(l.target.text);
    if (indicator) refer(l.target.span, indicator.decl);
    else if (target) {
      diagnostics.push(diagnostic(l.target.span, message('KP1011', 'unknown', { kind: target.name, name: l.target.text }),
        didYouMean(l.target.text, target.indicators.keys())));
    }
  }
}
