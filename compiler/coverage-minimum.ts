// `coverage [indicator | branch] >= P` (测试覆盖 [指标 | 分支] >= P): the least share of the indicator tree a
// policy's tests must reach, which `kaoping test` enforces. Checked here (check-structure reports the
// diagnostics) and carried into the graph as `testCoverage` (lower-to-graph).
import type { CoverageDecl, SourceFile, Span } from '../dsl/ast.js';
import { diagnostic, type Diagnostic } from '../dsl/diagnostics.js';
import type { CoverageMinimum } from '../graph/graph.js';
import { sourceRefs } from './source-refs.js';
import { message } from '../messages/index.js';
import { compare, literalValue, rational, toNumber, ZERO, type Rational } from './exact-number.js';

type Measure = CoverageMinimum['measure'];

/** The measure words of both keyword sets (`指标` and `indicator` are the keyword; the others are names). */
const MEASURES = new Map<string, Measure>([
  ['indicator', 'indicators'], ['指标', 'indicators'],
  ['branch', 'branches'], ['branches', 'branches'], ['分支', 'branches'],
]);

interface Checked {
  decl: CoverageDecl;
  measure: Measure;
  minimum: Rational;
}

function checked(decls: readonly CoverageDecl[], files: SourceFile[], diagnostics: Diagnostic[] | null): Checked[] {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const source = (span: Span) => texts.get(span.file)?.slice(span.start, span.end) ?? '';
  const ref = sourceRefs(files);
  const out: Checked[] = [];
  const first = new Map<Measure, CoverageDecl>();
  const report = (span: Span, text: Parameters<typeof diagnostic>[1]) => diagnostics?.push(diagnostic(span, text));
  for (const decl of decls) {
    const measure = decl.measure ? MEASURES.get(decl.measure.text) : 'branches';
    if (!measure) {
      report(decl.measure!.span, message('KP4020', 'unknownMeasure', { measure: decl.measure!.text }));
      continue;
    }
    const m = decl.minimum;
    if (m.type !== 'Number' || m.unit !== 'percent') {
      report(m.span, message('KP4020', 'notPercent', { source: source(m.span) }));
      continue;
    }
    const minimum = literalValue(m.digits, m.unit);
    if (compare(minimum, ZERO) < 0 || compare(minimum, rational(1n)) > 0) {
      report(m.span, message('KP4020', 'outOfRange', { source: source(m.span) }));
      continue;
    }
    const earlier = first.get(measure);
    if (earlier) {
      const at = ref(earlier.span);
      report(decl.span, message('KP4020', 'duplicate', { measure, first: `${at.file}:${at.line}:${at.column}` }));
      continue;
    }
    first.set(measure, decl);
    out.push({ decl, measure, minimum });
  }
  return out;
}

/** Diagnostics of the policy's coverage minimums. */
export function checkCoverageMinimums(decls: readonly CoverageDecl[], files: SourceFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  checked(decls, files, diagnostics);
  return diagnostics;
}

/** The well-formed minimums, for the graph; undefined when the policy declares none. */
export function coverageMinimums(decls: readonly CoverageDecl[], files: SourceFile[]): CoverageMinimum[] | undefined {
  const ref = sourceRefs(files);
  const list = checked(decls, files, null).map((c) => ({ measure: c.measure, minimum: toNumber(c.minimum), span: ref(c.decl.span) }));
  return list.length > 0 ? list : undefined;
}
