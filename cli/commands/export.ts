// `kaoping export PATH --to json-rules-engine [-o rules.json]` — the policy for other rule engines.
import path from 'node:path';
import { Option } from 'commander';
import { exportJsonRulesEngine } from '../../compiler/export-json-rules-engine.js';
import { ExitCode, tell } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../stable-json.js';

export const defineExport: CommandDefinition = (program, ctx, finish) => {
  program
    .command('export')
    .description('export the per-unit rules of a policy for another rule engine')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .addOption(new Option('--to <target>', 'target engine').choices(['json-rules-engine']).makeOptionMandatory())
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .addHelpText(
      'after',
      `
One json-rules-engine rule per indicator that a unit's own data decides. What needs all units
(ranks, peer statistics, linked deductions, sections, totals, tiers) is listed under "notExported".
The host registers the operators and facts listed under "extensions" (registerKaopingExtensions in
compiler/export-json-rules-engine.ts).`,
    )
    .action(async (spec: string, opts: { out?: string }) => {
      const exported = exportJsonRulesEngine(await requireGraph(ctx, spec));
      const json = stableJson(exported);
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
        ctx.err(`${tell(ctx, 'exported', { file: opts.out, rules: exported.rules.length, left: exported.notExported.length })}\n`);
      } else {
        ctx.out(json);
      }
      finish(ExitCode.ok);
    });
};
