// `kaoping check PATH…` — compile policies and report their diagnostics.
import { Option } from 'commander';
import { ExitCode, counted } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { compilePolicy, diagnosticsData, type CompiledPolicy } from '../compile-policy.js';
import { countLine, renderDiagnostics } from '../render-diagnostics.js';

export const defineCheck: CommandDefinition = (program, ctx, finish) => {
  program
    .command('check')
    .description('check policies: syntax, names, types, points and assertions')
    .argument('<path...>', 'policy folder, .kp file, or Git revision spec REV:path')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExit code 1 when any policy has errors; warnings alone exit 0.')
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
      const compiled: CompiledPolicy[] = [];
      for (const spec of paths) compiled.push(await compilePolicy(ctx, spec));
      const all = compiled.flatMap((c) => c.diagnostics);
      if (opts.format === 'json') {
        ctx.out(JSON.stringify(compiled.flatMap(diagnosticsData), null, 2) + '\n');
      } else {
        for (const c of compiled) ctx.out(renderDiagnostics(c.diagnostics, c.texts));
        ctx.out(`${countLine(all)} in ${counted(compiled.reduce((n, c) => n + c.sources.length, 0), 'file')}\n`);
      }
      finish(all.some((d) => d.severity === 'error') ? ExitCode.failed : ExitCode.ok);
    });
};
