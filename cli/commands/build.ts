// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
import path from 'node:path';
import { ExitCode, tell } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { requireGraph } from '../compile-policy.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../stable-json.js';

export const defineBuild: CommandDefinition = (program, ctx, finish) => {
  program
    .command('build')
    .description('compile a policy to its rule graph (JSON, stable key order)')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('-o, --out <file>', 'write the graph to this file (default: standard output)')
    .action(async (spec: string, opts: { out?: string }) => {
      const json = stableJson(await requireGraph(ctx, spec));
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
        ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
      } else {
        ctx.out(json);
      }
      finish(ExitCode.ok);
    });
};
