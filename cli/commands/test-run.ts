// `kaoping test PATH…` — run the policies' `test` blocks; the last line is `N passed, N failed`.
// The work of the command, loaded only when it runs (the definition is in test.ts).
import { ExitCode, langOf, tell, type CliContext } from '../context.js';
import { expectedAndActual } from '../../messages/numbers.js';
import { meetsMinimum, coveragePercent, runTests, runTestsWithCoverage, type CoverageReport, type TestResult } from '../../runtime/index.js';
import type { CoverageMinimum, RuleGraph } from '../../graph/graph.js';
import { armSites } from '../../compiler/index.js';
import { compilePolicy, graphOrFail } from '../compile-policy.js';
import { renderCoverage } from '../coverage-tree.js';

export interface TestOptions {
  coverage?: boolean;
  json?: boolean;
}

interface PolicyRun {
  spec: string;
  results: TestResult[];
  coverage: CoverageReport | null;
  below: (CoverageMinimum & { percent: number })[];
}

/** The tests of one policy, with coverage when asked for or when the policy declares a minimum. */
function runPolicy(spec: string, graph: RuleGraph, wanted: boolean): PolicyRun {
  const minimums = graph.testCoverage ?? [];
  if (!wanted && minimums.length === 0) return { spec, results: runTests(graph).results, coverage: null, below: [] };
  const { results, coverage } = runTestsWithCoverage(graph, armSites);
  const below = minimums
    .filter((m) => !meetsMinimum(coverage[m.measure], m.minimum))
    .map((m) => ({ ...m, percent: coveragePercent(coverage[m.measure]) }));
  return { spec, results, coverage: wanted ? coverage : null, below };
}

export async function runTest(ctx: CliContext, paths: string[], opts: TestOptions = {}): Promise<number> {
  let passed = 0;
  let failed = 0;
  let belowMinimum = false;
  const runs: PolicyRun[] = [];
  for (const spec of paths) {
    const run = runPolicy(spec, graphOrFail(ctx, await compilePolicy(ctx, spec)), opts.coverage === true);
    runs.push(run);
    passed += run.results.filter((t) => t.passed).length;
    failed += run.results.filter((t) => !t.passed).length;
    if (run.below.length > 0) belowMinimum = true;
    if (!opts.json) printRun(ctx, run);
  }
  if (opts.json) ctx.out(`${JSON.stringify({ policies: runs.map(jsonRun), passed, failed }, null, 2)}\n`);
  else ctx.out(`${tell(ctx, 'testsRun', { passed, failed })}\n`);
  return failed > 0 || belowMinimum ? ExitCode.failed : ExitCode.ok;
}

function printRun(ctx: CliContext, run: PolicyRun): void {
  ctx.out(`${run.spec}\n`);
  for (const t of run.results) {
    if (t.passed) {
      ctx.out(`  ✓ ${t.title}\n`);
      continue;
    }
    ctx.out(`  ✗ ${t.title}\n`);
    for (const f of t.failures) {
      ctx.out(`      ${f.span.file}:${f.span.line}:${f.span.column}: ${f.text}\n`);
      const shown = expectedAndActual(f, langOf(ctx));
      ctx.out(`        ${tell(ctx, 'expected')} ${shown.expected}\n        ${tell(ctx, 'actual')} ${shown.actual}\n`);
    }
  }
  if (run.coverage) ctx.out(renderCoverage(ctx, run.coverage));
  for (const m of run.below) {
    const at = `${m.span.file}:${m.span.line}:${m.span.column}`;
    ctx.out(`${tell(ctx, 'coverageBelow', { measure: m.measure, percent: m.percent, minimum: percentOf(m.minimum), at })}\n`);
  }
}

function jsonRun(run: PolicyRun) {
  return {
    path: run.spec,
    tests: run.results.map((t) => ({
      title: t.title,
      passed: t.passed,
      failures: t.failures.map((f) => ({ ...f.span, text: f.text, expected: f.expected, actual: f.actual })),
    })),
    ...(run.coverage ? { coverage: run.coverage } : {}),
    belowMinimum: run.below.map((m) => ({ measure: m.measure, minimum: m.minimum, percent: m.percent, ...m.span })),
  };
}

/** A fraction as the percent an author wrote (0.9 → 90). */
function percentOf(x: number): number {
  return +(x * 100).toPrecision(12);
}

