// `kaoping fmt [--check] PATH…` — the canonical layout of policy sources.
import path from 'node:path';
import { formatSource } from '../../dsl/format.js';
import { localizeDiagnostics } from '../../dsl/localize-diagnostics.js';
import { cliMessage } from '../../messages/index.js';
import { ExitCode, UsageError, langOf, tell } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { pathKind, writeAtomic } from '../files.js';
import { readPolicy } from '../policy-source.js';
import { renderDiagnostics } from '../render-diagnostics.js';

export const defineFmt: CommandDefinition = (program, ctx, finish) => {
  program
    .command('fmt')
    .description('format policy sources in place (canonical layout, comments kept)')
    .argument('<path...>', 'policy folder or .kp file')
    .option('--check', 'write nothing; list the files that would change and exit 1 if any')
    .addHelpText(
      'after',
      '\nA file with syntax errors is left untouched and reported (exit 1). Files are replaced atomically.',
    )
    .action(async (paths: string[], opts: { check?: boolean }) => {
      let failed = false;
      let changed = 0;
      for (const spec of paths) {
        if ((await pathKind(path.resolve(ctx.cwd, spec))) === null && spec.includes(':')) {
          throw new UsageError(cliMessage('fmtNotGit', { spec }));
        }
        for (const source of (await readPolicy(ctx, spec)).sources) {
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
      finish(failed || (opts.check && changed > 0) ? ExitCode.failed : ExitCode.ok);
    });
};
