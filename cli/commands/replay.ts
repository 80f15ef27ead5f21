// `kaoping replay LINE_OR_FILE` — evaluate again what a decision log line records, and check that the
// results are the same bytes (their SHA-256); exit 1 when any line does not reproduce.
import path from 'node:path';
import { ExitCode, InputError, counted } from '../context.js';
import type { CommandDefinition } from '../main.js';
import { decisionSchema, type Decision } from '../decision-log.js';
import { readText } from '../files.js';
import { replayDecision } from '../replay.js';

interface ReplayCommandOptions {
  policies?: string;
  log?: string;
  data?: string;
}

export const defineReplay: CommandDefinition = (program, ctx, finish) => {
  program
    .command('replay')
    .description('evaluate again what decision log lines record (kaoping eval/serve --log) and check the results are the same')
    .argument('<line-or-file>', 'one log line (JSON), or a decisions-*.jsonl file (every line)')
    .option('--policies <dir>', 'read the policy in this folder instead of the one logged (for serve: the --policies folder)')
    .option('--log <dir>', "the log folder, whose data/ holds kept data (default: the file's folder)")
    .option('--data <file>', 'the data, when it was neither kept nor is at its logged path (checked by its SHA-256)')
    .addHelpText('after', '\nExit code 1 when a line does not reproduce: the policy, the data or the results differ from the log.')
    .action(async (arg: string, opts: ReplayCommandOptions) => {
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
          throw new InputError(`${where}: not JSON (${(e as Error).message})`);
        }
        const parsed = decisionSchema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new InputError(`${where}: not a decision log line (${issue.path.join('.') || 'the line'}: ${issue.message})`);
        }
        decisions.push({ where, decision: parsed.data });
      });
      if (decisions.length === 0) throw new InputError(`${arg}: no decision log lines`);
      let failed = 0;
      for (const { where, decision } of decisions) {
        const why = await replayDecision(ctx, decision, {
          policies: opts.policies ? path.resolve(ctx.cwd, opts.policies) : null,
          logDir,
          data: opts.data ?? null,
        });
        const what = `${where}: ${decision.time} ${decision.policy.name} (${decision.policy.version})${decision.period ? `, period ${decision.period}` : ''}`;
        if (why === null) {
          ctx.out(`✓ ${what}: reproduced (results SHA-256 ${decision.resultsSha256.slice(0, 12)}…)\n`);
        } else {
          failed++;
          ctx.out(`✗ ${what}: NOT reproduced: ${why}\n`);
        }
      }
      ctx.out(`${counted(decisions.length - failed, 'decision')} reproduced, ${failed} not\n`);
      finish(failed > 0 ? ExitCode.failed : ExitCode.ok);
    });
};
