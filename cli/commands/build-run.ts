// `kaoping build PATH -o graph.json` — the compiled rule graph as JSON.
// The work of the command, loaded only when it runs (the definition is in build.ts).
import { ExitCode, InputError, UsageError, tell, type CliContext } from '../context.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { BuildOptions } from './build.js';
import path from 'node:path';
import { requireGraph } from '../policy-graph.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../../reports/stable-json.js';
import { cliMessage } from '../../messages/index.js';

export async function runBuild(ctx: CliContext, spec: string, opts: BuildOptions): Promise<number> {
  if (opts.to !== 'graph' && opts.to !== 'sql') throw new UsageError(cliMessage('optionExpected', { option: '--to', value: opts.to, expected: ['graph', 'sql'] }));
  const graph = await requireGraph(ctx, spec);
  const json = opts.to === 'sql' ? await sqlScript(graph, opts.dialect, opts.period) : stableJson(graph);
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
    ctx.err(`${tell(ctx, 'wrote', { file: opts.out })}\n`);
  } else {
    ctx.out(json);
  }
  return ExitCode.ok;
}

/** The SQL an engine runs for the policy's tables in their full layout (docs/engines.md). */
async function sqlScript(graph: RuleGraph, dialect: string, period: string | undefined): Promise<string> {
  const { DIALECTS } = await import('../../sql/dialect.js');
  const { layoutScript, scriptText } = await import('../../sql/engine.js');
  const { Unsupported } = await import('../../sql/messages.js');
  const d = DIALECTS[dialect as keyof typeof DIALECTS];
  if (!d) throw new UsageError(cliMessage('optionExpected', { option: '--dialect', value: dialect, expected: ['duckdb', 'postgres'] }));
  try {
    const script = layoutScript(graph, { dialect: d }, period);
    if (Array.isArray(script)) throw new InputError(script.map((i) => i.message).join('\n'));
    return scriptText(script);
  } catch (e) {
    if (e instanceof Unsupported) throw new InputError(e.message);
    throw e;
  }
}
