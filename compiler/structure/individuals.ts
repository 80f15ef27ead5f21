// Individual performance (个人): one declaration per kind, through a relation to a kind that has sections.
import type { IndividualDecl } from '../../dsl/ast.js';
import { diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import type { StructureContext } from './context.js';

/** The individual declaration of each kind that has one. */
export function checkIndividuals(c: StructureContext): Map<string, IndividualDecl> {
  const { policy, diagnostics, report } = c;
  const individuals = new Map<string, IndividualDecl>();
  for (const ind of policy.decls.individuals) {
    const previous = individuals.get(ind.entity.text);
    if (previous) {
      diagnostics.push(diagnostic(ind.span, message('KP3010', 'twice', { kind: ind.entity.text }),
        { related: [{ text: message('KP3010', 'first'), span: previous.span }] }));
      continue;
    }
    const relation = policy.kinds.get(ind.entity.text)?.relations.get(ind.relation.text);
    const target = relation ? policy.kinds.get(relation.target.text) : undefined;
    if (relation && target && target.sections.length === 0) {
      report(ind.relation.span, message('KP3010', 'noSections', { target: target.name, relation: ind.relation.text }));
      continue;
    }
    individuals.set(ind.entity.text, ind);
  }
  return individuals;
}
