// The checker's types: a value type of the graph, or what an expression is before its context decides it.
import type { ValueType } from '../graph/graph.js';

/** A compile-time type: a runtime ValueType, or one of the forms that exist only while checking. */
export type Type =
  | ValueType
  | { t: 'plain' } // a number without a unit: takes the dimension its context needs
  | { t: 'member'; name: string } // an enum value written bare (`执法`), checked against the enum it meets
  | { t: 'unknown' }; // already reported; checks on it stay silent

/** How a type reads in a message, in the language's own words. */
export function describeType(t: Type): string {
  switch (t.t) {
    case 'num': return t.dim;
    case 'plain': return 'a plain number';
    case 'member': return `the enum value \`${t.name}\``;
    case 'unknown': return 'unknown';
    case 'enum': return t.name ?? `enum(${t.values.join(', ')})`;
    case 'list': return `[${t.record}]`;
    case 'ref': return `a unit of \`${t.kind}\``;
    default: return t.t;
  }
}
