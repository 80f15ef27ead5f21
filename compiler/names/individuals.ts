// Individual performance (个人): the kind, its share expression, and the relation to the unit it shares in.
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import { didYouMean } from '../did-you-mean.js';
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import type { ExpressionResolver } from './expressions.js';

export function resolveIndividuals(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { decls, diagnostics, refer } = c;
  const { lookupKind } = d;
  const { resolve } = r;
  for (const ind of decls.individuals) {
    const kind = lookupKind(ind.entity);
    resolve(ind.share, { kind: kind?.name ?? null, lets: [], record: null });
    const relation = kind?.relations.get(ind.relation.text);
    if (relation) refer(ind.relation.span, relation);
    else if (kind) {
      diagnostics.push(diagnostic(ind.relation.span, message('KP1007', 'noRelation', { kind: kind.name, name: ind.relation.text }),
        didYouMean(ind.relation.text, kind.relations.keys())));
    }
  }
}
