// Fixtures (样例) and tests (测试): units of the policy's kinds with values of their inputs' types, relations to
// units of the same test, and expectations on a unit's results, lets or inputs.
import type { ExpectItem, Expr, FieldDecl, FixtureDecl, Name, Span, TestDecl } from '../../dsl/ast.js';
import type { CompareOp, DataRecord, DataValue, ExpectSpec, TestUnitSpec } from '../../graph/graph.js';
import { message } from '../../messages/index.js';
import { typeOfTypeExpr, UNIT_DIMENSIONS } from '../check-types.js';
import { didYouMean } from '../did-you-mean.js';
import { literalValue, toNumber } from '../exact-number.js';
import { bindingNodeId, resultId, totalId, valueId } from '../node-ids.js';
import { TOTAL_NAMES, type KindInfo } from '../resolve-names.js';
import { UNIT_RESULTS } from '../value-words.js';
import type { StructureContext } from './context.js';

export interface CheckedTest {
  title: string;
  units: TestUnitSpec[];
  expects: (Omit<ExpectSpec, 'span'> & { span: Span })[];
  span: Span;
}

/** Each test with its units' data and its expectations, as the runtime's test runner takes them. */
export function checkTestData(c: StructureContext): CheckedTest[] {
  const { policy, report, source } = c;
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

  return tests;
}
