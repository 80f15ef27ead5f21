// `kaoping new-version`: last year's policy copied with version, name and periods bumped and nothing else,
// so its tests pass and the semantic diff shows no rule change; existing folders and non-policies are refused.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { semanticDiff } from '../../review/semantic-diff.js';
import { newVersion } from '../../dsl/new-version.js';
import { runCli, type CliRun } from './run-cli.js';

const SRC = path.resolve('policies/tax-provincial-2021');

function sourcesOf(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
}

describe('kaoping new-version on a bundled policy', () => {
  const dest = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-new-version-')), 'tax-provincial-2022-draft');
  let made: CliRun;
  beforeAll(async () => {
    made = await runCli(['new-version', SRC, dest, '--version', '2022', '--lang', 'zh']);
  });

  it('copies every source, test and fixture, and prints the next steps in Chinese', () => {
    expect(made.code).toBe(0);
    expect(readdirSync(dest).sort()).toEqual(readdirSync(SRC).filter((f) => f.endsWith('.kp')).sort());
    expect(existsSync(path.join(dest, 'data'))).toBe(false);
    expect(made.stdout).toContain('版本："2021" → "2022"');
    expect(made.stdout).toContain(`运行测试：kaoping test ${dest}`);
    expect(made.stdout).toContain(`审阅变化：kaoping diff ${SRC} ${dest}`);
    // the header comment still says 2021: listed for review, not rewritten
    expect(made.stdout).toMatch(/体系\.kp:1 {2}# 税务绩效管理2021年版/);
  });

  it('changes only the version, the year in the name and the periods', () => {
    for (const f of readdirSync(dest).filter((x) => x !== '体系.kp')) {
      expect(readFileSync(path.join(dest, f), 'utf8'), f).toBe(readFileSync(path.join(SRC, f), 'utf8'));
    }
    const before = readFileSync(path.join(SRC, '体系.kp'), 'utf8').split('\n');
    const after = readFileSync(path.join(dest, '体系.kp'), 'utf8').split('\n');
    const changed = after.flatMap((l, i) => (l === before[i] ? [] : [l]));
    expect(changed).toEqual(['体系 "税务绩效管理2022年版" 版本 "2022" {', '期间 2022 从 2022Q1, 2022Q2, 2022Q3, 2022Q4 依据 均值']);
  });

  it('has no rule change in the semantic diff against its origin', async () => {
    const diff = semanticDiff(compile(sourcesOf(SRC)).graph!, compile(sourcesOf(dest)).graph!);
    expect(diff.changes).toEqual([]);
    expect(diff.kinds).toEqual({ added: [], removed: [] });
    expect(diff.policy.map((f) => f.field)).toEqual(['name', 'version']);
    const r = await runCli(['diff', SRC, dest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No rule changes (only the policy header and periods differ).');
  });

  it("passes the origin's tests", async () => {
    const r = await runCli(['test', dest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n(\d+) passed, 0 failed\n$/);
  });

  it('refuses to overwrite an existing folder, and leaves it as it was', async () => {
    writeFileSync(path.join(dest, '体系.kp'), 'kept');
    const r = await runCli(['new-version', SRC, dest, '--version', '2023', '--lang', 'zh']);
    const en = await runCli(['new-version', SRC, dest, '--version', '2023']);
    expect(en.stderr).toBe(`kaoping: ${dest}: already exists and is not overwritten; choose a new folder\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`kaoping: ${dest}：已存在，不会覆盖；请换一个新文件夹\n`);
    expect(readFileSync(path.join(dest, '体系.kp'), 'utf8')).toBe('kept');
  });
});

describe('kaoping new-version refuses what is not a policy', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'kaoping-not-policy-'));

  it('a folder of .kp files without a policy header, a file, a folder without sources, a version without a year', async () => {
    mkdirSync(path.join(tmp, 'no-header'));
    writeFileSync(path.join(tmp, 'no-header', 'a.kp'), 'entity 省局\n');
    mkdirSync(path.join(tmp, 'empty'));
    const cases = [
      [['no-header', 'out1'], 'kaoping: no-header：没有「体系」声明（policy），不是考评体系\n'],
      [['no-header/a.kp', 'out2'], 'kaoping: no-header/a.kp：不是考评体系文件夹\n'],
      [['empty', 'out3'], 'kaoping: empty：此文件夹中没有 .kp 文件\n'],
      [[SRC, 'out4', '--version', 'draft'], 'kaoping: --version draft：版本中没有年份（如 2022），无法推算新的考评期间\n'],
    ] as const;
    for (const [args, message] of cases) {
      const r = await runCli(['new-version', ...args, ...(args.length === 2 ? ['--version', '2022'] : []), '--lang', 'zh'], tmp);
      expect([r.code, r.stderr]).toEqual([1, message]);
    }
    expect(readdirSync(tmp).sort()).toEqual(['empty', 'no-header']);
  });
});

describe('newVersion (the edits)', () => {
  const source = [
    '# 2021年度',
    'policy "考评2021年版" version "2021" { }',
    'param 基期2021 = "2021年目标"',
    'periods 2021 from 2021H1, 2021H2 by sum',
    'test "t" { 省局 甲 { 截止: 2021-06-30 } }',
  ].join('\n');

  it('bumps the header and the periods at their tokens and lists, but keeps, other mentions of the year', () => {
    const r = newVersion([{ path: 'p.kp', text: source }], '2022');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sources[0]!.text.split('\n')).toEqual([
      '# 2021年度',
      'policy "考评2022年版" version "2022" { }',
      'param 基期2021 = "2021年目标"',
      'periods 2022 from 2022H1, 2022H2 by sum',
      'test "t" { 省局 甲 { 截止: 2021-06-30 } }',
    ]);
    expect(r.edits.map((e) => [e.what, e.line])).toEqual([['version', 2], ['name', 2], ['period', 4]]);
    expect(r.mentions.map((m) => [m.line, m.text])).toEqual([[1, '# 2021年度'], [3, '基期2021'], [3, '"2021年目标"']]);
  });

  it('leaves a name without the year and periods of other years as they are', () => {
    const r = newVersion([{ path: 'p.kp', text: 'policy "考评" version "v2021" { }\nperiods 2021 from 2020M12, 2021M01 by last\n' }], 'v2022');
    expect(r.ok && r.sources[0]!.text).toBe('policy "考评" version "v2022" { }\nperiods 2022 from 2020M12, 2022M01 by last\n');
  });
});
