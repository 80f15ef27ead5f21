// The command's help and Commander's usage errors in the language of the run. The language is chosen before the
// commands are defined, since their descriptions are given when they are; Commander's own words (titles, the
// help and version options, its usage errors) go through its documented hooks: configureHelp, helpOption,
// helpCommand, showHelpAfterError and configureOutput's outputError.
import { Help, type Command, type Option } from 'commander';
import { helpWords, type HelpWords } from '../messages/cli-help.js';
import { CLI_USAGE } from '../messages/cli-usage.js';
import { chooseLanguage, type Lang } from '../messages/index.js';

/**
 * The language of the help: the last `--lang` before `--` in argv (`--lang en` or `--lang=en`), else
 * KAOPING_LANG, else the locale. A value that is neither zh nor en is refused when the command runs, as
 * before; until then the help follows the environment.
 */
export function helpLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let option: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') option = argv[++i];
    else if (arg.startsWith('--lang=')) option = arg.slice('--lang='.length);
  }
  for (const value of [option, undefined]) {
    const lang = chooseLanguage(value, env);
    if (typeof lang === 'string') return lang;
  }
  return 'zh';
}

/** Characters a terminal shows two columns wide (CJK, fullwidth forms), for Commander's padding and wrapping. */
const WIDE_CHARS = '\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const WIDE = new RegExp(`[${WIDE_CHARS}]`, 'g');
/**
 * The pieces a line may break between: a word of narrow characters, or one wide character (Chinese breaks
 * between any two) with the narrow ones stuck to it; each with the spaces and opening brackets before it and
 * the closing punctuation after it, so that no line ends with an opening bracket or begins with a closing one.
 */
const PIECES = new RegExp(`\\s*[（「『]*(?:[^\\s${WIDE_CHARS}]*[${WIDE_CHARS}]|[^\\s${WIDE_CHARS}]+)[，。、；：！？）」』,.;:!?)]*`, 'g');
const displayWidth = (text: string): number => text.length + (text.match(WIDE)?.length ?? 0);

/** Commander's wrapping at spaces, that also breaks Chinese text between characters. */
function boxWrap(text: string, width: number): string {
  if (width < new Help().minWidthToWrap) return text;
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const piece of line.match(PIECES) ?? []) {
        if (current !== '' && displayWidth(current) + displayWidth(piece) > width) {
          lines.push(current);
          current = piece.trimStart();
        } else current += piece;
      }
      return [...lines, current].join('\n');
    })
    .join('\n');
}

/**
 * Makes `program` (and the commands defined on it afterwards, which inherit these settings) speak `lang`;
 * returns the words its commands' descriptions are read with.
 */
export function speakHelp(program: Command, lang: Lang): HelpWords {
  const words = helpWords(lang);
  const titles: Record<string, string> = {
    'Usage:': words(CLI_USAGE.usageTitle),
    'Arguments:': words(CLI_USAGE.argumentsTitle),
    'Options:': words(CLI_USAGE.optionsTitle),
    'Global Options:': words(CLI_USAGE.globalOptionsTitle),
    'Commands:': words(CLI_USAGE.commandsTitle),
  };
  program
    .configureHelp({
      styleTitle: (title) => titles[title] ?? title,
      displayWidth,
      boxWrap,
      optionDescription: (option) => optionDescription(option, words),
    })
    .helpOption('-h, --help', words(CLI_USAGE.helpOption))
    .helpCommand('help [command]', words(CLI_USAGE.helpOption))
    .showHelpAfterError(words(CLI_USAGE.afterError))
    .configureOutput({ outputError: (text, write) => write(`${usageError(text.replace(/\n$/, ''), words)}\n`) });
  return words;
}

/** An option's description with its allowed values and default, as Commander shows them, in the run's words. */
function optionDescription(option: Option, words: HelpWords): string {
  // kaoping's options have neither preset values nor environment variables; Commander says those itself.
  if ((option.presetArg !== undefined && option.optional) || option.envVar !== undefined) return new Help().optionDescription(option);
  const choices = (option.argChoices ?? []).map((c) => JSON.stringify(c));
  const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
  const fallback = shown ? option.defaultValueDescription || JSON.stringify(option.defaultValue) : null;
  if (choices.length === 0 && fallback === null) return option.description;
  return words(CLI_USAGE.valueNotes, { description: option.description, choices, default: fallback });
}

const names = (list: string | undefined): string[] => (list === undefined ? [] : list.split(', '));

/** Commander's usage errors as it words them (14.0.3), each read into the catalogue's sentence. */
const USAGE_ERRORS: [RegExp, (m: RegExpMatchArray, words: HelpWords) => string][] = [
  [/^error: unknown option '(.*)'(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/, (m, w) => w(CLI_USAGE.unknownOption, { option: m[1]!, suggestions: names(m[2]) })],
  [/^error: unknown command '(.*)'(?:\n\(Did you mean (?:one of )?(.*)\?\))?$/, (m, w) => w(CLI_USAGE.unknownCommand, { command: m[1]!, suggestions: names(m[2]) })],
  [/^error: missing required argument '(.*)'$/, (m, w) => w(CLI_USAGE.missingArgument, { argument: m[1]! })],
  [/^error: required option '(.*)' not specified$/, (m, w) => w(CLI_USAGE.missingOption, { option: m[1]! })],
  [/^error: option '(.*)' argument missing$/, (m, w) => w(CLI_USAGE.missingOptionValue, { option: m[1]! })],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m, w) => w(CLI_USAGE.tooManyArguments, { command: m[1] ?? null, expected: Number(m[2]), got: Number(m[3]) }),
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
    (m, w) => w(CLI_USAGE.notAChoice, { option: m[1]!, value: m[2]!, choices: names(m[3]) }),
  ],
];

/** A usage error of Commander in the run's language; one it words otherwise is shown as it is. */
function usageError(text: string, words: HelpWords): string {
  for (const [pattern, say] of USAGE_ERRORS) {
    const m = text.match(pattern);
    if (m !== null) return say(m, words);
  }
  return text;
}
