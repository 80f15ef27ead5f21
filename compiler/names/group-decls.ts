// The declarations of all files by sort, in file order; a section for several kinds becomes one per kind.
import type { Decl, SourceFile } from '../../dsl/ast.js';
import { sectionPerKind } from '../section-kinds.js';
import type { PolicyDecls } from './resolved-policy.js';

export function groupDecls(files: SourceFile[]): PolicyDecls {
  const d: PolicyDecls = {
    header: null, entities: [], enums: [], records: [], inputs: [], params: [], sections: [], bonuses: [], links: [],
    individuals: [], tiers: [], periods: [], asserts: [], fixtures: [], tests: [], warnings: [], analysis: [], coverage: [],
  };
  const lists: { [K in Exclude<Decl['type'], 'Policy'>]: Decl[] } = {
    Entity: d.entities, Enum: d.enums, Record: d.records, Input: d.inputs, Param: d.params, Section: d.sections,
    Bonus: d.bonuses, Link: d.links, Individual: d.individuals, Tiers: d.tiers, Periods: d.periods,
    Assert: d.asserts, Fixture: d.fixtures, Test: d.tests, Warning: d.warnings, Analysis: d.analysis, Coverage: d.coverage,
  };
  for (const file of files) {
    for (const decl of file.decls) {
      if (decl.type === 'Policy') d.header ??= decl;
      else if (decl.type === 'Section') d.sections.push(...sectionPerKind(decl));
      else lists[decl.type].push(decl);
    }
  }
  return d;
}
