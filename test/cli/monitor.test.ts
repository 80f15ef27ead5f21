// `kaoping monitor` (预警) on the bundled 2021 provincial policy, hand-computed from its sample data: 双过半 raised
// for 北京 and not for 广东 at June, three months of decline for 江苏 and not for 北京, 风险应对 about to lose its
// points for 辽宁 and not for 安徽 in Q2; the files it writes; bad input refused with nothing written.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';

const POLICY = 'policies/tax-provincial-2021';
const MONTHLY = `${POLICY}/data/monthly.json`;
const RESULTS = `${POLICY}/data/results.json`;

/** The table rows of one unit (the terminal lists each warning on a line starting with the unit's id). */
const rowsOf = (stdout: string, unit: string) => stdout.split('\n').filter((l) => l.startsWith(`${unit} `));

describe('kaoping monitor on the 2021 provincial data', () => {
  it('2021M06: 双过半 and the trend over months, by unit and level', async () => {
    const r = await runCli(['monitor', '--lang', 'zh', POLICY, '--data', MONTHLY, '--period', '2021M06']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('预警 2021M06：2 条预警规则，检查 36 个单位；严重 16，预警 4，提示 0');
    expect(r.stdout.split('\n')[2]).toMatch(/^单位编号 +单位名称 +级别 +预警 +消息 +依据$/);
    // 北京: 2076.4991亿元 < 50% × 4200亿元 = 2100亿元; 2076.4991 / 4200 = 49.440…%
    expect(rowsOf(r.stdout, '北京')).toEqual([
      expect.stringMatching(/^北京 +国家税务总局北京市税务局 +严重 +收入双过半 +截至6月累计收入2076\.50亿元，仅完成年度收入预算4200\.00亿元的49\.44%，未过半 +累计收入 20,764,991万元；年度收入预算 42,000,000万元$/),
    ]);
    // 广东: 2612.3506亿元 ≥ 50% × 5200亿元 = 2600亿元: no 双过半; its progress rose in June (not three falls)
    expect(rowsOf(r.stdout, '广东')).toEqual([]);
    // 江苏 (budget 4600亿元): progress 1135.4415 / 1150 = 98.734% (March), 1512.0305 / 1533.33 = 98.611% (April),
    // 1887.4261 / 1916.67 = 98.474% (May), 2263.5496 / 2300 = 98.415% (June): three falls in a row
    const jiangsu = rowsOf(r.stdout, '江苏');
    expect(jiangsu.map((l) => l.split(/ {2,}/).slice(2, 5))).toEqual([
      ['严重', '收入双过半', '截至6月累计收入2263.55亿元，仅完成年度收入预算4600.00亿元的49.21%，未过半'],
      ['预警', '收入进度连续下滑', '收入进度完成率连续三个月下降，本月为98.42%'],
    ]);
    expect(jiangsu[1]).toMatch(/进度完成率（2021M05） 约98\.47%；进度完成率（2021M04） 约98\.61%；进度完成率（2021M03） 约98\.73%$/);
    // 北京's progress: 99.484% (March), 99.043%, 98.613%, 98.881% (June rose): no trend warning
    expect(rowsOf(r.stdout, '北京').some((l) => l.includes('收入进度连续下滑'))).toBe(false);
  });

  it('2021Q2: an indicator about to lose its points, and one already losing them', async () => {
    const r = await runCli(['monitor', '--lang', 'zh', POLICY, '--data', RESULTS, '--period', '2021Q2']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // 辽宁: 98.2% scores the full 2分 of 风险应对 and is 0.2% above its 98% line (within 0.5%)
    expect(rowsOf(r.stdout, '辽宁')).toEqual([
      expect.stringMatching(/^辽宁 +国家税务总局辽宁省税务局 +提示 +风险应对临界 +风险任务按期应对率98\.20%，高出98%的得分线仅0\.20%，再降即失1分 +风险任务应对率 98\.2%；风险应对 2分；距得分线 0\.2%$/),
    ]);
    // 安徽: 98.58% is 0.58% above the line: no notice
    expect(rowsOf(r.stdout, '安徽')).toEqual([]);
    // 厦门: 社保费征收率 94.21% → 2分 × (94.21% − 90%) / 10% = 0.842 → 0.84分
    expect(rowsOf(r.stdout, '厦门')[0]).toContain('社保费应缴尽缴率94.21%，本指标仅得0.84分（满分2分）');
  });

  it('speaks English on the terminal with --lang en (the locale of the tests): summary, headers, levels, grounds', async () => {
    const r = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M06', '--unit', '江苏']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('warnings 2021M06: 2 rules checked on 1 unit; 1 severe, 1 warning, 0 notice');
    expect(lines[2]).toMatch(/^id +name +level +warning +message +grounds$/);
    expect(rowsOf(r.stdout, '江苏').map((l) => l.split(/ {2,}/).slice(2, 4))).toEqual([['severe', '收入双过半'], ['warning', '收入进度连续下滑']]);
    expect(rowsOf(r.stdout, '江苏')[1]).toMatch(/进度完成率（2021M05） about 98\.47%; 进度完成率（2021M04） about 98\.61%; 进度完成率（2021M03） about 98\.73%$/);
  });

  it('--unit keeps one unit; a unit not in the data is refused with the closest id', async () => {
    const r = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M06', '--unit', '江苏']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^\S+ +国家税务总局/.test(l)).map((l) => l.split(' ')[0])).toEqual(['江苏', '江苏']);
    const bad = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M06', '--unit', '北平']);
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toBe(`kaoping: ${MONTHLY}: no unit 北平 in the data; did you mean 北京?\n`);
  });

  it('a period the data lacks: located message, exit 1, no file written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-monitor-'));
    const out = path.join(dir, 'w.csv');
    const r = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M07', '--out', out]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('error KR231: units: the data has no period `2021M07` (it has 2021M01, 2021M02, 2021M03, 2021M04, 2021M05, 2021M06)');
    expect(existsSync(out)).toBe(false);
  });

  it('an earlier month the trend needs is not in the data: said, not taken for "not raised"', async () => {
    const r = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M03']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning KR260: units: the data has no period `2020M12`, so warning `收入进度连续下滑` is not checked for `2021M03`\n');
    expect(r.stdout).toBe('warnings 2021M03: 0 rules checked on 0 units; 0 severe, 0 warning, 0 notice\n');
  });

  it('usage: --out of another kind of file is exit 2', async () => {
    const r = await runCli(['monitor', POLICY, '--data', MONTHLY, '--period', '2021M06', '--out', 'w.txt']);
    expect(r.code).toBe(2);
  });
});

describe('kaoping monitor files', () => {
  it('writes JSON with the explanation, CSV and a styled workbook with Chinese headers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-monitor-'));
    for (const f of ['w.json', 'w.csv', 'w.xlsx']) {
      const r = await runCli(['monitor', path.resolve(POLICY), '--data', path.resolve(RESULTS), '--period', '2021Q2', '--out', f], dir);
      expect([r.code, r.stderr]).toEqual([0, `wrote ${f}\n`]);
    }
    const json = JSON.parse(readFileSync(path.join(dir, 'w.json'), 'utf8'));
    expect(json.checked.map((c: { warning: string }) => c.warning)).toEqual(['风险应对临界', '社保费征收偏低']);
    const liaoning = json.warnings.find((w: { unit: string }) => w.unit === '辽宁');
    expect(liaoning).toMatchObject({ warning: '风险应对临界', level: 'notice', rule: '风险应对 == 2分 且 距得分线 < 0.5%' });
    expect(liaoning.steps).toEqual([
      { step: 'read', name: '风险任务应对率', value: { v: 0.982, dim: 'percent' } },
      { step: 'read', name: '风险应对', value: { v: 2, dim: 'points' } },
      { step: 'read', name: '距得分线', value: { v: 0.002, dim: 'percent' } },
    ]);
    const csv = readFileSync(path.join(dir, 'w.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('\uFEFF单位类别,单位编号,单位名称,级别,预警,消息,依据,规则');
    expect(csv.filter((l) => l.startsWith('省局,')).length).toBe(5);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'w.xlsx'));
    const sheet = book.getWorksheet('预警')!;
    const header = sheet.getRow(2);
    expect([header.getCell(1).value, header.getCell(4).value, header.getCell(6).value]).toEqual(['单位类别', '级别', '消息']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('English headers on request; CSV cells from the data neutralised against formulas', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-monitor-'));
    writeFileSync(path.join(dir, 'p.kp'), `体系 "p" 版本 "2021" { }
实体 局
输入 局 { 完成率: 百分比 }
板块 业务 适用 局 分值 10 {
  指标 完成 分值 10 { 周期 月度
    得分 = 10分 * 完成率 }
}
预警 偏低 适用 局 级别 提示 { 当 完成率 < 50%  消息 "完成率{完成率}" }
`);
    writeFileSync(path.join(dir, 'd.json'), JSON.stringify({ units: [{ id: '甲', kind: '局', name: '=HYPERLINK("http://x")', periods: { '2021M01': { 完成率: 0.4 } } }] }));
    const r = await runCli(['monitor', 'p.kp', '--data', 'd.json', '--period', '2021M01', '--out', 'w.csv', '--headers', 'en'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'w.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      '\uFEFFkind,id,name,level,warning,message,grounds,rule',
      `局,甲,"'=HYPERLINK(""http://x"")",notice,偏低,完成率40.00%,完成率 40%,完成率 < 50%`,
    ]);
  });
});
