// The graph of a policy that must compile for the command to go on, from the cache of compiled graphs when its
// sources were compiled cleanly before (graph-cache.ts): then the compiler is not even loaded.
import type { RuleGraph } from '../runtime/index.js';
import { langOf, type CliContext } from './context.js';
import { graphCache } from './graph-cache.js';
import { readPolicy } from './policy-source.js';

/** On errors the diagnostics are printed and the command fails with exit code 1; warnings are printed and do not stop it. */
export async function requireGraph(ctx: CliContext, spec: string): Promise<RuleGraph> {
  const { sources } = await readPolicy(ctx, spec);
  const cache = graphCache(ctx.env, sources, langOf(ctx));
  const hit = cache?.read();
  if (hit) return hit;
  const { compileSources, graphOrFail } = await import('./compile-policy.js');
  const compiled = compileSources(ctx, spec, sources);
  const graph = graphOrFail(ctx, compiled);
  if (cache && compiled.diagnostics.every((d) => d.severity === 'info')) cache.write(graph);
  return graph;
}
