// Assertions (断言): `points(...)` selectors refer to the kinds, sections and indicators they name, and
// parameters are bound; other names stay unbound (check-structure reports them).
import type { Expr } from '../../dsl/ast.js';
import { METHOD_FILTER, POINTS_SELECTOR } from '../functions.js';
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import type { ExpressionResolver } from './expressions.js';

export function resolveAssertions(c: NameContext, d: Declared, r: ExpressionResolver): void {
  const { decls, globals, references } = c;
  const { params } = d;
  const { bind } = r;
  for (const a of decls.asserts) resolveSelectors(a.cond);
  function resolveSelectors(expr: Expr): void {
    if (expr.type === 'Call' && POINTS_SELECTOR.has(expr.callee.text)) {
      for (const arg of expr.args) {
        const target = arg.type === 'Ref' ? globals.get(arg.name.text) : undefined;
        if (arg.type === 'Ref' && target) references.push({ span: arg.name.span, symbol: target.id });
      }
      return;
    }
    if (expr.type === 'Call' && METHOD_FILTER.has(expr.callee.text)) return;
    // Assertions may use parameters (`assert points(A) >= 最低占比 * points(省局)`); other names stay unbound.
    const param = expr.type === 'Ref' ? params.get(expr.name.text) : undefined;
    if (expr.type === 'Ref' && param) bind(expr, expr.name.span, { to: 'param', decl: param });
    if (expr.type === 'Binary') { resolveSelectors(expr.left); resolveSelectors(expr.right); }
    else if (expr.type === 'Unary') resolveSelectors(expr.operand);
  }
}
