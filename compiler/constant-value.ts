// The compiler's one exact evaluator: literals (units applied), parameters, arithmetic, comparisons and logic,
// in exact fractions. Constants (points, weights, shares, anchors) take its numbers silently; assertions take
// its conditions, with `points(...)` and a report of each problem.
import type { Expr, ParamDecl } from '../dsl/ast.js';
import { add, compare, div, literalValue, mul, rational, sub, type Rational } from './exact-number.js';

export interface ConstantContext {
  /** The parameter a name is bound to, if it is one. */
  paramOf(expr: Expr): ParamDecl | null;
}

export type ExactValue = Rational | boolean | null;

/** What an assertion adds: the value of a call (`points(...)`), and where problems go. */
export interface ExactHooks {
  call(e: Extract<Expr, { type: 'Call' }>): Rational | null;
  /** a name that is not a numeric parameter, a division by zero, or an expression that is not a constant's */
  problem(what: 'name' | 'divideByZero' | 'expression', e: Expr): void;
}

/** The exact value of `expr` if it is a numeric constant, else null. Parameter cycles give null (reported elsewhere). */
export function constantValue(expr: Expr, ctx: ConstantContext, visiting: Set<ParamDecl> = new Set()): Rational | null {
  const v = exactValue(expr, ctx, null, visiting);
  return typeof v === 'boolean' ? null : v;
}

/** The exact value of a constant expression, a number or a condition; null (with a problem told) if it has none. */
export function exactValue(expr: Expr, ctx: ConstantContext, hooks: ExactHooks | null, visiting: Set<ParamDecl> = new Set()): ExactValue {
  const value = (e: Expr) => exactValue(e, ctx, hooks, visiting);
  switch (expr.type) {
    case 'Number':
      return literalValue(expr.digits, expr.unit);
    case 'Bool':
      return expr.value;
    case 'Ref': {
      const param = ctx.paramOf(expr);
      let v: Rational | null = null;
      if (param && !visiting.has(param)) {
        visiting.add(param);
        v = constantValue(param.value, ctx, visiting);
        visiting.delete(param);
      }
      if (!v) hooks?.problem('name', expr);
      return v;
    }
    case 'Unary': {
      const v = value(expr.operand);
      if (v === null) return null;
      if (typeof v === 'boolean') return expr.op === 'not' ? !v : null;
      return expr.op === '-' ? rational(-v.num, v.den) : null;
    }
    case 'Call':
      if (hooks) return hooks.call(expr);
      break;
    case 'Binary': {
      const a = value(expr.left);
      const b = value(expr.right);
      if (a === null || b === null) return null;
      if (typeof a === 'boolean' || typeof b === 'boolean') {
        if (typeof a === 'boolean' && typeof b === 'boolean' && (expr.op === 'and' || expr.op === 'or')) return expr.op === 'and' ? a && b : a || b;
        break;
      }
      switch (expr.op) {
        case '+': return add(a, b);
        case '-': return sub(a, b);
        case '*': return mul(a, b);
        case '/': {
          const q = div(a, b);
          if (!q) hooks?.problem('divideByZero', expr.right);
          return q;
        }
        case 'and': case 'or': break;
        default: return holds(expr.op, compare(a, b));
      }
      break;
    }
    default:
  }
  hooks?.problem('expression', expr);
  return null;
}

function holds(op: string, c: number): boolean {
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    default: return c >= 0;
  }
}
