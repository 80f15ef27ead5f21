// `kaoping replay LINE_OR_FILE` — evaluate again what a decision log line records, and check that the
// results are the same bytes (their SHA-256); exit 1 when any line does not reproduce.
// The work of the command, loaded only when it runs (the definition is in replay.ts).
import path from 'node:path';
import { ExitCode, InputError, tell, type CliContext } from '../context.js';
import { decisionSchema, type Decision } from '../decision-log.js';
import { readText } from '../files.js';
import { replayDecision } from '../replay.js';
import type { ReplayCommandOptions } from './replay.js';
import { cliMessage } from '../../messages/index.js';

export async function runReplay(ctx: CliContext, arg: string, opts: ReplayCommandOptions): Promise<number> {
  const fromFile = !arg.trimStart().startsWith('{');
  const file = fromFile ? path.resolve(ctx.cwd, arg) : null;
  const lines = file ? (await readText(file)).split('\n') : [arg];
  const logDir = opts.log ? path.resolve(ctx.cwd, opts.log) : file ? path.dirname(file) : null;
  const decisions: { where: string; decision: Decision }[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const where = file ? `${arg}:${i + 1}` : 'line';
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError(cliMessage('replayNotJson', { where, why: (e as Error).message }));
    }
    const parsed = decisionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(cliMessage('replayNotDecision', { where, field: issue.path.join('.') || null, why: issue.message }));
    }
    decisions.push({ where, decision: parsed.data });
  });
  if (decisions.length === 0) throw new InputError(cliMessage('replayNoLines', { file: arg }));
  let failed = 0;
  for (const { where, decision } of decisions) {
    const why = await replayDecision(ctx, decision, {
      policies: opts.policies ? path.resolve(ctx.cwd, opts.policies) : null,
      logDir,
      data: opts.data ?? null,
    });
    const what = tell(ctx, 'replayDecision', { where, time: decision.time, policy: decision.policy.name, version: decision.policy.version, period: decision.period });
    if (why === null) {
      ctx.out(`${tell(ctx, 'replayReproduced', { decision: what, results: `${decision.resultsSha256.slice(0, 12)}…` })}\n`);
    } else {
      failed++;
      ctx.out(`${tell(ctx, 'replayNotReproduced', { decision: what, why: tell(ctx, 'replayWhy', why) })}\n`);
    }
  }
  ctx.out(`${tell(ctx, 'replaySummary', { reproduced: decisions.length - failed, failed })}\n`);
  return failed > 0 ? ExitCode.failed : ExitCode.ok;
}
