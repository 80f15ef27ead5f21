// `kaoping test PATH…` — run the policies' `test` blocks; the last line is `N passed, N failed`.
// The work of the command, loaded only when it runs (the definition is in test.ts).
import { ExitCode, langOf, tell, type CliContext } from '../context.js';
import { expectedAndActual } from '../../messages/numbers.js';
import { runTests } from '../../runtime/index.js';
import { compilePolicy, graphOrFail } from '../compile-policy.js';

export async function runTest(ctx: CliContext, paths: string[]): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const spec of paths) {
    const graph = graphOrFail(ctx, await compilePolicy(ctx, spec));
    ctx.out(`${spec}\n`);
    for (const t of runTests(graph).results) {
      if (t.passed) {
        passed++;
        ctx.out(`  ✓ ${t.title}\n`);
        continue;
      }
      failed++;
      ctx.out(`  ✗ ${t.title}\n`);
      for (const f of t.failures) {
        ctx.out(`      ${f.span.file}:${f.span.line}:${f.span.column}: ${f.text}\n`);
        const shown = expectedAndActual(f, langOf(ctx));
        ctx.out(`        ${tell(ctx, 'expected')} ${shown.expected}\n        ${tell(ctx, 'actual')} ${shown.actual}\n`);
      }
    }
  }
  ctx.out(`${tell(ctx, 'testsRun', { passed, failed })}\n`);
  return failed > 0 ? ExitCode.failed : ExitCode.ok;
}
