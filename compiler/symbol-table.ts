// The symbol table: every declared name with its place, and every reference to it. Built by resolve-names,
// completed (types, points) by the later passes; the editor uses it for hover, completion, go-to and rename.
import type { Span } from '../dsl/ast.js';

export type SymbolKind =
  | 'entity' | 'relation' | 'enum' | 'enum-member' | 'record' | 'record-field' | 'input' | 'param'
  | 'section' | 'indicator' | 'bonus' | 'link' | 'tiers' | 'tier' | 'fixture' | 'let' | 'test-unit' | 'warning';

export interface PolicySymbol {
  id: number; // index in SymbolTable.symbols
  kind: SymbolKind;
  name: string;
  span: Span; // the name where it is declared
  declSpan: Span; // the whole declaration
  entity: string | null; // the entity kind whose units carry the value (inputs, lets, indicators, …)
  container: string | null; // the section/indicator of a let, the record of a field, the enum of a member
  type: string | null; // the value's type as the author writes it (`money`, `percent`, `points`, …)
  points: number | null; // declared points (sections, indicators, entity kinds)
  doc: string | null; // `doc` of an indicator, the label of an input or kind
}

export interface SymbolReference {
  span: Span;
  symbol: number;
}

export interface SymbolTable {
  symbols: PolicySymbol[];
  references: SymbolReference[];
}

function contains(span: Span, file: string, offset: number): boolean {
  return span.file === file && span.start <= offset && offset <= span.end;
}

/** The symbol declared or referenced at a place, for hover and go-to-definition. */
export function symbolAt(table: SymbolTable, file: string, offset: number): PolicySymbol | null {
  const declared = table.symbols.find((s) => contains(s.span, file, offset));
  if (declared) return declared;
  const reference = table.references.find((r) => contains(r.span, file, offset));
  return reference ? (table.symbols[reference.symbol] ?? null) : null;
}

/** Every place a symbol's name is written (its declaration first), for rename and find-references. */
export function occurrences(table: SymbolTable, symbol: PolicySymbol): Span[] {
  return [symbol.span, ...table.references.filter((r) => r.symbol === symbol.id).map((r) => r.span)];
}
