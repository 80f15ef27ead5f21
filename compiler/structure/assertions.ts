// Assertions (断言): conditions on the policy's constants and points, evaluated exactly at compile time.
import type { Expr, IndicatorDecl } from '../../dsl/ast.js';
import { message } from '../../messages/index.js';
import { exactValue, type ExactHooks, type ExactValue } from '../constant-value.js';
import { add, toDecimal, ZERO, type Rational } from '../exact-number.js';
import { METHOD_FILTER, POINTS_SELECTOR } from '../functions.js';
import { METHODS } from '../value-words.js';
import type { StructureContext } from './context.js';
import type { Points } from './points.js';

/** Every assertion holds; a failing one is reported with the values of its two sides. */
export function checkAssertions(c: StructureContext, points: Points): void {
  const { policy, report, source } = c;
  const { indicatorPoints, sectionPoints, kindPoints, indicatorMeta } = points;
  const hooks: ExactHooks = {
    call: (e) => {
      if (POINTS_SELECTOR.has(e.callee.text)) return selectPoints(e);
      report(e.span, message('KP4002', 'expression', { source: source(e.span) }));
      return null;
    },
    problem: (what, e) => {
      if (what === 'name' && e.type === 'Ref') report(e.span, message('KP4002', 'name', { name: e.name.text }));
      else if (what === 'divideByZero') report(e.span, message('KP4008', 'zero', { source: source(e.span) }));
      else report(e.span, message('KP4002', 'expression', { source: source(e.span) }));
    },
  };
  const evaluate = (e: Expr): ExactValue => exactValue(e, policy.constants, hooks);
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

function show(v: ExactValue): string {
  return v === null ? '?' : typeof v === 'boolean' ? String(v) : `${toDecimal(v)}分`;
}
