// Fixtures and tests refer to the policy's names too (the editor renames and goes to them): the inputs and
// relations their fields set, a test's own units, and what each expectation reads (`甲.组织收入`).
import type { FieldValue, TestUnit } from '../../dsl/ast.js';
import type { NameContext } from './context.js';
import type { Declared } from './declarations.js';
import type { KindInfo } from './resolved-policy.js';

export function resolveTestData(c: NameContext, d: Declared): void {
  const { decls, declare, refer } = c;
  const { fixtures, lookupKind } = d;
  function referFields(kind: KindInfo | null, fields: readonly FieldValue[], units: ReadonlyMap<string, TestUnit>): void {
    for (const f of fields) {
      const data = kind?.inputs.get(f.name.text) ?? kind?.relations.get(f.name.text);
      if (data) refer(f.name.span, data);
      const related = f.value.type === 'Ref' && kind?.relations.has(f.name.text) ? units.get(f.value.name.text) : undefined;
      if (related) refer(f.value.span, related);
    }
  }
  /** What `UNIT.NAME` in an expectation reads, in check-structure's order: a result, else a let, else an input. */
  function expectTarget(kind: KindInfo, name: string): object | null {
    const result = kind.indicators.get(name)?.decl ?? kind.sections.find((s) => s.name.text === name) ?? kind.bonuses.get(name);
    const lets = kind.lets.get(name);
    return result ?? (lets?.length === 1 ? lets[0]!.decl : null) ?? kind.inputs.get(name) ?? null;
  }
  for (const f of decls.fixtures) referFields(lookupKind(f.entity), f.fields, new Map());
  for (const t of decls.tests) {
    const units = new Map<string, TestUnit>();
    const kindOf = new Map<TestUnit, KindInfo | null>();
    for (const u of t.units) {
      kindOf.set(u, lookupKind(u.entity));
      declare('test-unit', u.name, u, { entity: u.entity.text, container: t.title });
      if (!units.has(u.name.text)) units.set(u.name.text, u);
      if (u.like) {
        const fixture = fixtures.get(u.like.text);
        if (fixture) refer(u.like.span, fixture);
      }
    }
    for (const u of t.units) referFields(kindOf.get(u) ?? null, u.fields, units);
    for (const x of t.expects) {
      const subject = x.cond.type === 'Binary' ? x.cond.left : x.cond; // `甲.组织收入 == 6分`, or `甲.培训` alone
      if (subject.type !== 'Member' || subject.object.type !== 'Ref') continue;
      const unit = units.get(subject.object.name.text);
      if (!unit) continue;
      refer(subject.object.name.span, unit);
      const kind = kindOf.get(unit);
      const target = kind ? expectTarget(kind, subject.member.text) : null;
      if (target) refer(subject.member.span, target);
    }
  }
}
