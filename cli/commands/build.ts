// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
import type { CommandDefinition } from '../main.js';

export interface BuildOptions {
  out?: string;
  to: string;
  dialect: string;
  period?: string;
}

export const defineBuild: CommandDefinition = (program, ctx, finish) => {
  program
    .command('build')
    .description('compile a policy to its rule graph (JSON, stable key order)')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('-o, --out <file>', 'write the graph to this file (default: standard output)')
    .option('--to <form>', 'graph (JSON, the default) or sql: the SQL script of an evaluation', 'graph')
    .option('--dialect <dialect>', 'with --to sql: duckdb or postgres', 'duckdb')
    .option('--period <period>', 'with --to sql: the period evaluated (the tables then have a period column)')
    .action(async (spec: string, opts: BuildOptions) => finish(await (await import('./build-run.js')).runBuild(ctx, spec, opts)));
};

