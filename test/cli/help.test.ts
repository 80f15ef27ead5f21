// `kaoping --help` and Commander's usage errors in the reader's language: --lang (anywhere in the command line),
// else KAOPING_LANG, else the locale, Chinese by default; English reads as Commander writes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { kaopingProgram, main } from '../../cli/main.js';
import { LANGS, type Lang } from '../../messages/index.js';

const CJK = /[\u4e00-\u9fff]/;

async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = { out: (s) => (stdout += s), err: (s) => (stderr += s), cwd: process.cwd(), stderrIsTTY: false, env };
  const code = await main(argv, ctx);
  return { code, stdout, stderr };
}

const ZH_LOCALE = { LANG: 'zh_CN.UTF-8' };
const EN_LOCALE = { LANG: 'en_US.UTF-8' };

function expectChinese(program: string, command: string): void {
  expect(program).toMatch(/^用法： kaoping \[options\] \[command\]\n\n考评——绩效考评指标体系的规则即代码\n\n选项：\n/);
  expect(program).toContain('\n命令：\n  check [options] <path...>');
  expect(program).toMatch(/  -V, --version +显示版本号\n/);
  expect(program).toMatch(/  help \[command\] +显示命令的帮助\n/);
  expect(program).toContain('\n退出码：\n  0  成功\n  1  输入有错误（体系、数据、文件）或测试未通过\n  2  用法错误');
  expect(command).toMatch(/^用法： kaoping eval \[options\] <path>\n\n考评结果数据：各单位的总分、名次和段次\n\n参数：\n  path +考评体系文件夹/);
  expect(command).toMatch(/\n选项：\n  --data <file> +结果数据：/);
  expect(command).toMatch(/  --period <period> +考评的期间（如 2021 或 2021Q2）\n/);
  expect(command).toMatch(/  --headers <language> +--out 所写 CSV\/XLSX 的表头和标记的语言：zh（名次、总分、\n +免考）或 en（rank、total、exempt）（可选："zh"、"en"；默\n +认："zh"）\n/);
  expect(command).toMatch(/  -h, --help +显示命令的帮助\n/);
  expect(command).toContain('\n数据有错误（每个错误都指明单位、字段、文件和行）或 --skip-bad-units 跳过了所有单位时，退出码为 1。\n\n退出码：\n');
  for (const text of [program, command]) expect(text).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|Exit code/);
}

function expectEnglish(program: string, command: string): void {
  expect(program).toMatch(/^Usage: kaoping \[options\] \[command\]\n\n考评 — rules-as-code for performance-evaluation indicator systems\n\nOptions:\n/);
  expect(program).toContain('\nCommands:\n  check [options] <path...>');
  expect(program).toMatch(/  -V, --version +output the version number\n/);
  expect(program).toMatch(/  help \[command\] +display help for command\n/);
  expect(command).toMatch(/^Usage: kaoping eval \[options\] <path>\n\nevaluate result data: totals, ranks, tiers per unit\n\nArguments:\n  path +policy folder/);
  expect(command).toMatch(/  --period <period> +the period to evaluate \(e\.g\. 2021 or 2021Q2\)\n/);
  expect(command).toMatch(/  --top <n> +with --stream: how many units of each kind to show\n +\(default: "10"\)\n/);
  expect(command).toContain('\nExit codes:\n  0  success\n');
  for (const text of [program, command]) expect(text).not.toMatch(/用法|选项：|命令：|退出码/);
}

async function helpOf(argvTail: string[], env: Record<string, string>): Promise<[string, string]> {
  const program = await run(['--help', ...argvTail], env);
  const command = await run(['eval', '--help', ...argvTail], env);
  expect([program.code, command.code, program.stderr, command.stderr]).toEqual([0, 0, '', '']);
  return [program.stdout, command.stdout];
}

describe('kaoping --help and kaoping eval --help', () => {
  it('are Chinese in a Chinese locale, and where no locale is set', async () => {
    expectChinese(...(await helpOf([], ZH_LOCALE)));
    expectChinese(...(await helpOf([], {})));
    expectChinese(...(await helpOf([], { LANG: 'C.UTF-8' })));
  });

  it('are Chinese with --lang zh (before or after --help, or as --lang=zh) or KAOPING_LANG=zh in an English locale', async () => {
    expectChinese(...(await helpOf(['--lang', 'zh'], EN_LOCALE)));
    expectChinese((await run(['--lang=zh', '--help'], EN_LOCALE)).stdout, (await run(['eval', '--lang=zh', '--help'], EN_LOCALE)).stdout);
    expectChinese(...(await helpOf([], { ...EN_LOCALE, KAOPING_LANG: 'zh' })));
  });

  it('are English in an English locale, and with --lang en in a Chinese one', async () => {
    expectEnglish(...(await helpOf([], EN_LOCALE)));
    expectEnglish(...(await helpOf(['--lang', 'en'], ZH_LOCALE)));
    expectEnglish(...(await helpOf([], { ...ZH_LOCALE, KAOPING_LANG: 'en' })));
  });

  it('read a --lang after `--` as an argument, not the language', async () => {
    expect((await run(['eval', '--help', '--', '--lang', 'en'], ZH_LOCALE)).stdout).toMatch(/^用法：/);
  });

  it('follow the environment when --lang is neither zh nor en, which is refused as before when a command runs', async () => {
    expect((await run(['eval', '--help', '--lang', 'fr'], EN_LOCALE)).stdout).toMatch(/^Usage:/);
    const refused = await run(['check', 'x.kp', '--lang', 'fr'], EN_LOCALE);
    expect(refused).toEqual({ code: 2, stdout: '', stderr: 'kaoping: --lang 应为 zh 或 en，实为「fr」 / --lang must be zh or en, not "fr"\n' });
  });

  it('takes the program\'s --lang for the command run after it', async () => {
    const r = await run(['--lang', 'en', 'check', 'nowhere.kp'], ZH_LOCALE);
    expect(r).toMatchObject({ code: 1, stderr: 'kaoping: nowhere.kp: no such file or directory\n' });
  }, 60_000); // the first `check` loads the compiler
});

/** Every description the commands give Commander: the program's, each command's, its arguments' and options'. */
function descriptions(program: Command): Map<string, string> {
  const texts = new Map<string, string>([['kaoping', program.description()]]);
  for (const option of program.options) texts.set(`kaoping ${option.flags}`, option.description);
  for (const command of program.commands) {
    texts.set(command.name(), command.description());
    for (const argument of command.registeredArguments) texts.set(`${command.name()} <${argument.name()}>`, argument.description);
    for (const option of command.options) texts.set(`${command.name()} ${option.flags}`, option.description);
  }
  return texts;
}

/** The notes after each command's options (exit codes, the Git driver…), as its help prints them. */
async function notesAfter(name: string, lang: Lang): Promise<string> {
  const help = (await run([name, '--help', '--lang', lang], {})).stdout;
  return help.slice(help.lastIndexOf('  -h, --help'));
}

describe('every command', () => {
  const ctx: CliContext = { out: () => {}, err: () => {}, cwd: process.cwd(), stderrIsTTY: false, env: {} };
  const [zh, en] = LANGS.map((lang) => descriptions(kaopingProgram(ctx, lang, () => {})));

  it('describes itself, its arguments and its options in Chinese and in English', () => {
    expect([...zh!.keys()]).toEqual([...en!.keys()]);
    expect(zh!.size).toBeGreaterThan(100);
    for (const [what, chinese] of zh!) {
      const english = en!.get(what)!;
      expect([what, CJK.test(chinese), english.length > 0, chinese !== english]).toEqual([what, true, true, true]);
    }
  });

  it('has its notes after the options in both languages', async () => {
    const program = kaopingProgram(ctx, 'en', () => {});
    for (const name of program.commands.map((c) => c.name())) {
      const [chinese, english] = [await notesAfter(name, 'zh'), await notesAfter(name, 'en')];
      expect([name, chinese.includes('\n退出码：\n'), english.includes('\nExit codes:\n')]).toEqual([name, true, true]);
      // Chinese notes hold no English sentence (three English words in a row), but for quoted commands.
      const english3 = chinese.replace(/^ {2}git config .*$/m, '').match(/\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/);
      expect([name, english3?.[0] ?? null]).toEqual([name, null]);
    }
  });
});

describe('Commander\'s usage errors', () => {
  const cases: [string[], string, string][] = [
    [['check', '--formt', 'json', 'x.kp'], "error: unknown option '--formt'\n(Did you mean --format?)", '错误：未知的选项「--formt」\n（是不是「--format」？）'],
    [['chek', 'x.kp'], "error: unknown command 'chek'\n(Did you mean check?)", '错误：未知的命令「chek」\n（是不是「check」？）'],
    [['check'], "error: missing required argument 'path'", '错误：缺少必需的参数「path」'],
    [['explain', 'x.kp'], "error: required option '--unit <id>' not specified", '错误：缺少必需的选项「--unit <id>」'],
    [['build', 'x.kp', '--out'], "error: option '-o, --out <file>' argument missing", '错误：选项「-o, --out <file>」缺少值'],
    [['build', 'a.kp', 'b.kp'], "error: too many arguments for 'build'. Expected 1 argument but got 2.", '错误：「build」的参数过多：应为 1 个，实为 2 个'],
    [['check', '--format', 'xml', 'x.kp'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.", '错误：选项「--format <format>」的值「xml」无效，可选：text、json'],
  ];

  it.each(cases)('%j: as Commander words it in English, in Chinese by default, exit 2', async (argv, english, chinese) => {
    expect(await run(argv, EN_LOCALE)).toEqual({ code: 2, stdout: '', stderr: `${english}\n(run with --help for usage)\n` });
    expect(await run(argv, {})).toEqual({ code: 2, stdout: '', stderr: `${chinese}\n（加 --help 查看用法）\n` });
    expect((await run([argv[0]!, '--lang', 'zh', ...argv.slice(1)], EN_LOCALE)).stderr).toBe(`${chinese}\n（加 --help 查看用法）\n`);
  });
});

describe('the help\'s wrapping', () => {
  const ctx: CliContext = { out: () => {}, err: () => {}, cwd: process.cwd(), stderrIsTTY: false, env: {} };
  const help = kaopingProgram(ctx, 'zh', () => {}).createHelp();
  const width = (line: string) => help.displayWidth(line);

  it('counts a Chinese character as two columns', () => {
    expect(help.displayWidth('考评 kp')).toBe(7);
  });

  it('keeps every character, breaks Chinese between characters within the width, and no line begins with closing punctuation', () => {
    const word = fc.oneof(
      fc.constantFrom('考评', '体系', '单位', '（如', '2021）', '，', '。', '、'),
      fc.stringMatching(/^[a-z-]{1,12}$/),
    );
    // Words, each after a space or not; closing punctuation never after a space (it belongs to what is before it).
    const text = fc
      .array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 60 })
      .map((parts) => parts.map(([w, spaced], i) => (i > 0 && spaced && !/^[，。、）]/.test(w) ? ` ${w}` : w)).join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 40, max: 60 }), (input, columns) => {
        const lines = help.boxWrap(input, columns).split('\n');
        expect(lines.join('').replace(/\s/g, '')).toBe(input.replace(/\s/g, ''));
        for (const [i, line] of lines.entries()) {
          if (i > 0) expect([line, /^[，。、）]/.test(line)]).toEqual([line, false]);
          // Only one piece with no place to break in it may exceed the width, alone on its line: a run of narrow
          // characters (words written next to each other), with the wide character it is stuck to and closing marks.
          if (width(line) > columns) expect(line.trim()).toMatch(/^[a-z-]+\p{Script=Han}?[，。、）]*$/u);
        }
      }),
      { numRuns: 500, seed: 20261208, examples: [['a-aaaa--a----aa--a-a-aaaaa--aa--aaaa-a-a-', 40], ['考评 a-aaaa--a----aa--a-a-aaaaa--aa--aaaa-a-a-aaaa 体系', 40], ['a--a-a-----a--aa---aaa-a-aaaaa----aa---考评-', 40]] },
    );
  });
});
