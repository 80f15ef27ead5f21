// What every part of name resolution shares: the declarations, the symbol table being built, the bindings,
// and where problems go.
import type { Expr, Name, SourceFile, Span } from '../../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';
import type { PolicySymbol, SymbolKind, SymbolTable } from '../symbol-table.js';
import { groupDecls } from './group-decls.js';
import type { Binding, PolicyDecls } from './resolved-policy.js';

export interface NameContext {
  files: SourceFile[];
  decls: PolicyDecls;
  diagnostics: Diagnostic[];
  symbols: PolicySymbol[];
  references: SymbolTable['references'];
  symbolOf: Map<object, number>;
  /** the first declaration of each name that is global (kinds, sections, indicators, …) */
  globals: Map<string, PolicySymbol>;
  bindings: Map<Expr, Binding>;
  declare(kind: SymbolKind, name: Name, decl: { span: Span }, extra?: Partial<PolicySymbol>): PolicySymbol;
  /** Declares a global name; a second declaration of it is reported. */
  declareGlobal(kind: SymbolKind, name: Name, decl: { span: Span }, extra?: Partial<PolicySymbol>): PolicySymbol;
  /** Records a reference to a declaration, for the editor. */
  refer(span: Span, decl: object): void;
}

export function nameContext(files: SourceFile[]): NameContext {
  const diagnostics: Diagnostic[] = [];
  const decls = groupDecls(files);
  const symbols: PolicySymbol[] = [];
  const references: SymbolTable['references'] = [];
  const symbolOf = new Map<object, number>();
  const globals = new Map<string, PolicySymbol>();
  const bindings = new Map<Expr, Binding>();

  function declare(
    kind: SymbolKind, name: Name, decl: { span: Span }, extra: Partial<PolicySymbol> = {},
  ): PolicySymbol {
    const symbol: PolicySymbol = {
      id: symbols.length, kind, name: name.text, span: name.span, declSpan: decl.span, entity: null,
      container: null, type: null, points: null, doc: null, ...extra,
    };
    symbols.push(symbol);
    symbolOf.set(decl, symbol.id);
    return symbol;
  }
  function declareGlobal(kind: SymbolKind, name: Name, decl: { span: Span }, extra: Partial<PolicySymbol> = {}) {
    const previous = globals.get(name.text);
    const symbol = declare(kind, name, decl, extra);
    if (previous) {
      diagnostics.push(diagnostic(name.span, message('KP1001', 'declared', { name: name.text, kind: previous.kind }),
        { related: [{ text: message('KP1001', 'firstDeclared'), span: previous.span }] }));
    } else {
      globals.set(name.text, symbol);
    }
    return symbol;
  }
  function refer(span: Span, decl: object): void {
    const id = symbolOf.get(decl);
    if (id !== undefined) references.push({ span, symbol: id });
  }

  return { files, decls, diagnostics, symbols, references, symbolOf, globals, bindings, declare, declareGlobal, refer };
}
