// `kaoping fmt [--check] PATH…` — the canonical layout of policy sources.
// The work of the command, loaded only when it runs (the definition is in fmt.ts).
import { ExitCode, UsageError, type CliContext } from '../context.js';
import path from 'node:path';
import { formatSource } from '../../dsl/format.js';
import { pathKind, writeAtomic } from '../files.js';
import { readPolicy } from '../policy-source.js';
import { renderDiagnostics } from '../render-diagnostics.js';

export async function runFmt(ctx: CliContext, paths: string[], opts: { check?: boolean }): Promise<number> {
  let failed = false;
  let changed = 0;
  for (const spec of paths) {
    if ((await pathKind(path.resolve(ctx.cwd, spec))) === null && spec.includes(':')) {
      throw new UsageError(`${spec}: fmt formats files on disk, not Git revisions`);
    }
    for (const source of (await readPolicy(ctx, spec)).sources) {
      const result = formatSource(source.path, source.text);
      if (result.text === null) {
        failed = true;
        ctx.err(renderDiagnostics(result.diagnostics, new Map([[source.path, source.text]])));
        ctx.err(`${source.path}: not formatted (syntax errors)\n`);
        continue;
      }
      if (result.text === source.text) continue;
      changed++;
      if (opts.check) {
        ctx.out(`${source.path}\n`);
      } else {
        await writeAtomic(path.resolve(ctx.cwd, source.path), result.text);
        ctx.out(`formatted ${source.path}\n`);
      }
    }
  }
  return failed || (opts.check && changed > 0) ? ExitCode.failed : ExitCode.ok;
}
