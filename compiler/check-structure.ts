// Pass: typed policy → checked policy. Points add up, metadata and tiers are well formed, assertions hold,
// and fixtures and tests use the policy's kinds, inputs and values correctly: one module per concern in
// structure/, each a function of the typed policy (and the points, for the assertions).
import type { BonusDecl, IndicatorDecl, IndividualDecl, SectionDecl, TierRule } from '../dsl/ast.js';
import type { IndicatorMeta, Rounding } from '../graph/graph.js';
import type { TypedPolicy } from './check-types.js';
import { checkCoverageMinimums } from './coverage-minimum.js';
import { checkItemPeriods, type ItemPeriod } from './check-period-aggregates.js';
import { toNumber, type Rational } from './exact-number.js';
import type { PassResult } from './pass.js';
import { checkAssertions } from './structure/assertions.js';
import { checkHeader } from './structure/header.js';
import { structureContext } from './structure/context.js';
import { checkIndividuals } from './structure/individuals.js';
import { checkLinks, checkPeriods } from './structure/periods-and-links.js';
import { checkPoints } from './structure/points.js';
import { checkTestData, type CheckedTest } from './structure/test-data.js';
import { checkTiers } from './structure/tiers.js';

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
  const c = structureContext(policy);
  const { diagnostics } = c;

  // The order of the checks is the order their diagnostics are listed in at one place.
  const { precision, rounding } = checkHeader(c);
  const points = checkPoints(c);
  const { indicatorPoints, sectionPoints, kindPoints } = points;
  const tierShares = checkTiers(c);
  const individuals = checkIndividuals(c);
  checkPeriods(c);
  checkLinks(c);
  diagnostics.push(...checkCoverageMinimums(policy.decls.coverage, policy.files));
  const periodLines = checkItemPeriods(policy);
  diagnostics.push(...periodLines.diagnostics);
  checkAssertions(c, points);
  const tests = checkTestData(c);

  // Symbols learn their points (for hover).
  const symbols = policy.symbols.symbols.map((s) => ({ ...s }));
  for (const [decl, id] of policy.symbolOf) {
    const p = indicatorPoints.get(decl as IndicatorDecl) ?? sectionPoints.get(decl as SectionDecl)
      ?? (symbols[id]!.kind === 'entity' ? kindPoints.get(symbols[id]!.name) : undefined);
    if (p) symbols[id]!.points = toNumber(p);
  }

  return {
    value: {
      ...policy, symbols: { ...policy.symbols, symbols }, precision, rounding, ...points, tierShares, individuals, tests, itemPeriods: periodLines.itemPeriods,
    },
    diagnostics,
  };
}
