// Node ids of the rule graph: readable, stable across compiles of the same source (`省局.组织收入.完成率`).
import type { Binding, LetInfo } from './resolve-names.js';

/** Inputs and relations: the data a unit carries. */
export const valueId = (kind: string, name: string): string => `${kind}.${name}`;

/** Indicators, sections, bonuses, links and tiers: never named like an input or relation of their kind (KP1001). */
export const resultId = (kind: string, name: string): string => `${kind}.${name}`;
export const letId = (l: LetInfo): string => `${l.kind}.${l.scope}.${l.decl.name.text}`;
export const totalId = (kind: string): string => `${kind}.total`;

/** The node a name stands for on its own kind's units (the target's node for `REL.NAME`); null for non-nodes. */
export function bindingNodeId(b: Binding): string | null {
  switch (b.to) {
    case 'input': return valueId(b.kind, b.field.name.text);
    case 'relation': return valueId(b.kind, b.relation.name.text);
    case 'let': return letId(b.let);
    case 'indicator': case 'section': case 'bonus': return resultId(b.kind, b.decl.name.text);
    case 'total': return totalId(b.kind);
    case 'related': return bindingNodeId(b.target);
    case 'param': case 'field': case 'enum-member': return null;
  }
}
