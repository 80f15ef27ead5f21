// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import type { CommandDefinition } from '../main.js';
import { CLI_HELP } from '../../messages/cli-help.js';
import { Option } from 'commander';
import { HEADER_LANGUAGES, type HeaderLanguage } from '../../messages/results-words.js';

export interface EvalOptions {
  data?: string;
  engine?: string;
  db?: string;
  schema?: string;
  into?: string;
  period?: string;
  out?: string;
  skipBadUnits?: boolean;
  csvRaw?: boolean;
  stream?: boolean;
  top?: string;
  log?: string;
  logData?: boolean;
  headers: HeaderLanguage;
}

export const defineEval: CommandDefinition = (program, ctx, finish, help) => {
  program
    .command('eval')
    .description(help(CLI_HELP.eval.description))
    .argument('<path>', help(CLI_HELP.eval.path))
    .option('--data <file>', help(CLI_HELP.eval.data))
    .option('--engine <engine>', help(CLI_HELP.eval.engine))
    .option('--db <url>', help(CLI_HELP.eval.db))
    .option('--schema <schema>', help(CLI_HELP.eval.schema))
    .option('--into <table>', help(CLI_HELP.eval.into))
    .option('--period <period>', help(CLI_HELP.eval.period))
    .option('--out <file>', help(CLI_HELP.eval.out))
    .addOption(
      new Option('--headers <language>', help(CLI_HELP.eval.headers))
        .choices(HEADER_LANGUAGES)
        .default('zh'),
    )
    .option('--skip-bad-units', help(CLI_HELP.eval.skipBadUnits))
    .option('--stream', help(CLI_HELP.eval.stream))
    .option('--top <n>', help(CLI_HELP.eval.top), '10')
    .option('--csv-raw', help(CLI_HELP.eval.csvRaw))
    .option('--log <dir>', help(CLI_HELP.eval.log))
    .option('--log-data', help(CLI_HELP.eval.logData))
    .addHelpText('after', `\n${help(CLI_HELP.eval.after)}`)
    .action(async (spec: string, opts: EvalOptions) => finish(await (await import('./eval-run.js')).runEval(ctx, spec, opts)));
};

