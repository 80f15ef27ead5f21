// `kaoping check [--fix] PATH…` — compile policies and report their diagnostics; with --fix, first apply the
// unambiguous quick fixes (dsl/apply-fixes.ts) to the files, atomically, saying each one, then report what is left.
// The work of the command, loaded only when it runs (the definition is in check.ts).
import path from 'node:path';
import { applyFixes } from '../../dsl/apply-fixes.js';
import { positionAt } from '../../dsl/diagnostics.js';
import { cliMessage } from '../../messages/index.js';
import { ExitCode, UsageError, tell, type CliContext } from '../context.js';
import { compilePolicy, compileSources, diagnosticsData, type CompiledPolicy } from '../compile-policy.js';
import { pathKind, writeAtomic } from '../files.js';
import { counts, renderDiagnostics } from '../render-diagnostics.js';

export async function runCheck(ctx: CliContext, paths: string[], opts: { format: 'text' | 'json'; fix?: boolean }): Promise<number> {
  const compiled: CompiledPolicy[] = [];
  for (const spec of paths) {
    if (opts.fix && (await pathKind(path.resolve(ctx.cwd, spec))) === null && spec.includes(':')) throw new UsageError(cliMessage('fixNotGit', { spec }));
    const policy = await compilePolicy(ctx, spec);
    compiled.push(opts.fix ? await fix(ctx, policy, opts.format === 'json' ? ctx.err : ctx.out) : policy);
  }
  const all = compiled.flatMap((c) => c.diagnostics);
  if (opts.format === 'json') {
    ctx.out(JSON.stringify(compiled.flatMap(diagnosticsData), null, 2) + '\n');
  } else {
    for (const c of compiled) ctx.out(renderDiagnostics(ctx, c.diagnostics, c.texts));
    ctx.out(`${tell(ctx, 'checked', { ...counts(all), files: compiled.reduce((n, c) => n + c.sources.length, 0) })}\n`);
  }
  return all.some((d) => d.severity === 'error') ? ExitCode.failed : ExitCode.ok;
}

/**
 * Applies the policy's unambiguous fixes to its files and compiles it again; a clean policy is left untouched.
 * What was fixed goes to `stream`: standard output, or standard error when that holds JSON.
 */
async function fix(ctx: CliContext, policy: CompiledPolicy, stream: (text: string) => void): Promise<CompiledPolicy> {
  const outcome = applyFixes(policy.diagnostics, (file) => policy.texts.get(file));
  const said = (file: string, offset: number) => {
    const p = positionAt(policy.texts.get(file) ?? '', offset);
    return `${file}:${p.line}:${p.column}`;
  };
  // Every file is written before anything is said, so what is printed was done.
  for (const [file, text] of outcome.texts) await writeAtomic(path.resolve(ctx.cwd, file), text);
  for (const { diagnostic, fix: applied } of outcome.applied) {
    stream(`${tell(ctx, 'fixed', { place: said(diagnostic.span.file, diagnostic.span.start), code: diagnostic.code, title: applied.title })}\n`);
  }
  if (outcome.applied.length || outcome.left.length) {
    stream(`${tell(ctx, 'fixSummary', { applied: outcome.applied.length, files: outcome.texts.size, left: outcome.left.length })}\n`);
  }
  if (outcome.texts.size === 0) return policy;
  return compileSources(ctx, policy.spec, policy.sources.map((s) => ({ path: s.path, text: outcome.texts.get(s.path) ?? s.text })));
}
