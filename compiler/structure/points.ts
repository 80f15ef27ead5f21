// Points: every indicator's and section's points are constant points, a section's indicators add up to it,
// weights are shares that add up to 100% per kind, and a constant score lies within its indicator's points.
import type { Expr, IndicatorDecl, SectionDecl } from '../../dsl/ast.js';
import type { IndicatorMeta } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { UNIT_DIMENSIONS } from '../check-types.js';
import { constantValue } from '../constant-value.js';
import { add, compare, mul, rational, toDecimal, ZERO, type Rational } from '../exact-number.js';
import type { Type } from '../types.js';
import type { StructureContext } from './context.js';
import { checkIndicatorMeta } from './indicator-meta.js';

/** The total of a kind whose sections are all weighted (docs: `P × (the kind's total points)`). */
const WEIGHTED_TOTAL = rational(100n);

export interface Points {
  indicatorPoints: Map<IndicatorDecl, Rational>;
  /** A section's full points (for a weighted section: weight × the kind's total). */
  sectionPoints: Map<SectionDecl, Rational>;
  sectionWeights: Map<SectionDecl, Rational>;
  kindPoints: Map<string, Rational>;
  indicatorMeta: Map<IndicatorDecl, IndicatorMeta & { precision: number | null }>;
}

export function checkPoints(c: StructureContext): Points {
  const { policy, report, source } = c;
  function pointsValue(e: Expr, what: 'indicator' | 'section', name: string): Rational | null {
    const t = typeOfConstant(e);
    const v = constantValue(e, policy.constants);
    const isPoints = t.t === 'plain' || (t.t === 'num' && t.dim === 'points');
    if (!v || !isPoints || compare(v, ZERO) < 0) {
      report(e.span, message('KP3006', 'points', { what, name, source: source(e.span) }));
      return null;
    }
    return v;
  }
  /** Points, weights and shares are not rule expressions, so check-types left them untyped. */
  function typeOfConstant(e: Expr): Type {
    if (e.type === 'Number') return e.unit === null ? { t: 'plain' } : { t: 'num', dim: UNIT_DIMENSIONS[e.unit] };
    const b = policy.bindings.get(e);
    if (b?.to === 'param') return policy.paramTypes.get(b.decl) ?? { t: 'unknown' };
    if (e.type === 'Unary') return typeOfConstant(e.operand);
    return policy.types.get(e) ?? { t: 'unknown' };
  }

  const indicatorPoints = new Map<IndicatorDecl, Rational>();
  const sectionPoints = new Map<SectionDecl, Rational>();
  const sectionWeights = new Map<SectionDecl, Rational>();
  const kindPoints = new Map<string, Rational>();
  const indicatorMeta = new Map<IndicatorDecl, IndicatorMeta & { precision: number | null }>();

  for (const s of policy.decls.sections) {
    for (const ind of s.items) {
      if (ind.type !== 'Indicator') continue;
      const p = pointsValue(ind.points, 'indicator', ind.name.text);
      if (p) {
        indicatorPoints.set(ind, p);
        checkConstantScore(ind, p);
      }
      indicatorMeta.set(ind, checkIndicatorMeta(c, ind));
    }
    if ((s.points === null) === (s.weight === null)) {
      report(s.name.span, message('KP3003', s.points ? 'both' : 'neither', { section: s.name.text }));
    }
    if (s.points) {
      const p = pointsValue(s.points, 'section', s.name.text);
      if (p) sectionPoints.set(s, p);
    } else if (s.weight) {
      const w = constantValue(s.weight, policy.constants);
      const t = typeOfConstant(s.weight);
      if (!w || t?.t !== 'num' || t.dim !== 'percent' || compare(w, ZERO) <= 0 || compare(w, rational(1n)) > 0) {
        report(s.weight.span, message('KP3006', 'weight', { section: s.name.text, source: source(s.weight.span) }));
      } else sectionWeights.set(s, w);
    }
    const indicators = s.items.filter((i): i is IndicatorDecl => i.type === 'Indicator');
    const sum = indicators.reduce((acc, i) => add(acc, indicatorPoints.get(i) ?? ZERO), ZERO);
    const declared = sectionPoints.get(s);
    const allKnown = indicators.every((i) => indicatorPoints.has(i));
    if (declared && allKnown && !s.cap && compare(sum, declared) !== 0) {
      const parts = indicators.map((i) => ({ name: i.name.text, points: toDecimal(indicatorPoints.get(i)!) }));
      report(s.name.span, message('KP3001', 'sum', { section: s.name.text, sum: toDecimal(sum), parts, declared: toDecimal(declared) }),
        message('KP3001', 'help'));
    }
  }

  for (const kind of policy.kinds.values()) {
    const weighted = kind.sections.filter((s) => s.weight);
    const pointed = kind.sections.filter((s) => s.points);
    if (weighted.length > 0 && pointed.length > 0) {
      report(weighted[0]!.name.span, message('KP3012', 'mixed', { kind: kind.name, weighted: weighted[0]!.name.text, pointed: pointed[0]!.name.text }));
      continue;
    }
    const unconditional = kind.sections.filter((s) => !s.when);
    if (weighted.length > 0) {
      kindPoints.set(kind.name, WEIGHTED_TOTAL);
      for (const s of weighted) {
        const w = sectionWeights.get(s);
        if (w) sectionPoints.set(s, mul(w, WEIGHTED_TOTAL));
      }
      const sum = unconditional.reduce((acc, s) => add(acc, sectionWeights.get(s) ?? ZERO), ZERO);
      const known = weighted.every((s) => sectionWeights.has(s));
      // Sections that apply only `when` a condition holds are alternatives, so only the unconditional ones must sum.
      if (known && unconditional.length === kind.sections.length && compare(sum, rational(1n)) !== 0) {
        report(weighted[0]!.name.span, message('KP3002', 'sum', { kind: kind.name, percent: toDecimal(mul(sum, rational(100n))) }));
      }
    } else {
      kindPoints.set(kind.name, unconditional.reduce((acc, s) => add(acc, sectionPoints.get(s) ?? ZERO), ZERO));
    }
  }

  /** A constant `score` outside [0, points] would always be cut to the nearest bound, so it is a mistake. */
  function checkConstantScore(ind: IndicatorDecl, p: Rational): void {
    for (const item of ind.items) {
      if (item.type !== 'Score') continue;
      const v = constantValue(item.value, policy.constants);
      const t = typeOfConstant(item.value);
      if (!v || !(t.t === 'plain' || (t.t === 'num' && t.dim === 'points'))) continue; // a score not in points is KP2005
      const above = compare(v, p) > 0;
      if (!above && compare(v, ZERO) >= 0) continue;
      report(item.value.span, above
        ? message('KP3018', 'above', { indicator: ind.name.text, value: toDecimal(v), points: toDecimal(p) })
        : message('KP3018', 'below', { indicator: ind.name.text, value: toDecimal(v) }),
        above ? message('KP3018', 'help', { points: source(ind.points.span) }) : undefined);
    }
  }

  return { indicatorPoints, sectionPoints, sectionWeights, kindPoints, indicatorMeta };
}
