// Pass: parsed files → resolved policy. Builds the symbol table and binds every name written in an expression:
// one module per concern in names/ (declarations, expressions, the scoring rules, links, individuals, tiers,
// warnings, assertions, test data), each a function of the shared context and the declarations, run in this order.
import type { SourceFile } from '../dsl/ast.js';
import type { PassResult } from './pass.js';
import { resolveAssertions } from './names/assertions.js';
import { nameContext } from './names/context.js';
import { checkHeaders, declareNames } from './names/declarations.js';
import { expressionResolver } from './names/expressions.js';
import { resolveIndividuals } from './names/individuals.js';
import { resolveLinks } from './names/links.js';
import type { ResolvedPolicy } from './names/resolved-policy.js';
import { resolveScoring } from './names/scoring.js';
import { resolveTestData } from './names/test-data.js';
import { resolveTiers } from './names/tiers.js';
import { resolveWarnings } from './names/warnings.js';

export { TOTAL_NAMES } from './names/resolved-policy.js';
export type { Binding, KindInfo, LetInfo, ResolvedPolicy } from './names/resolved-policy.js';

export function resolveNames(files: SourceFile[]): PassResult<ResolvedPolicy> {
  const c = nameContext(files);
  checkHeaders(c);
  const d = declareNames(c);
  const r = expressionResolver(c, d);
  resolveScoring(c, d, r);
  resolveLinks(c, d, r);
  resolveIndividuals(c, d, r);
  resolveTiers(c, d, r);
  resolveWarnings(c, d, r);
  resolveAssertions(c, d, r);
  resolveTestData(c, d);
  const { kinds, enums, records, params, fixtures, tierRules, appliesTo, lets } = d;
  return {
    value: {
      files, decls: c.decls, kinds, enums, records, params, fixtures, tierRules, appliesTo, lets, bindings: c.bindings,
      symbols: { symbols: c.symbols, references: c.references }, symbolOf: c.symbolOf,
    },
    diagnostics: c.diagnostics,
  };
}
