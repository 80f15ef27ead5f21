// `kaoping export PATH --to json-rules-engine [-o rules.json]` — the policy for other rule engines.
import { Option } from 'commander';
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export const defineExport: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('export')
    .description(help(CLI_HELP.export.description))
    .argument('<path>', help(CLI_HELP.export.path))
    .addOption(new Option('--to <target>', help(CLI_HELP.export.to)).choices(['json-rules-engine']).makeOptionMandatory())
    .option('-o, --out <file>', help(CLI_HELP.export.out))
    .addHelpText('after', `\n${help(CLI_HELP.export.after)}`)
    .action(async (spec: string, opts: { out?: string }) => finish(await (await import('./export-run.js')).runExport(ctx, spec, opts)));
};
