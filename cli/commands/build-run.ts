// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
// The work of the command, loaded only when it runs (the definition is in build.ts).
import { ExitCode, tell, type CliContext } from '../context.js';
import path from 'node:path';
import { requireGraph } from '../compile-policy.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../stable-json.js';

export async function runBuild(ctx: CliContext, spec: string, opts: { out?: string }): Promise<number> {
  const json = stableJson(await requireGraph(ctx, spec));
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  } else {
    ctx.out(json);
  }
  return ExitCode.ok;
}
