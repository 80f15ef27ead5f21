// `kaoping export PATH --to json-rules-engine [-o rules.json]` — the policy for other rule engines.
// The work of the command, loaded only when it runs (the definition is in export.ts).
import { ExitCode, tell, type CliContext } from '../context.js';
import path from 'node:path';
import { exportJsonRulesEngine } from '../../export/json-rules-engine.js';
import { requireGraph } from '../policy-graph.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../../reports/stable-json.js';

export async function runExport(ctx: CliContext, spec: string, opts: { out?: string }): Promise<number> {
  const exported = exportJsonRulesEngine(await requireGraph(ctx, spec));
  const json = stableJson(exported);
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
    ctx.err(`${tell(ctx, 'exported', { file: opts.out, rules: exported.rules.length, left: exported.notExported.length })}\n`);
  } else {
    ctx.out(json);
  }
  return ExitCode.ok;
}
