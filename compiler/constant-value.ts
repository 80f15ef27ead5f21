// Compile-time values of constant expressions: literals (units applied), parameters, and arithmetic on them.
import type { Expr, ParamDecl } from '../dsl/ast.js';
import { add, div, literalValue, mul, rational, sub, type Rational } from './exact-number.js';

export interface ConstantContext {
  /** The parameter a name is bound to, if it is one. */
  paramOf(expr: Expr): ParamDecl | null;
}

/** The exact value of `expr` if it is a numeric constant, else null. Parameter cycles give null (reported elsewhere). */
export function constantValue(expr: Expr, ctx: ConstantContext, visiting: Set<ParamDecl> = new Set()): Rational | null {
  switch (expr.type) {
    case 'Number':
      return literalValue(expr.digits, expr.unit);
    case 'Unary': {
      const v = expr.op === '-' ? constantValue(expr.operand, ctx, visiting) : null;
      return v && rational(-v.num, v.den);
    }
    case 'Binary': {
      if (!['+', '-', '*', '/'].includes(expr.op)) return null;
      const a = constantValue(expr.left, ctx, visiting);
      const b = constantValue(expr.right, ctx, visiting);
      if (!a || !b) return null;
      return expr.op === '+' ? add(a, b) : expr.op === '-' ? sub(a, b) : expr.op === '*' ? mul(a, b) : div(a, b);
    }
    case 'Ref': {
      const param = ctx.paramOf(expr);
      if (!param || visiting.has(param)) return null;
      visiting.add(param);
      const v = constantValue(param.value, ctx, visiting);
      visiting.delete(param);
      return v;
    }
    default:
      return null;
  }
}
