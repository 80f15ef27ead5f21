// Pass: typed policy → checked policy. Points add up, metadata and tiers are well formed, assertions hold,
// and fixtures and tests use the policy's kinds, inputs and values correctly.
import type {
  BonusDecl, ExpectItem, Expr, FieldDecl, FixtureDecl, IndicatorDecl, IndividualDecl, Name, SectionDecl, Span, TestDecl, TierRule,
} from '../dsl/ast.js';
import type {
  CompareOp, DataRecord, DataValue, ExpectSpec, IndicatorMeta, Rounding, TestUnitSpec,
} from '../graph/graph.js';
import { typeOfTypeExpr, UNIT_DIMENSIONS, type TypedPolicy } from './check-types.js';
import type { Type } from './types.js';
import { constantValue } from './constant-value.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import { message, type MessageRef } from '../messages/index.js';
import type { MetadataValue } from '../messages/kp-structure.js';
import { didYouMean } from './did-you-mean.js';
import { checkCoverageMinimums } from './coverage-minimum.js';
import { checkItemPeriods, partInside, type ItemPeriod } from './check-period-aggregates.js';
import {
  add, compare, div, literalValue, mul, rational, sub, toDecimal, toNumber, ZERO, type Rational,
} from './exact-number.js';
import { METHOD_FILTER, POINTS_SELECTOR } from './functions.js';
import { bindingNodeId, resultId, totalId, valueId } from './node-ids.js';
import type { PassResult } from './pass.js';
import { TOTAL_NAMES, type KindInfo } from './resolve-names.js';
import {
  GATED_MODES, INDICATOR_TYPES, METHODS, PERIOD_AGGREGATES, PERIOD_KINDS, QUOTA_ROUNDINGS, ROUNDING_MODES,
  UNIT_RESULTS,
} from './value-words.js';

export const DEFAULT_PRECISION = 2;
/** The total of a kind whose sections are all weighted (docs: `P × (the kind's total points)`). */
export const WEIGHTED_TOTAL = rational(100n);

export interface CheckedTest {
  title: string;
  units: TestUnitSpec[];
  expects: (Omit<ExpectSpec, 'span'> & { span: Span })[];
  span: Span;
}

export interface CheckedPolicy extends TypedPolicy {
  precision: number;
  rounding: Rounding;
  indicatorPoints: Map<IndicatorDecl, Rational>;
  /** A section's full points (for a weighted section: weight × the kind's total). */
  sectionPoints: Map<SectionDecl, Rational>;
  sectionWeights: Map<SectionDecl, Rational>;
  kindPoints: Map<string, Rational>;
  indicatorMeta: Map<IndicatorDecl, IndicatorMeta & { precision: number | null }>;
  tierShares: Map<TierRule, Rational>;
  individuals: Map<string, IndividualDecl>;
  tests: CheckedTest[];
  /** the `period` lines of indicators and bonuses, with their own aggregation over a period's parts */
  itemPeriods: Map<IndicatorDecl | BonusDecl, ItemPeriod>;
}


export function checkStructure(policy: TypedPolicy): PassResult<CheckedPolicy> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map(policy.files.map((f) => [f.path, f.text]));
  const source = (span: Span) => texts.get(span.file)?.slice(span.start, span.end) ?? '';
  const report = (span: Span, text: MessageRef, help?: MessageRef) =>
    diagnostics.push(diagnostic(span, text, help === undefined ? {} : { help }));

  // ── Header ──
  const header = policy.decls.header;
  let precision = DEFAULT_PRECISION;
  let rounding: Rounding = 'half_up';
  if (header?.precision != null) {
    if (Number.isInteger(header.precision) && header.precision >= 0 && header.precision <= 10) precision = header.precision;
    else report(header.span, message('KP3013', 'precision', { value: String(header.precision) }));
  }
  if (header?.rounding) {
    const mode = ROUNDING_MODES.get(header.rounding.text);
    if (mode) rounding = mode;
    else report(header.rounding.span, message('KP3013', 'rounding', { word: header.rounding.text, spellings: [...ROUNDING_MODES.keys()] }),
      didYouMean(header.rounding.text, ROUNDING_MODES.keys()).help);
  }

  // ── Points ──
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
      indicatorMeta.set(ind, checkIndicatorItems(ind));
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

  // ── Indicator metadata ──
  function checkIndicatorItems(ind: IndicatorDecl): IndicatorMeta & { precision: number | null } {
    const meta: IndicatorMeta & { precision: number | null } = {
      method: null, source: null, owner: null, period: null, type: null, doc: null, precision: null,
    };
    const seen = new Map<string, Span>();
    let scores = 0;
    for (const item of ind.items) {
      if (item.type === 'Score' && ++scores > 1) {
        report(item.span, message('KP3005', 'score', { indicator: ind.name.text }));
      }
      if (item.type !== 'Meta') continue;
      const first = seen.get(item.key);
      if (first) {
        diagnostics.push(diagnostic(item.span, message('KP3005', 'metadata', { indicator: ind.name.text, key: item.key }),
          { related: [{ text: message('KP3005', 'first'), span: first }] }));
        continue;
      }
      seen.set(item.key, item.span);
      const value = item.value;
      const word = 'type' in value ? null : value.text;
      const text = 'type' in value && value.type === 'String' ? value.value : null;
      const bad = (expected: MetadataValue) =>
        report(value.span, message('KP3004', 'bad', { key: item.key, indicator: ind.name.text, expected, source: source(value.span) }),
          word && expected.e === 'oneOf' ? didYouMean(word, expected.words).help : undefined);
      switch (item.key) {
        case 'method': case 'period': case 'type': {
          const table = item.key === 'method' ? METHODS : item.key === 'period' ? PERIOD_KINDS : INDICATOR_TYPES;
          const canonical = word === null ? undefined : table.get(word);
          if (canonical === undefined) bad({ e: 'oneOf', words: [...table.keys()] });
          else if (item.key === 'method') meta.method = canonical as IndicatorMeta['method'];
          else if (item.key === 'period') meta.period = canonical as IndicatorMeta['period'];
          else meta.type = canonical as IndicatorMeta['type'];
          break;
        }
        case 'precision': {
          const n = 'type' in value && value.type === 'Number' ? Number(value.digits) : NaN;
          if (Number.isInteger(n) && n >= 0 && n <= 10) meta.precision = n;
          else bad({ e: 'precision' });
          break;
        }
        default:
          if (text === null) bad({ e: 'string' });
          else meta[item.key] = text;
      }
    }
    // Without a score, an adjustment or a link deducting from it every unit keeps the full points: almost always
    // a line left out.
    const linked = policy.decls.links.some((l) => l.target.text === ind.name.text);
    if (scores === 0 && !linked && !ind.items.some((i) => i.type === 'Adjust')) {
      diagnostics.push(diagnostic(ind.name.span, message('KP3019', 'noRule', { indicator: ind.name.text, points: source(ind.points.span) }),
        { help: message('KP3019', 'help') }));
    }
    return meta;
  }

  // ── Tiers ──
  const tierShares = new Map<TierRule, Rational>();
  for (const t of policy.decls.tiers) {
    if (t.quota && !QUOTA_ROUNDINGS.has(t.quota.text)) {
      report(t.quota.span, message('KP3013', 'quota', { word: t.quota.text, spellings: [...QUOTA_ROUNDINGS.keys()] }));
    }
    if (t.gated && !GATED_MODES.has(t.gated.text)) {
      report(t.gated.span, message('KP3013', 'gated', { word: t.gated.text, spellings: [...GATED_MODES.keys()] }));
    }
    t.tiers.forEach((rule, i) => {
      if (rule.quota) {
        const share = constantValue(rule.quota.share, policy.constants);
        if (share && (compare(share, ZERO) <= 0 || compare(share, rational(1n)) > 0)) {
          report(rule.quota.share.span, message('KP3007', 'range', { tier: rule.name.text, percent: toDecimal(mul(share, rational(100n))) }));
        } else if (share) tierShares.set(rule, share);
      }
      if (rule.rest && i !== t.tiers.length - 1) {
        report(rule.span, message('KP3008', 'last', { tier: rule.name.text, tiers: t.name.text }));
      }
    });
    // `top` and `next` quotas are filled one after the other, so together they cannot take more than every unit.
    const quotas = t.tiers.filter((r) => r.quota && r.quota.kind !== 'at_most' && tierShares.has(r));
    let taken = ZERO;
    for (const [i, rule] of quotas.entries()) {
      taken = add(taken, tierShares.get(rule)!);
      if (compare(taken, rational(1n)) <= 0) continue;
      const parts = quotas.slice(0, i + 1).map((r) => source({ ...r.span, end: r.quota!.share.span.end })).join(' + ');
      report(rule.quota!.share.span,
        message('KP3016', 'over', { tiers: t.name.text, percent: toDecimal(mul(taken, rational(100n))), parts, tier: rule.name.text }),
        message('KP3016', 'help'));
      break;
    }
    if (!t.tiers.some((r) => r.rest)) {
      diagnostics.push(diagnostic(t.name.span, message('KP3017', 'noRest', { tiers: t.name.text }), { help: message('KP3017', 'help') }));
    }
    for (const g of t.gates) {
      if (!t.tiers.some((r) => r.name.text === g.tier.text)) {
        report(g.tier.span, message('KP3009', 'unknown', { tier: g.tier.text, tiers: t.name.text }),
          didYouMean(g.tier.text, t.tiers.map((r) => r.name.text)).help);
      }
    }
  }

  // ── Individual performance ──
  const individuals = new Map<string, IndividualDecl>();
  for (const ind of policy.decls.individuals) {
    const previous = individuals.get(ind.entity.text);
    if (previous) {
      diagnostics.push(diagnostic(ind.span, message('KP3010', 'twice', { kind: ind.entity.text }),
        { related: [{ text: message('KP3010', 'first'), span: previous.span }] }));
      continue;
    }
    const relation = policy.kinds.get(ind.entity.text)?.relations.get(ind.relation.text);
    const target = relation ? policy.kinds.get(relation.target.text) : undefined;
    if (relation && target && target.sections.length === 0) {
      report(ind.relation.span, message('KP3010', 'noSections', { target: target.name, relation: ind.relation.text }));
      continue;
    }
    individuals.set(ind.entity.text, ind);
  }

  // ── Periods ──
  for (const p of policy.decls.periods) {
    const whole = /^\d{4}(Q[1-4]|H[12])?$/.test(p.period.text) ? p.period.text : null;
    if (!whole) report(p.period.span, message('KP3011', 'year', { period: p.period.text }));
    const seen = new Set<string>();
    for (const part of p.parts) {
      const m = /^(\d{4})(Q[1-4]|M(0[1-9]|1[0-2])|H[12])$/.exec(part.text);
      if (!m) report(part.span, message('KP3011', 'part', { part: part.text }));
      else if (whole && !partInside(part.text, whole)) report(part.span, message('KP3011', 'otherYear', { part: part.text, year: whole }));
      else if (seen.has(part.text)) report(part.span, message('KP3011', 'twice', { part: part.text }));
      seen.add(part.text);
    }
    if (!PERIOD_AGGREGATES.has(p.aggregate.text)) {
      report(p.aggregate.span, message('KP3011', 'aggregate', { word: p.aggregate.text, spellings: [...PERIOD_AGGREGATES.keys()] }));
    }
  }

  // ── Links ──
  for (const l of policy.decls.links) {
    const list = l.list ? policy.kinds.get(l.source.text)?.inputs.get(l.list.text) : undefined;
    if (list && list.valueType.type !== 'ListType') {
      report(l.list!.span, message('KP3014', 'notList', { name: l.list!.text }));
    }
  }

  diagnostics.push(...checkCoverageMinimums(policy.decls.coverage, policy.files));
  const periodLines = checkItemPeriods(policy);
  diagnostics.push(...periodLines.diagnostics);

  // ── Assertions ──
  type Value = Rational | boolean | null;
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

  // ── Fixtures and tests ──
  const fixtureFields = new Map<FixtureDecl, UnitFields>();
  for (const f of policy.decls.fixtures) {
    const kind = policy.kinds.get(f.entity.text);
    if (kind) fixtureFields.set(f, unitFields(kind, f.fields));
  }
  const tests = policy.decls.tests.map((t) => checkTest(t));

  function checkTest(test: TestDecl): CheckedTest {
    const units = new Map<string, { kind: KindInfo | undefined; spec: TestUnitSpec }>();
    for (const u of test.units) {
      if (units.has(u.name.text)) report(u.name.span, message('KP4005', 'twice', { name: u.name.text }));
      units.set(u.name.text, { kind: policy.kinds.get(u.entity.text), spec: { kind: u.entity.text, id: u.name.text, values: {} } });
    }
    for (const u of test.units) {
      const entry = units.get(u.name.text)!;
      if (!entry.kind) continue;
      const own = unitFields(entry.kind, u.fields);
      let inherited: UnitFields = { values: {}, relations: new Map() };
      if (u.like) {
        const fixture: FixtureDecl | undefined = policy.fixtures.get(u.like.text);
        if (!fixture) {
          report(u.like.span, message('KP4006', 'unknown', { name: u.like.text }), didYouMean(u.like.text, policy.fixtures.keys()).help);
        } else if (fixture.entity.text !== u.entity.text) {
          report(u.like.span, message('KP4006', 'otherKind', { fixture: fixture.name.text, fixtureKind: fixture.entity.text, unit: u.name.text, unitKind: u.entity.text }));
        } else inherited = fixtureFields.get(fixture) ?? inherited;
      }
      const values: Record<string, DataValue> = { ...inherited.values, ...own.values };
      for (const [field, target] of new Map([...inherited.relations, ...own.relations])) {
        const kindName = entry.kind.relations.get(field)!.target.text;
        const related = units.get(target.text);
        if (related?.spec.kind === kindName) values[field] = target.text;
        else {
          report(target.span, message('KP4005', 'unknown', { kind: kindName, name: target.text }),
            didYouMean(target.text, [...units.values()].filter((x) => x.spec.kind === kindName).map((x) => x.spec.id)).help);
        }
      }
      entry.spec.values = values;
    }
    const expects: CheckedTest['expects'] = [];
    for (const x of test.expects) {
      const spec = checkExpect(x, units);
      if (spec) expects.push({ ...spec, text: source({ ...x.span, start: x.cond.span.start }), span: x.span }); // without `expect`
    }
    return { title: test.title, units: [...units.values()].map((u) => u.spec), expects, span: test.span };
  }

  interface UnitFields {
    values: Record<string, DataValue>;
    relations: Map<string, Name>; // relation → the related unit's name, resolved per test
  }

  /** The data written for a unit or fixture: inputs converted, relations kept by name until a test places them. */
  function unitFields(kind: KindInfo, fields: readonly { name: Name; value: Expr }[]): UnitFields {
    const result: UnitFields = { values: {}, relations: new Map() };
    for (const f of fields) {
      const input = kind.inputs.get(f.name.text);
      const relation = kind.relations.get(f.name.text);
      if (relation) {
        if (f.value.type === 'Ref') result.relations.set(f.name.text, f.value.name);
        else report(f.value.span, message('KP4004', 'relation', { name: f.name.text, target: relation.target.text }));
      } else if (input) {
        const v = dataValue(input, f.value);
        if (v !== undefined) result.values[f.name.text] = v;
      } else {
        report(f.name.span, message('KP4003', 'kind', { kind: kind.name, name: f.name.text }),
          didYouMean(f.name.text, [...kind.inputs.keys(), ...kind.relations.keys()]).help);
      }
    }
    return result;
  }

  /** A literal as data of a field's type (numbers plain with units applied, dates as text); undefined if it does not fit. */
  function dataValue(field: FieldDecl, e: Expr): DataValue | undefined {
    const expected = typeOfTypeExpr(field.valueType, policy);
    const wrong = () => {
      report(e.span, message('KP4004', 'wrongType', { name: field.name.text, type: expected, source: source(e.span) }));
      return undefined;
    };
    switch (expected.t) {
      case 'num': {
        const negative = e.type === 'Unary' && e.op === '-';
        const lit = negative ? e.operand : e;
        if (lit.type !== 'Number') return wrong();
        const dim = lit.unit === null ? null : UNIT_DIMENSIONS[lit.unit];
        if (dim !== null && dim !== expected.dim && !(dim === 'percent' && expected.dim === 'number')) return wrong();
        const v = toNumber(literalValue(lit.digits, lit.unit));
        return negative ? -v : v;
      }
      case 'bool': return e.type === 'Bool' ? e.value : wrong();
      case 'text': return e.type === 'String' ? e.value : wrong();
      case 'date': return e.type === 'Date' ? e.value : wrong();
      case 'enum': {
        if (e.type !== 'Ref') return wrong();
        if (expected.values.includes(e.name.text)) return e.name.text;
        report(e.span, message('KP4004', 'notValue', { value: e.name.text, name: field.name.text, values: expected.values }),
          didYouMean(e.name.text, expected.values).help);
        return undefined;
      }
      case 'list': {
        if (e.type !== 'ListLit') return wrong();
        const record = policy.records.get(expected.record);
        const rows: DataRecord[] = [];
        for (const item of e.items) {
          if (item.type !== 'RecordLit' || !record) { wrong(); continue; }
          const row: DataRecord = {};
          for (const f of item.fields) {
            const decl = record.fields.get(f.name.text);
            if (!decl) {
              report(f.name.span, message('KP4003', 'record', { record: expected.record, name: f.name.text }),
                didYouMean(f.name.text, record.fields.keys()).help);
              continue;
            }
            const v = dataValue(decl, f.value);
            if (v !== undefined && !Array.isArray(v)) row[f.name.text] = v;
          }
          rows.push(row);
        }
        return rows;
      }
      default:
        return undefined; // unknown types were reported where they were declared
    }
  }

  function checkExpect(
    x: ExpectItem, units: Map<string, { kind: KindInfo | undefined; spec: TestUnitSpec }>,
  ): Omit<CheckedTest['expects'][number], 'text' | 'span'> | null {
    const ops: CompareOp[] = ['==', '!=', '<', '<=', '>', '>='];
    const cond = x.cond;
    const comparison = !x.exempt && cond.type === 'Binary' && ops.includes(cond.op as CompareOp) ? cond : null;
    const subject = x.exempt ? cond : comparison?.left;
    if (subject?.type !== 'Member' || subject.object.type !== 'Ref') {
      report(cond.span, message('KP4007', x.exempt ? 'exemptForm' : 'compareForm'));
      return null;
    }
    const unitName = subject.object.name;
    const member = subject.member.text;
    const unit = units.get(unitName.text);
    if (!unit) {
      report(unitName.span, message('KP4007', 'noUnit', { name: unitName.text }), didYouMean(unitName.text, units.keys()).help);
      return null;
    }
    if (!unit.kind) return null;
    const kind = unit.kind;
    if (x.exempt) {
      const sections = kind.sections.map((s) => s.name.text);
      if (!kind.indicators.has(member) && !sections.includes(member)) {
        const what = TOTAL_NAMES.has(member) ? 'total' : kind.inputs.has(member) ? 'input' : kind.bonuses.has(member) ? 'bonus'
          : kind.lets.has(member) ? 'let' : null;
        report(subject.member.span, what
          ? message('KP4007', 'notExemptable', { member, what, kind: kind.name })
          : message('KP4007', 'noExemptable', { member, kind: kind.name }),
        what ? undefined : didYouMean(member, [...kind.indicators.keys(), ...sections]).help);
        return null;
      }
      return { unit: unitName.text, target: { exempt: resultId(kind.name, member) }, op: '==', value: true };
    }
    const op = comparison!.op as CompareOp;
    const right = comparison!.right;
    const result = UNIT_RESULTS.get(member);
    if (result === 'rank') {
      const v = right.type === 'Number' && right.unit === null ? Number(right.digits) : NaN;
      if (!Number.isInteger(v)) { report(right.span, message('KP4007', 'rank')); return null; }
      return { unit: unitName.text, target: { rank: true }, op, value: v };
    }
    if (result === 'tier') {
      const tiers = policy.decls.tiers.find((t) => policy.appliesTo.get(t) === kind.name);
      if (!tiers) { report(subject.member.span, message('KP4007', 'noTiers', { kind: kind.name })); return null; }
      const names = tiers.tiers.map((r) => r.name.text);
      if (right.type !== 'Ref' || !names.includes(right.name.text)) {
        report(right.span, message('KP4007', 'notTier', { source: source(right.span), tiers: tiers.name.text, names }),
          right.type === 'Ref' ? didYouMean(right.name.text, names).help : undefined);
        return null;
      }
      return { unit: unitName.text, target: { tier: resultId(kind.name, tiers.name.text) }, op, value: right.name.text };
    }
    const node = nodeOnKind(kind, member);
    if (!node) {
      report(subject.member.span, message('KP4007', 'noMember', { kind: kind.name, member }),
        didYouMean(member, [...kind.inputs.keys(), ...kind.indicators.keys(), ...kind.sections.map((s) => s.name.text)]).help);
      return null;
    }
    if (node.field?.valueType.type === 'ListType') {
      report(subject.member.span, message('KP4007', 'list', { member }));
      return null;
    }
    const value = expectedValue(node.field, right);
    return value === undefined ? null : { unit: unitName.text, target: { node: node.id }, op, value };
  }

  /** What an expectation reads: results first (tests check results), then lets, then inputs. */
  function nodeOnKind(kind: KindInfo, name: string): { id: string; field: FieldDecl | null } | null {
    if (TOTAL_NAMES.has(name)) return { id: totalId(kind.name), field: null };
    const isResult = kind.indicators.has(name) || kind.sections.some((s) => s.name.text === name) || kind.bonuses.has(name);
    if (isResult) return { id: resultId(kind.name, name), field: null };
    const lets = kind.lets.get(name);
    if (lets?.length === 1) return { id: bindingNodeId({ to: 'let', let: lets[0]! })!, field: null };
    const input = kind.inputs.get(name);
    return input ? { id: valueId(kind.name, name), field: input } : null;
  }

  function expectedValue(field: FieldDecl | null, e: Expr): DataValue | undefined {
    if (field) return dataValue(field, e);
    const negative = e.type === 'Unary' && e.op === '-' && e.operand.type === 'Number';
    const lit = negative && e.type === 'Unary' ? e.operand : e;
    if (lit.type === 'Number') return (negative ? -1 : 1) * toNumber(literalValue(lit.digits, lit.unit));
    if (e.type === 'Bool') return e.value;
    if (e.type === 'String' || e.type === 'Date') return e.value; // a date let reads back as 'YYYY-MM-DD'
    if (e.type === 'Ref') return e.name.text;
    report(e.span, message('KP4007', 'notValue', { source: source(e.span) }));
    return undefined;
  }

  // Symbols learn their points (for hover).
  const symbols = policy.symbols.symbols.map((s) => ({ ...s }));
  for (const [decl, id] of policy.symbolOf) {
    const p = indicatorPoints.get(decl as IndicatorDecl) ?? sectionPoints.get(decl as SectionDecl)
      ?? (symbols[id]!.kind === 'entity' ? kindPoints.get(symbols[id]!.name) : undefined);
    if (p) symbols[id]!.points = toNumber(p);
  }

  return {
    value: {
      ...policy, symbols: { ...policy.symbols, symbols }, precision, rounding, indicatorPoints, sectionPoints,
      sectionWeights, kindPoints, indicatorMeta, tierShares, individuals, tests, itemPeriods: periodLines.itemPeriods,
    },
    diagnostics,
  };
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
