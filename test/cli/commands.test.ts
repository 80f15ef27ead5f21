import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from 'json-rules-engine';
import { runCli } from './run-cli.js';
import { exportJsonRulesEngine, registerKaopingExtensions, type EngineLike } from '../../export/json-rules-engine.js';
import { compile } from '../../compiler/index.js';
import { evaluate } from '../../runtime/index.js';

const F = 'test/cli/fixtures';
const OLD = `${F}/small-2021.kp`;
const NEW = `${F}/small-2022.kp`;
const DATA = `${F}/small-data.json`;
const BUNDLED = ['policies/tax-provincial-2021', 'policies/tax-provincial-2022'];
const BUNDLED_DATA = 'policies/tax-provincial-2022/data/results.json';

describe('kaoping check', () => {
  it('exits 0 on a clean policy', async () => {
    const r = await runCli(['check', OLD]);
    expect([r.code, r.stdout]).toEqual([0, '0 errors, 0 warnings in 1 file\n']);
  });

  it('shows a syntax error with its place and a caret, and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-check-'));
    writeFileSync(path.join(dir, 'bad.kp'), readFileSync(OLD, 'utf8').replace('points 20 {', 'points 20'));
    const r = await runCli(['check', 'bad.kp'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^bad\.kp:\d+:\d+: error KP0\d{3}: /m);
    expect(r.stdout).toMatch(/\n\s+\^+\n/);
    const json = JSON.parse((await runCli(['check', '--format', 'json', 'bad.kp'], dir)).stdout);
    expect(json[0]).toMatchObject({ file: 'bad.kp', severity: 'error' });
  });

  it('names a missing file (exit 1) and rejects unknown options (exit 2)', async () => {
    expect(await runCli(['check', 'nowhere.kp'])).toMatchObject({ code: 1, stderr: 'kaoping: nowhere.kp: no such file or directory\n' });
    expect((await runCli(['check', '--bogus', OLD])).code).toBe(2);
    expect((await runCli([])).code).toBe(2);
  });
});

describe('kaoping build and eval', () => {
  it('builds the same graph bytes twice, with a trailing newline', async () => {
    const a = await runCli(['build', OLD]);
    expect(a.code).toBe(0);
    expect(a.stdout.endsWith('}\n')).toBe(true);
    expect((await runCli(['build', OLD])).stdout).toBe(a.stdout);
  });

  it('prints the ranking with hand-computed totals and writes results as json, csv and xlsx', async () => {
    // 河北: 完成率 88.5% → 11 whole steps × 0.2 = 2.2 off → 7.8; 重大舆情 −2 → 8; total 15.8.
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-eval-'));
    const r = await runCli(['eval', OLD, '--data', DATA, '--out', path.join(dir, 'r.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(1, 4)).toEqual([
      '名次  省级税务局   总分  税收改革发展  段次',
      '────  ──────────  ─────  ────────────  ──────',
      '   1  北京        20.00         20.00  第一段',
    ]);
    expect(r.stdout).toContain('   4  河北        15.80         15.80  第二段');
    const results = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(results.units.find((u: { id: string }) => u.id === '天津').total).toBe(19);
    for (const ext of ['csv', 'xlsx']) {
      expect((await runCli(['eval', OLD, '--data', DATA, '--out', path.join(dir, `r.${ext}`)])).code).toBe(0);
      expect(existsSync(path.join(dir, `r.${ext}`))).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'r.csv'), 'utf8')).toContain('省局,河北,,4,15.8,第二段,,15.8,7.8,8');
  });

  it('lists sections in declaration order, not by name or plan (特派办: 监督履职 is declared before 自身建设)', async () => {
    const r = await runCli(['eval', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021']);
    expect(r.code).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => l.startsWith('名次')).map((l) => l.split(/\s+/).slice(3));
    // then 省局's bonus, its tiers under the name the policy gives them and why gated or vetoed units are where they are; 特派办 has none
    expect(headers).toEqual([['监督履职', '自身建设'], ['党的全面领导', '各方多维评价', '工作运转保障', '税收改革发展', '创先争优', '年度分段', '年度分段说明']]);
    expect(r.stdout).toMatch(/\n {3}1 {2}国家税务总局驻沈阳特派员办事处 {2}97\.79 {5}69\.80 {5}27\.99\n/);
  });

  it('reports bad data by unit and field and evaluates nothing (exit 1)', async () => {
    const r = await runCli(['eval', OLD, '--data', `${F}/bad-data.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unit `北京` field `收入实绩`');
    expect(r.stdout).toBe('');
  });

  it('explains a unit in the language of messages: Chinese, or English with --lang en', async () => {
    const r = await runCli(['explain', OLD, '--data', DATA, '--unit', '河北', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('【组织收入】（税收改革发展，10分）得7.8分');
    const en = await runCli(['explain', OLD, '--data', DATA, '--unit', '河北']);
    expect(en.stdout).toContain('[组织收入] (税收改革发展, 10 points) scores 7.8 points');
  });

  it('refuses options that do not fit in the reader\'s language, Chinese with --lang zh', async () => {
    const zh = await runCli(['build', OLD, '--to', 'yaml', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--to yaml：应为 graph 或 sql');
    const en = await runCli(['build', OLD, '--to', 'yaml']);
    expect(en.stderr).toContain('--to yaml: expected graph or sql');
    const log = await runCli(['eval', OLD, '--data', DATA, '--log-data', '--lang', 'zh']);
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('--log-data 须与 --log DIR 同用');
  });
});

describe('kaoping diff', () => {
  it('matches the golden Markdown report (UPDATE_GOLDEN=1 regenerates it)', async () => {
    const r = await runCli(['diff', OLD, NEW, '--data', DATA, '--format', 'markdown']);
    expect(r.code).toBe(0);
    const golden = path.join(F, '..', 'golden', 'diff-small.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, r.stdout);
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
  });

  it('2021 → 2022 on the 2022 sample data matches the golden report (UPDATE_GOLDEN=1 regenerates it)', async () => {
    const r = await runCli(['diff', ...BUNDLED, '--data', BUNDLED_DATA, '--period', '2022', '--format', 'markdown']);
    expect(r.code).toBe(0);
    const golden = path.join(F, '..', 'golden', 'diff-2021-2022.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, r.stdout);
    expect(r.stdout).toBe(readFileSync(golden, 'utf8'));
    // each version leaves out the inputs only the other one reads, and the report says so (not a data warning)
    expect(r.stdout).toContain('- OLD: data items this version does not read were left out: 数电发票开票率');
    expect(r.stdout).toContain('- NEW: data items this version does not read were left out: 收入增幅, 经济增幅');
    expect(r.stderr).toBe('');
  });

  it('2021 → 2022 shows every change listed in CHANGES.md, and only its indicators move points', async () => {
    const report = (await runCli(['diff', ...BUNDLED, '--data', BUNDLED_DATA, '--period', '2022', '--format', 'markdown'])).stdout;
    const changes = readFileSync('policies/tax-provincial-2022/CHANGES.md', 'utf8')
      .split('\n')
      .filter((l) => /^\| \d+ \|/.test(l))
      .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    expect(changes.length).toBe(11);
    /** The report's block under `### [kind] NAME…` (up to the next heading of level 2 or 3). */
    const block = (name: string, suffix = '') => {
      const start = report.search(new RegExp(`^### \\[\\S+\\] ${name}( — \\S+)?${suffix.replace(/[()]/g, '\\$&')}$`, 'm'));
      expect([name, suffix, start >= 0]).toEqual([name, suffix, true]);
      const rest = report.slice(start + 4);
      const end = rest.search(/^##/m);
      return end < 0 ? rest : rest.slice(0, end);
    };
    const names = (where: string) => [...where.matchAll(/(?:板块|指标|分段) ([^\s,()]+)/g)].map((m) => m[1]!);
    const inputs = (where: string) => [...where.matchAll(/`(\S+?)`/g)].map((m) => m[1]!).filter((n) => !/[()=<>*]/.test(n));
    const moved = new Set<string>();
    for (const [, kind, where, before, after] of changes as [string, string, string, string, string][]) {
      switch (kind) {
        case 'weight moved': {
          const [name] = names(where);
          const points = (text: string) => /^(\d+)分/.exec(text)![1];
          expect(block(name!)).toContain(`| points | ${points(before)} | ${points(after)} |`);
          moved.add(name!);
          break;
        }
        case 'indicator added':
          for (const n of names(where)) (block(n, ' (added)'), moved.add(n));
          for (const n of inputs(where)) block(n, ' (added)');
          break;
        case 'indicators merged': {
          const [a, b, merged] = names(where);
          for (const n of [a!, b!]) (block(n, ' (removed)'), moved.add(n));
          block(merged!, ' (added)');
          moved.add(merged!);
          break;
        }
        case 'indicator removed':
          for (const n of names(where)) (block(n, ' (removed)'), moved.add(n));
          for (const n of inputs(where)) block(n, ' (removed)');
          break;
        case 'threshold raised': {
          const [name] = names(where);
          const from = (text: string) => /(\d+%)/.exec(text)![1]!;
          const text = block(name!);
          expect(text).toContain(`>= ${from(before)}: 2分`);
          expect(text).toContain(`>= ${from(after)}: 2分`);
          moved.add(name!);
          break;
        }
        case 'gate changed': {
          const share = (text: string) => /bottom (\d+%)/.exec(text)![1]!;
          const text = block(names(where)[0]!);
          expect(text).toContain(`党的全面领导 位列 后 ${share(before)}`);
          expect(text).toContain(`党的全面领导 位列 后 ${share(after)}`);
          break;
        }
        case 'period': {
          const [y1, y2] = [before.slice(0, 4), after.slice(0, 4)];
          expect(report).toContain(`| period ${y1} | ${y1}Q1, ${y1}Q2, ${y1}Q3, ${y1}Q4 依据 均值 | — |`);
          expect(report).toContain(`| period ${y2} | — | ${y2}Q1, ${y2}Q2, ${y2}Q3, ${y2}Q4 依据 均值 |`);
          break;
        }
        case 'header': {
          const [, name1, version1] = /"(.+)", version "(.+)"/.exec(before)!;
          const [, name2, version2] = /"(.+)", version "(.+)"/.exec(after)!;
          expect(report).toContain(`| name | ${name1} | ${name2} |`);
          expect(report).toContain(`| version | ${version1} | ${version2} |`);
          break;
        }
        default:
          throw new Error(`CHANGES.md lists a kind of change this test does not check: ${kind}`);
      }
    }
    // the indicators whose scores move are exactly those CHANGES.md changes (sections move with them)
    const movers = report.split('### Indicators that move points most')[1]!.split('###')[0]!;
    const rows = [...movers.matchAll(/^\| (\S+)(?: \((?:added|removed)\))? \| 省局 \|/gm)].map((m) => m[1]!);
    expect(rows.length).toBeGreaterThan(0);
    for (const name of rows) expect([name, moved.has(name)]).toEqual([name, true]);
  });

  it('works as a Git diff driver with seven arguments (path, old file, hex, mode, new file, hex, mode)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-driver-'));
    writeFileSync(path.join(dir, 'policy.kp'), readFileSync(NEW, 'utf8'));
    const [oldFile, newFile] = [path.resolve(OLD), path.resolve(NEW)];
    const r = await runCli(['diff', 'policy.kp', oldFile, '0'.repeat(40), '100644', newFile, '1'.repeat(40), '100644'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kaoping diff policy.kp');
    expect(r.stdout).toContain('组织收入 → 收入组织');
  });
  it('reads table data (a CSV folder, an .xlsx workbook) against each version\'s own inputs', async () => {
    // 2021 reads 收入增幅 and 经济增幅, which 2022 no longer declares: each version must read its own columns.
    const data = 'policies/tax-provincial-2021/data';
    const reportOn = async (file: string) => {
      const r = await runCli(['diff', ...BUNDLED, '--data', `${data}/${file}`, '--period', '2021', '--format', 'markdown']);
      expect([file, r.code, r.stderr.match(/^error.*/m)]).toEqual([file, 0, null]);
      return r.stdout.replace(`## Impact on ${data}/${file}, period 2021`, '## Impact');
    };
    const json = await reportOn('results.json');
    expect(json).toContain('### Units that change tier');
    expect(await reportOn('csv')).toBe(json);
    expect(await reportOn('results.xlsx')).toBe(json);
  });

  it('works as the diff driver of a real `git diff` of a renamed file (Git passes nine arguments)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-rename-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, KAOPING_LANG: 'zh' } });
    git('init', '-q');
    mkdirSync(path.join(dir, 'p'));
    writeFileSync(path.join(dir, 'p', 'policy.kp'), readFileSync(OLD, 'utf8'));
    writeFileSync(path.join(dir, '.gitattributes'), '*.kp diff=kaoping\n');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    git('mv', 'p/policy.kp', 'p/甲.kp');
    writeFileSync(path.join(dir, 'p', '甲.kp'), readFileSync(OLD, 'utf8').replace('0.2分', '0.3分'));
    const driver = `${process.execPath} ${path.resolve('cli/kaoping.mjs')} diff`;
    const out = git('-c', `diff.kaoping.command=${driver}`, '-c', 'core.quotePath=false', 'diff', '-M', 'HEAD');
    expect(out).toContain('kaoping diff p/policy.kp → p/甲.kp\n');
    // each side is the folder with that side's name of the file only (not both, which would declare everything twice)
    expect(out).not.toContain('does not compile');
    // in the reader's language (KAOPING_LANG), the rules in the file's own keywords
    expect(out).toContain('指标：修改 1 项');
    expect(out).toContain('score = 10分 - 0.3分 * steps(100% - 完成率, 1%, whole)');
  });
});

describe('kaoping --help', () => {
  it('lists the exit codes under every subcommand\'s help too', async () => {
    for (const command of ['check', 'fmt', 'build', 'eval', 'explain', 'test', 'diff', 'export']) {
      const r = await runCli([command, '--help']);
      expect([command, r.code]).toEqual([command, 0]);
      expect(r.stdout).toContain('Exit codes:\n  0  success\n  1  errors in the input (policy, data, files) or failed tests\n  2  usage error');
    }
  });
});

describe('kaoping export --to json-rules-engine', () => {
  it('gives the runtime\'s indicator scores when json-rules-engine runs the exported rules', async () => {
    const graph = compile([{ path: OLD, text: readFileSync(OLD, 'utf8') }]).graph!;
    const exported = exportJsonRulesEngine(graph);
    const cli = await runCli(['export', OLD, '--to', 'json-rules-engine']);
    expect(JSON.parse(cli.stdout).rules).toHaveLength(exported.rules.length);
    const data = JSON.parse(readFileSync(DATA, 'utf8'));
    const results = evaluate(graph, data).results!;
    for (const unit of data.units) {
      const engine = new Engine(exported.rules as never, exported.engineOptions);
      registerKaopingExtensions(engine as unknown as EngineLike);
      const { events } = await engine.run({ kind: unit.kind, ...unit.inputs });
      const byIndicator = Object.fromEntries(events.map((e) => [e.params!.indicator, e.params!.score]));
      const runtime = results.units.find((u) => u.id === unit.id)!;
      expect(byIndicator).toEqual(Object.fromEntries(Object.entries(runtime.indicators).map(([k, v]) => [k, v.score])));
    }
  });
});
