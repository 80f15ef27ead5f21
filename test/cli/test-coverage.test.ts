// `kaoping test --coverage`: the printed tree (golden, Chinese and English), the JSON form, and the policy's
// declared minimum enforced by `kaoping test`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/cli/fixtures/partly-tested';
const golden = (name: string) => path.join('test/cli/golden', name);

function matchesGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kaoping-coverage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fixture with its tests replaced, in a folder of its own. */
function variant(name: string, tests: string, minimums?: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  let policy = readFileSync(path.join(FIXTURE, '体系.kp'), 'utf8');
  if (minimums !== undefined) policy = policy.replace(/测试覆盖 指标 >= 100%\n\n测试覆盖 >= 90%\n/, minimums);
  writeFileSync(path.join(dir, '体系.kp'), policy);
  writeFileSync(path.join(dir, '测试.kp'), tests);
  return dir;
}

describe('kaoping test --coverage', () => {
  it('prints the tree in Chinese, naming where each untested rule is written (golden)', async () => {
    const r = await runCli(['test', '--coverage', '--lang', 'zh', FIXTURE]);
    matchesGolden('coverage-tree.zh.txt', r.stdout);
    expect(r.stdout).toContain('✗ 分档  >= 90%: 6分  test/cli/fixtures/partly-tested/体系.kp:21:33');
    expect(r.code).toBe(1); // the branches are below the declared 90%
  });

  it('prints the tree in English with --lang en (golden)', async () => {
    const r = await runCli(['test', '--coverage', '--lang', 'en', FIXTURE]);
    matchesGolden('coverage-tree.en.txt', r.stdout);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('gives the coverage as JSON with --json', async () => {
    const r = await runCli(['test', '--coverage', '--json', FIXTURE]);
    const out = JSON.parse(r.stdout);
    expect(out.passed).toBe(1);
    const cov = out.policies[0].coverage;
    expect(cov.indicators).toEqual({ reached: 3, total: 3 });
    expect(cov.branches).toEqual({ reached: 7, total: 14 });
    const 收入 = cov.groups[0].indicators[0];
    expect(收入.elements.map((e: { what: string; tests: number }) => `${e.what}:${e.tests}`)).toEqual(['band_arm:1', 'band_arm:0', 'band_else:1']);
    expect(out.policies[0].belowMinimum).toMatchObject([{ measure: 'branches', minimum: 0.9, percent: 50, line: 17, column: 1 }]);
  });
});

describe("a policy's declared minimum", () => {
  it('fails `kaoping test` below it, even without --coverage, and says which declaration', async () => {
    const r = await runCli(['test', '--lang', 'en', FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("test/cli/fixtures/partly-tested/体系.kp:17:1: branch test coverage 50% is below the policy's declared minimum of 90%");
    expect(r.stdout).not.toContain('test coverage:'); // the tree only with --coverage
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
  });

  it('passes when the tests reach it', async () => {
    const dir = variant('met', readFileSync(path.join(FIXTURE, '测试.kp'), 'utf8'), '测试覆盖 指标 >= 100%\n\n测试覆盖 分支 >= 50%\n');
    const r = await runCli(['test', dir]);
    expect(r.stdout).not.toContain('below');
    expect(r.code).toBe(0);
  });

  it('fails on indicator coverage when a test leaves an indicator out', async () => {
    const tests = '测试 "只测收入" {\n  县局 甲 { 完成率: 100%, 事故: 0件, 培训率: 100% }\n  预期 甲.收入 == 10分\n}\n';
    const r = await runCli(['test', '--lang', 'en', variant('indicators', tests, '测试覆盖 指标 >= 100%\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/体系\.kp:15:1: indicator test coverage 33\.3% is below the policy's declared minimum of 100%/);
  });

  it('is not computed for a policy that declares none', async () => {
    const r = await runCli(['test', variant('none', readFileSync(path.join(FIXTURE, '测试.kp'), 'utf8'), '')]);
    expect(r.code).toBe(0);
  });
});
