// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
import path from 'node:path';
import { ExitCode, InputError, UsageError } from '../context.js';
import type { RuleGraph } from '../../runtime/graph.js';
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
    .option('--to <form>', 'graph (JSON, the default) or sql: the SQL script of an evaluation', 'graph')
    .option('--dialect <dialect>', 'with --to sql: duckdb or postgres', 'duckdb')
    .option('--period <period>', 'with --to sql: the period evaluated (the tables then have a period column)')
    .action(async (spec: string, opts: { out?: string; to: string; dialect: string; period?: string }) => {
      if (opts.to !== 'graph' && opts.to !== 'sql') throw new UsageError(`--to ${opts.to}: expected graph or sql`);
      const graph = await requireGraph(ctx, spec);
      const json = opts.to === 'sql' ? await sqlScript(graph, opts.dialect, opts.period) : stableJson(graph);
      if (opts.out) {
        await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
        ctx.err(`wrote ${opts.out}\n`);
      } else {
        ctx.out(json);
      }
      finish(ExitCode.ok);
    });
};

/** The SQL an engine runs for the policy's tables in their full layout (docs/engines.md). */
async function sqlScript(graph: RuleGraph, dialect: string, period: string | undefined): Promise<string> {
  const { DIALECTS } = await import('../../sql/dialect.js');
  const { layoutScript, scriptText } = await import('../../sql/engine.js');
  const { Unsupported } = await import('../../sql/messages.js');
  const d = DIALECTS[dialect as keyof typeof DIALECTS];
  if (!d) throw new UsageError(`--dialect ${dialect}: expected duckdb or postgres`);
  try {
    const script = layoutScript(graph, { dialect: d }, period);
    if (Array.isArray(script)) throw new InputError(script.map((i) => i.message).join('\n'));
    return scriptText(script);
  } catch (e) {
    if (e instanceof Unsupported) throw new InputError(e.message);
    throw e;
  }
}
