// `kaoping export PATH --to json-rules-engine [-o rules.json]` — the policy for other rule engines.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';

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
export/json-rules-engine.ts).`,
    )
    .action(async (spec: string, opts: { out?: string }) => finish(await (await import('./export-run.js')).runExport(ctx, spec, opts)));
};
