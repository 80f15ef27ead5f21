// Assertions (断言): conditions on the policy's constants and points, evaluated exactly at compile time.
import type { Expr, IndicatorDecl } from '../../dsl/ast.js';
import { message } from '../../messages/index.js';
import { constantValue } from '../constant-value.js';
import { add, compare, div, literalValue, mul, rational, sub, toDecimal, ZERO, type Rational } from '../exact-number.js';
import { METHOD_FILTER, POINTS_SELECTOR } from '../functions.js';
import { METHODS } from '../value-words.js';
import type { StructureContext } from './context.js';
import type { Points } from './points.js';

type Value = Rational | boolean | null;

/** Every assertion holds; a failing one is reported with the values of its two sides. */
export function checkAssertions(c: StructureContext, points: Points): void {
  const { policy, report, source } = c;
  const { indicatorPoints, sectionPoints, kindPoints, indicatorMeta } = points;
  function evaluate(e: Expr): Value {
    switch (e.type) {
      case 'Number': return literalValue(e.digits, e.unit);
      case 'Bool': return e.value;
      case 'Ref': {
        const v = constantValue(e, policy.constants);
        if (!v) report(e.span, message('KP4002', 'name', { name: e.name.text }));
        return v;
      }
      case 'Unary': {
        const v = evaluate(e.operand);
        if (v === null) return null;
        if (typeof v === 'boolean') return e.op === 'not' ? !v : null;
        return e.op === '-' ? rational(-v.num, v.den) : null;
      }
      case 'Call':
        if (POINTS_SELECTOR.has(e.callee.text)) return selectPoints(e);
        break;
      case 'Binary': {
        const a = evaluate(e.left);
        const b = evaluate(e.right);
        if (a === null || b === null) return null;
        if (typeof a === 'boolean' || typeof b === 'boolean') {
          if (typeof a === 'boolean' && typeof b === 'boolean' && (e.op === 'and' || e.op === 'or')) return e.op === 'and' ? a && b : a || b;
          break;
        }
        switch (e.op) {
          case '+': return add(a, b);
          case '-': return sub(a, b);
          case '*': return mul(a, b);
          case '/': {
            const q = div(a, b);
            if (!q) report(e.right.span, message('KP4008', 'zero', { source: source(e.right.span) }));
            return q;
          }
          case 'and': case 'or': break;
          default: return compareOp(e.op, compare(a, b));
        }
        break;
      }
      default:
    }
    report(e.span, message('KP4002', 'expression', { source: source(e.span) }));
    return null;
  }
  function selectPoints(call: Extract<Expr, { type: 'Call' }>): Rational | null {
    const methodFilter = call.args.find((a) => a.type === 'Call' && METHOD_FILTER.has(a.callee.text));
    const methods = new Set<string>();
    if (methodFilter?.type === 'Call') {
      for (const m of methodFilter.args) {
        const canonical = m.type === 'Ref' ? METHODS.get(m.name.text) : undefined;
        if (canonical) methods.add(canonical);
        else report(m.span, message('KP4002', 'method', { source: source(m.span), spellings: [...METHODS.keys()] }));
      }
    }
    let sum = ZERO;
    for (const arg of call.args) {
      if (arg === methodFilter) continue;
      const name = arg.type === 'Ref' ? arg.name.text : null;
      const kind = name === null ? undefined : policy.kinds.get(name);
      const section = name === null ? undefined : policy.decls.sections.find((s) => s.name.text === name);
      const indicator = name === null ? undefined : [...policy.kinds.values()].map((k) => k.indicators.get(name)).find(Boolean);
      let indicators: IndicatorDecl[] | null = null;
      if (kind) indicators = [...kind.indicators.values()].filter((i) => !i.section.when).map((i) => i.decl);
      else if (section) indicators = section.items.filter((i): i is IndicatorDecl => i.type === 'Indicator');
      else if (indicator) indicators = [indicator.decl];
      if (indicators === null) {
        report(arg.span, message('KP4002', 'selector', { source: source(arg.span) }));
        return null;
      }
      if (methodFilter) {
        for (const i of indicators) {
          if (methods.has(indicatorMeta.get(i)?.method ?? '')) sum = add(sum, indicatorPoints.get(i) ?? ZERO);
        }
      } else {
        sum = add(sum, kind ? kindPoints.get(kind.name) ?? ZERO : section ? sectionPoints.get(section) ?? ZERO : indicatorPoints.get(indicators[0]!) ?? ZERO);
      }
    }
    return sum;
  }
  for (const a of policy.decls.asserts) {
    const result = evaluate(a.cond);
    if (result === false) {
      const c = a.cond;
      const binary = c.type === 'Binary';
      report(a.cond.span, message('KP4001', 'fails', {
        source: source(a.cond.span),
        left: binary ? source(c.left.span) : null, leftValue: binary ? show(evaluate(c.left)) : '',
        right: binary ? source(c.right.span) : null, rightValue: binary ? show(evaluate(c.right)) : '',
      }));
    } else if (result !== null && typeof result !== 'boolean') {
      report(a.cond.span, message('KP4002', 'notCondition'));
    }
  }
}

function compareOp(op: string, c: number): boolean {
  switch (op) {
    case '==': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    default: return c >= 0;
  }
}

function show(v: Rational | boolean | null): string {
  return v === null ? '?' : typeof v === 'boolean' ? String(v) : `${toDecimal(v)}分`;
}
