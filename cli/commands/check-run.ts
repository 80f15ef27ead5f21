// `kaoping check PATH…` — compile policies and report their diagnostics.
// The work of the command, loaded only when it runs (the definition is in check.ts).
import { ExitCode, tell, type CliContext } from '../context.js';
import { compilePolicy, diagnosticsData, type CompiledPolicy } from '../compile-policy.js';
import { counts, renderDiagnostics } from '../render-diagnostics.js';

export async function runCheck(ctx: CliContext, paths: string[], opts: { format: 'text' | 'json' }): Promise<number> {
  const compiled: CompiledPolicy[] = [];
  for (const spec of paths) compiled.push(await compilePolicy(ctx, spec));
  const all = compiled.flatMap((c) => c.diagnostics);
  if (opts.format === 'json') {
    ctx.out(JSON.stringify(compiled.flatMap(diagnosticsData), null, 2) + '\n');
  } else {
    for (const c of compiled) ctx.out(renderDiagnostics(ctx, c.diagnostics, c.texts));
    ctx.out(`${tell(ctx, 'checked', { ...counts(all), files: compiled.reduce((n, c) => n + c.sources.length, 0) })}\n`);
  }
  return all.some((d) => d.severity === 'error') ? ExitCode.failed : ExitCode.ok;
}

