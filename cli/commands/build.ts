// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
import type { CommandDefinition } from '../main.js';

export const defineBuild: CommandDefinition = (program, ctx, finish) => {
  program
    .command('build')
    .description('compile a policy to its rule graph (JSON, stable key order)')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('-o, --out <file>', 'write the graph to this file (default: standard output)')
    .action(async (spec: string, opts: { out?: string }) => finish(await (await import('./build-run.js')).runBuild(ctx, spec, opts)));
};
