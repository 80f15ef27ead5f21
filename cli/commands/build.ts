// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface BuildOptions {
  out?: string;
  to: string;
  dialect: string;
  period?: string;
}

export const defineBuild: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('build')
    .description(help(CLI_HELP.build.description))
    .argument('<path>', help(CLI_HELP.build.path))
    .option('-o, --out <file>', help(CLI_HELP.build.out))
    .option('--to <form>', help(CLI_HELP.build.to), 'graph')
    .option('--dialect <dialect>', help(CLI_HELP.build.dialect), 'duckdb')
    .option('--period <period>', help(CLI_HELP.build.period))
    .action(async (spec: string, opts: BuildOptions) => finish(await (await import('./build-run.js')).runBuild(ctx, spec, opts)));
};

