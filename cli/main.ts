// The `kaoping` command line: one subcommand per module in cli/commands/, a guard that turns every
// failure into a one-line message and an exit code (never a stack trace). A command's module only defines its
// arguments and options; its work is in the sibling `-run` module, imported when the command runs, so that
// `kaoping --help` (and every other command) loads none of the compiler, runtime or packages it does not use.
import { Command, CommanderError, Option } from 'commander';
import { chooseLanguage, type Lang } from '../messages/index.js';
import { CLI_HELP, type HelpWords } from '../messages/cli-help.js';
import { CLI_USAGE } from '../messages/cli-usage.js';
import { helpLanguage, speakHelp } from './help.js';
import { ExitCode, InputError, UsageError, errorText, processContext, tell, type CliContext } from './context.js';
import { defineCheck } from './commands/check.js';
import { defineFmt } from './commands/fmt.js';
import { defineBuild } from './commands/build.js';
import { defineEval } from './commands/eval.js';
import { defineExplain } from './commands/explain.js';
import { defineTest } from './commands/test.js';
import { defineDiff } from './commands/diff.js';
import { defineExport } from './commands/export.js';
import { defineServe } from './commands/serve.js';
import { defineReplay } from './commands/replay.js';
import { defineRecheck } from './commands/recheck.js';
import { defineBulletin } from './commands/bulletin.js';
import { defineAnalyze } from './commands/analyze.js';
import { defineFeedback } from './commands/feedback.js';
import { defineMonitor } from './commands/monitor.js';
import { defineNewVersion } from './commands/new-version.js';

/**
 * A subcommand: adds itself to the program, its descriptions read with `help` in the run's language; its action
 * resolves to an exit code.
 */
export type CommandDefinition = (program: Command, ctx: CliContext, finish: (code: number) => void, help: HelpWords) => void;

const COMMANDS: CommandDefinition[] = [
  defineCheck,
  defineFmt,
  defineBuild,
  defineEval,
  defineExplain,
  defineTest,
  defineDiff,
  defineExport,
  defineServe,
  defineReplay,
  defineRecheck,
  defineBulletin,
  defineAnalyze,
  defineFeedback,
  defineMonitor,
  defineNewVersion,
];

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
  let code: number = ExitCode.ok;
  const program = kaopingProgram(ctx, helpLanguage(argv, ctx.env), (c) => (code = c));
  try {
    ctx.lang = languageOrFail(undefined, ctx);
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) {
      ctx.err(program.helpInformation());
      return ExitCode.usage;
    }
    return code;
  } catch (e) {
    return failure(e, ctx);
  }
}

/** The program and its commands, their help in `lang`; `finish` receives the exit code of the command run. */
export function kaopingProgram(ctx: CliContext, lang: Lang, finish: (code: number) => void): Command {
  const program = new Command('kaoping');
  // Before the commands are defined: they inherit the help's words and Commander's settings from the program.
  const help = speakHelp(program, lang);
  const exitCodes = `\n${help(CLI_HELP.program.exitCodes)}`;
  const langOption = () => new Option('--lang <lang>', help(CLI_HELP.program.lang));
  program
    .description(help(CLI_HELP.program.description))
    .version('0.1.0', '-V, --version', help(CLI_USAGE.versionOption))
    .addOption(langOption())
    // The program's own options only before a subcommand, so `new-version … --version 2022` is the subcommand's.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .addHelpText('after', exitCodes);
  for (const define of COMMANDS) define(program, ctx, finish, help);
  for (const command of program.commands) {
    command.addOption(langOption());
    command.addHelpText('after', exitCodes);
  }
  // The language is chosen before the command runs, from its --lang (or the program's), KAOPING_LANG or the locale.
  program.hook('preAction', (_program, command) => {
    ctx.lang = languageOrFail(command.opts<{ lang?: string }>().lang ?? program.opts<{ lang?: string }>().lang, ctx);
  });
  return program;
}

function failure(e: unknown, ctx: CliContext): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (or the help / version).
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (e instanceof InputError) {
    ctx.err(`kaoping: ${errorText(ctx, e)}\n`);
    return ExitCode.failed;
  }
  if (e instanceof UsageError || e instanceof LanguageError) {
    ctx.err(`kaoping: ${e instanceof UsageError ? errorText(ctx, e) : e.message}\n`);
    return ExitCode.usage;
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  ctx.err(`kaoping: ${tell(ctx, 'internalError', { what })}\n`);
  return ExitCode.internal;
}

/** A language that is neither zh nor en: said in both, as the language is what is unknown. */
class LanguageError extends Error {}

function languageOrFail(option: string | undefined, ctx: CliContext) {
  const lang = chooseLanguage(option, ctx.env);
  if (typeof lang === 'object') throw new LanguageError(lang.error);
  return lang;
}
