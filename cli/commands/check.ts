// `kaoping check PATH…` — compile policies and report their diagnostics.
import { Option } from 'commander';
import { positionAt } from '../../dsl/diagnostics.js';
import { ExitCode, tell } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { codePage } from '../../messages/index.js';
import { compilePolicy, type CompiledPolicy } from '../compile-policy.js';
import { counts, renderDiagnostics } from '../render-diagnostics.js';

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
        ctx.out(JSON.stringify(compiled.flatMap(diagnosticsAsJson), null, 2) + '\n');
      } else {
        for (const c of compiled) ctx.out(renderDiagnostics(ctx, c.diagnostics, c.texts));
        ctx.out(`${tell(ctx, 'checked', { ...counts(all), files: compiled.reduce((n, c) => n + c.sources.length, 0) })}\n`);
      }
      finish(all.some((d) => d.severity === 'error') ? ExitCode.failed : ExitCode.ok);
    });
};

function diagnosticsAsJson(c: CompiledPolicy) {
  return c.diagnostics.map((d) => {
    const text = c.texts.get(d.span.file) ?? '';
    const start = positionAt(text, d.span.start);
    const end = positionAt(text, d.span.end);
    return {
      file: d.span.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.help ? { help: d.help } : {}),
      // The sentence's key and parameters, for a consumer that renders it in another language (messages/).
      text: d.text,
      page: codePage(d.code),
    };
  });
}
