// `kaoping export PATH --to json-rules-engine [-o rules.json]` — the policy for other rule engines.
// The work of the command, loaded only when it runs (the definition is in export.ts).
import { ExitCode, counted, type CliContext } from '../context.js';
import path from 'node:path';
import { exportJsonRulesEngine } from '../../compiler/export-json-rules-engine.js';
import { requireGraph } from '../compile-policy.js';
import { writeAtomic } from '../files.js';
import { stableJson } from '../stable-json.js';

export async function runExport(ctx: CliContext, spec: string, opts: { out?: string }): Promise<number> {
  const exported = exportJsonRulesEngine(await requireGraph(ctx, spec));
  const json = stableJson(exported);
  if (opts.out) {
    await writeAtomic(path.resolve(ctx.cwd, opts.out), json);
    ctx.err(`wrote ${opts.out}: ${counted(exported.rules.length, 'rule')}, ${counted(exported.notExported.length, 'item')} not exported\n`);
  } else {
    ctx.out(json);
  }
  return ExitCode.ok;
}
