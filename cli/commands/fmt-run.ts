// `kaoping fmt [--check] PATH…` — the canonical layout of policy sources.
// The work of the command, loaded only when it runs (the definition is in fmt.ts).
import { localizeDiagnostics } from '../../dsl/localize-diagnostics.js';
import { cliMessage } from '../../messages/index.js';
import { ExitCode, UsageError, langOf, tell, type CliContext } from '../context.js';
import path from 'node:path';
import { formatSource } from '../../dsl/format.js';
import { listDir, pathKind, writeAtomic } from '../files.js';
import { readPolicy, type PolicySource } from '../policy-source.js';
import { renderDiagnostics } from '../render-diagnostics.js';

export async function runFmt(ctx: CliContext, paths: string[], opts: { check?: boolean }): Promise<number> {
  let failed = false;
  let changed = 0;
  for (const spec of paths) {
    if ((await pathKind(path.resolve(ctx.cwd, spec))) === null && spec.includes(':')) {
      throw new UsageError(cliMessage('fmtNotGit', { spec }));
    }
    for (const source of await sourcesUnder(ctx, spec)) {
      const result = formatSource(source.path, source.text);
      if (result.text === null) {
        failed = true;
        const shown = localizeDiagnostics(result.diagnostics, langOf(ctx), () => source.text);
        ctx.err(renderDiagnostics(ctx, shown, new Map([[source.path, source.text]])));
        ctx.err(`${tell(ctx, 'notFormatted', { path: source.path })}\n`);
        continue;
      }
      if (result.text === source.text) continue;
      changed++;
      if (opts.check) {
        ctx.out(`${source.path}\n`);
      } else {
        await writeAtomic(path.resolve(ctx.cwd, source.path), result.text);
        ctx.out(`${tell(ctx, 'formatted', { path: source.path })}\n`);
      }
    }
  }
  return failed || (opts.check && changed > 0) ? ExitCode.failed : ExitCode.ok;
}

/** The sources of a policy folder or file; a folder without `.kp` files stands for the policy folders below it. */
async function sourcesUnder(ctx: CliContext, spec: string): Promise<PolicySource[]> {
  const full = path.resolve(ctx.cwd, spec);
  const below = (await pathKind(full)) === 'dir' ? await policiesBelow(ctx, full) : [];
  // A single policy, a file, a Git revision, or a folder with no policy at all (which readPolicy reports).
  return below.length > 0 ? below : (await readPolicy(ctx, spec)).sources;
}

async function policiesBelow(ctx: CliContext, dir: string): Promise<PolicySource[]> {
  const entries = await listDir(dir);
  if (entries.some((e) => e.isFile && e.name.endsWith('.kp'))) return (await readPolicy(ctx, dir)).sources;
  const sources: PolicySource[] = [];
  const folders = entries.filter((e) => !e.isFile && e.name !== 'node_modules' && !e.name.startsWith('.')).map((e) => e.name).sort();
  for (const name of folders) {
    const child = path.join(dir, name);
    if ((await pathKind(child)) === 'dir') sources.push(...(await policiesBelow(ctx, child)));
  }
  return sources;
}
