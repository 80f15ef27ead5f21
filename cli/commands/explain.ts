// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in Chinese.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';

export interface ExplainOptions {
  data?: string;
  unit: string;
  indicator?: string;
  period?: string;
  stream?: boolean;
  engine?: string;
  db?: string;
  schema?: string;
}

export const defineExplain: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('explain')
    .description(help(CLI_HELP.explain.description))
    .argument('<path>', help(CLI_HELP.explain.path))
    .option('--data <file>', help(CLI_HELP.explain.data))
    .requiredOption('--unit <id>', help(CLI_HELP.explain.unit))
    .option('--indicator <name>', help(CLI_HELP.explain.indicator))
    .option('--period <period>', help(CLI_HELP.explain.period))
    .option('--stream', help(CLI_HELP.explain.stream))
    .option('--engine <engine>', help(CLI_HELP.explain.engine))
    .option('--db <url>', help(CLI_HELP.explain.db))
    .option('--schema <schema>', help(CLI_HELP.explain.schema))
    .action(async (spec: string, opts: ExplainOptions) => finish(await (await import('./explain-run.js')).runExplain(ctx, spec, opts)));
};
