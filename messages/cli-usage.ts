// Commander's own words around the command's help (titles, the help and version options, what follows a usage
// error) and its usage errors, in Chinese and English. The English texts are Commander's, so an English run
// reads as Commander writes; cli/help.ts puts them in place.
import { say, zq } from './catalogue.js';

/** `a, b` → `(Did you mean a?)` / `(Did you mean one of a, b?)`: Commander's hint after an unknown name. */
const enSuggestion = (names: readonly string[]) =>
  names.length === 0 ? '' : `\n(Did you mean ${names.length > 1 ? 'one of ' : ''}${names.join(', ')}?)`;
const zhSuggestion = (names: readonly string[]) =>
  names.length === 0 ? '' : `\n（是不是${names.map(zq).join('、')}？）`;

export const CLI_USAGE = {
  usageTitle: say(() => '用法：', () => 'Usage:'),
  argumentsTitle: say(() => '参数：', () => 'Arguments:'),
  optionsTitle: say(() => '选项：', () => 'Options:'),
  globalOptionsTitle: say(() => '全局选项：', () => 'Global Options:'),
  commandsTitle: say(() => '命令：', () => 'Commands:'),
  helpOption: say(() => '显示命令的帮助', () => 'display help for command'),
  versionOption: say(() => '显示版本号', () => 'output the version number'),
  afterError: say(() => '（加 --help 查看用法）', () => '(run with --help for usage)'),
  // An option's description with what Commander adds after it: its allowed values and its default, as JSON.
  valueNotes: say(
    (p: { description: string; choices: readonly string[]; default: string | null }) =>
      `${p.description}（${[p.choices.length > 0 ? `可选：${p.choices.join('、')}` : '', p.default === null ? '' : `默认：${p.default}`].filter(Boolean).join('；')}）`,
    (p) => `${p.description}${p.description ? ' ' : ''}(${[p.choices.length > 0 ? `choices: ${p.choices.join(', ')}` : '', p.default === null ? '' : `default: ${p.default}`].filter(Boolean).join(', ')})`,
  ),
  unknownOption: say(
    (p: { option: string; suggestions: readonly string[] }) => `错误：未知的选项${zq(p.option)}${zhSuggestion(p.suggestions)}`,
    (p) => `error: unknown option '${p.option}'${enSuggestion(p.suggestions)}`,
  ),
  unknownCommand: say(
    (p: { command: string; suggestions: readonly string[] }) => `错误：未知的命令${zq(p.command)}${zhSuggestion(p.suggestions)}`,
    (p) => `error: unknown command '${p.command}'${enSuggestion(p.suggestions)}`,
  ),
  missingArgument: say((p: { argument: string }) => `错误：缺少必需的参数${zq(p.argument)}`, (p) => `error: missing required argument '${p.argument}'`),
  missingOption: say((p: { option: string }) => `错误：缺少必需的选项${zq(p.option)}`, (p) => `error: required option '${p.option}' not specified`),
  missingOptionValue: say((p: { option: string }) => `错误：选项${zq(p.option)}缺少值`, (p) => `error: option '${p.option}' argument missing`),
  tooManyArguments: say(
    (p: { command: string | null; expected: number; got: number }) =>
      `错误：${p.command === null ? '' : `${zq(p.command)}的`}参数过多：应为 ${p.expected} 个，实为 ${p.got} 个`,
    (p) => `error: too many arguments${p.command === null ? '' : ` for '${p.command}'`}. Expected ${p.expected} argument${p.expected === 1 ? '' : 's'} but got ${p.got}.`,
  ),
  notAChoice: say(
    (p: { option: string; value: string; choices: readonly string[] }) => `错误：选项${zq(p.option)}的值${zq(p.value)}无效，可选：${p.choices.join('、')}`,
    (p) => `error: option '${p.option}' argument '${p.value}' is invalid. Allowed choices are ${p.choices.join(', ')}.`,
  ),
} as const;
