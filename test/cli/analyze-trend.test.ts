// `kaoping analyze --periods` (绩效分析 over several periods): each indicator's figures per period, their change
// from the first period scoring it to the last, and the periods each flag was raised in — hand-computed on five
// units over three quarters, and on the bundled 2021 data checked against each quarter analysed alone.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';
import { compile } from '../../compiler/index.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { analyzeIndicators } from '../../runtime/results/indicator-analysis.js';
import { indicatorTrend, trendPeriods } from '../../runtime/results/indicator-trend.js';
import { policyFolder } from './ten-units.js';

// 收入 loses 1分 per whole 10 points below 100%; 声誉 loses 2分 on a 舆情 (none happens); 年度考核 is scored on a
// year only, so no quarter scores it.
const POLICY = `policy "趋" version "2021" { precision 2 }
entity 局
input 局 {
  完成率: percent
  舆情: bool missing default false
  年度分: number missing default 0
}
section 业务 for 局 points 30 {
  indicator 收入 points 10 {
    method 机考
    period quarterly
    score = 10分 - 1分 * steps(100% - 完成率, 10%, whole)
  }
  indicator 声誉 points 10 {
    method 人工
    period quarterly
    deduct 2分 when 舆情
  }
  indicator 年度考核 points 10 {
    method 人工
    period annual
    score = 年度分 * 1分
  }
}
`;

// 完成率 per quarter. 收入: Q1 10 10 10 10 9 (mean 9.8, 80% full); Q2 all 10 (mean 10, 100% full: 绩效趋同, 不区分);
// Q3 10 10 9 8 7 (a 5-point shortfall is no whole step; mean 8.8, 40% full).
const RATES: Record<string, number[]> = {
  '2021Q1': [1, 1, 1, 1, 0.85],
  '2021Q2': [1, 1, 1, 1, 1],
  '2021Q3': [1, 0.95, 0.85, 0.75, 0.65],
};
const DATA = {
  units: [0, 1, 2, 3, 4].map((k) => ({
    id: `局${k + 1}`,
    kind: '局',
    periods: Object.fromEntries(Object.entries(RATES).map(([p, r]) => [p, { 完成率: r[k] }])),
  })),
};

const tiny = () => policyFolder(POLICY, DATA);

describe('indicator trend (hand-computed on five units over three quarters)', () => {
  const { graph } = compile([{ path: 'p.kp', text: POLICY }]);
  const dataset = checkDataset(graph!, readJsonDataset(DATA));
  const trend = indicatorTrend(graph!, dataset, ['2021Q1', '2021Q2', '2021Q3']);
  const of = (name: string) => trend.indicators.find((t) => t.name === name)!;

  it('takes every period of the data by default, and leaves out an indicator no period scores', () => {
    expect(trendPeriods(graph!, dataset)).toEqual(['2021Q1', '2021Q2', '2021Q3']);
    expect(trend.ok).toBe(true);
    expect(trend.indicators.map((t) => t.name)).toEqual(['收入', '声誉']);
  });

  it('收入: mean 9.8 → 10 → 8.8 and 满分率 80% → 100% → 40%; flagged 绩效趋同 and 不区分 in 2021Q2 only', () => {
    const t = of('收入');
    expect(t.periods.map((a) => [a!.mean, a!.fullShare])).toEqual([[9.8, 0.8], [10, 1], [8.8, 0.4]]);
    expect(t.meanChange).toBeCloseTo(-1, 12);
    expect(t.fullShareChange).toBeCloseTo(-0.4, 12);
    expect(t.flags).toEqual([
      { flag: 'uniform_full', periods: ['2021Q2'] },
      { flag: 'constant', periods: ['2021Q2'] },
    ]);
  });

  it('声誉: 10 for all in every quarter: no change, three flags in every period', () => {
    const t = of('声誉');
    expect([t.meanChange, t.fullShareChange]).toEqual([0, 0]);
    expect(t.flags.map((f) => [f.flag, f.periods.length])).toEqual([['uniform_full', 3], ['constant', 3], ['never_deducted', 3]]);
  });

  it('a period the data lacks: not ok, the issue named by its period, no indicators', () => {
    const bad = indicatorTrend(graph!, dataset, ['2021Q1', '2021Q4']);
    expect([bad.ok, bad.indicators]).toEqual([false, []]);
    expect(bad.issues.some((i) => i.code === 'KR231' && i.message.startsWith('2021Q4: '))).toBe(true);
  });
});

describe('kaoping analyze --periods', () => {
  it('prints per kind the mean and 满分率 of each period, the changes and the flags with their periods', async () => {
    const dir = tiny();
    const r = await runCli(['analyze', '--lang', 'zh', 'p.kp', '--data', 'd.json', '--periods', 'all'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('局（2 个指标，2 个有提示）趋势 2021Q1、2021Q2、2021Q3');
    expect(lines[1]).toMatch(/^指标 +板块 +分值 +2021Q1 平均\/满分率 +2021Q2 平均\/满分率 +2021Q3 平均\/满分率 +平均变化 +满分率变化 +提示$/);
    const line = (name: string) => lines.find((l) => l.startsWith(name))!;
    expect(line('收入')).toMatch(/ 10 +9\.80 \/ 80\.0% +10\.00 \/ 100\.0% +8\.80 \/ 40\.0% +↓1\.00 +↓40\.0% +绩效趋同（2021Q2）；不区分（2021Q2）$/);
    expect(line('声誉')).toMatch(/10\.00 \/ 100\.0% +→0\.00 +→0\.0% +绩效趋同（每期）；不区分（每期）；从未扣分（每期）$/);
    expect(r.stdout).not.toContain('年度考核');
  });

  it('a listed order is kept: 2021Q3 before 2021Q1 turns the changes round', async () => {
    const r = await runCli(['analyze', '--lang', 'zh', 'p.kp', '--data', 'd.json', '--periods', '2021Q3,2021Q1'], tiny());
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').find((l) => l.startsWith('收入'))).toMatch(/8\.80 \/ 40\.0% +9\.80 \/ 80\.0% +↑1\.00 +↑40\.0%/);
  });

  it('writes JSON, CSV and a styled workbook with a column per figure and period', async () => {
    const dir = tiny();
    for (const f of ['t.json', 't.csv', 't.xlsx']) expect((await runCli(['analyze', '--lang', 'zh', 'p.kp', '--data', 'd.json', '--periods', 'all', '--out', f], dir)).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8'));
    expect(json.periods).toEqual(['2021Q1', '2021Q2', '2021Q3']);
    expect(json.indicators[0].periods.map((a: { scored: number; mean: number }) => [a.scored, a.mean])).toEqual([[5, 9.8], [5, 10], [5, 8.8]]);
    const csv = readFileSync(path.join(dir, 't.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(
      '\uFEFF类别,指标,板块,分值,' +
        ['2021Q1', '2021Q2', '2021Q3'].map((p) => `${p} 参评,${p} 平均,${p} 标准差,${p} 满分率,${p} 零分率`).join(',') +
        ',平均变化,满分率变化,提示',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 't.xlsx'));
    const sheet = book.getWorksheet('局指标趋势')!;
    // row 1 the title, row 2 the header, row 3 收入; columns: 指标 板块 分值, then 5 per period
    expect(sheet.getCell(2, 5).value).toBe('2021Q1 平均');
    expect(sheet.getCell(3, 5).value).toBe(9.8);
    expect(sheet.getCell(3, 5).numFmt).toBe('0.00');
    expect(sheet.getCell(3, 12).value).toBe(1); // 2021Q2 满分率
    expect(sheet.getCell(3, 12).numFmt).toBe('0.0%');
    expect(sheet.getCell(2, 1).font?.bold).toBe(true);
  });

  it('speaks English with --lang en: heading, columns, flags with their periods, the workbook', async () => {
    const dir = tiny();
    const r = await runCli(['analyze', '--lang', 'en', 'p.kp', '--data', 'd.json', '--periods', 'all', '--out', 't.xlsx'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'wrote t.xlsx\n']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('局 (2 indicators, 2 flagged), trend over 2021Q1, 2021Q2, 2021Q3');
    expect(lines[1]).toMatch(/^indicator +section +points +2021Q1 mean \/ at full points +.* +change of mean +change at full points +flags$/);
    expect(lines.find((l) => l.startsWith('收入'))).toMatch(/↓40\.0% +almost all at full points \(2021Q2\); one score for all \(2021Q2\)$/);
    expect(lines.find((l) => l.startsWith('声誉'))).toMatch(/a deduction never made \(every period\)$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 't.xlsx'));
    const sheet = book.getWorksheet('局 trend')!;
    expect([sheet.getCell(1, 1).value, sheet.getCell(2, 5).value, sheet.getCell(2, 8).value]).toEqual(['趋 2021Q1, 2021Q2, 2021Q3', '2021Q1 mean', '2021Q1 at zero']);
  });

  it('refuses one period, a period twice, and --period with --periods (exit 2)', async () => {
    const dir = tiny();
    const one = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--periods', '2021Q1'], dir);
    expect([one.code, one.stderr]).toEqual([2, expect.stringContaining('--periods 2021Q1: a trend needs at least two different periods (1 listed)')]);
    const twice = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--periods', '2021Q1,2021Q1'], dir);
    expect([twice.code, twice.stderr]).toEqual([2, expect.stringContaining('period 2021Q1 is listed twice')]);
    const both = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--periods', 'all', '--period', '2021Q1'], dir);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--period does not go with --periods')]);
    const zh = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--periods', '2021Q1', '--lang', 'zh'], dir);
    expect(zh.stderr).toContain('趋势至少需要两个不同的期间');
  });

  it('a period the data lacks: located by period, exit 1, nothing written', async () => {
    const dir = tiny();
    const r = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--periods', '2021Q1,2021Q4', '--out', 't.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2021Q4:\n.*KR231/);
    expect(r.stdout).toBe('');
    expect(existsSync(path.join(dir, 't.xlsx'))).toBe(false);
  });

  it('on the bundled 2021 data: the four quarters (not the year made of them), each as that quarter analysed alone', async () => {
    const r = await runCli(['analyze', '--lang', 'zh', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--periods', 'all', '--out', path.join(tiny(), 'q.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('省局（8 个指标，0 个有提示）趋势 2021Q1、2021Q2、2021Q3、2021Q4');
    const file = r.stderr.match(/已写入 (.*q\.json)/)![1]!;
    const written = JSON.parse(readFileSync(file, 'utf8'));
    const dir = 'policies/tax-provincial-2021';
    const { graph } = compile(readdirSync(dir).filter((f) => f.endsWith('.kp')).sort().map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') })));
    const data = checkDataset(graph!, readJsonDataset(JSON.parse(readFileSync('policies/tax-provincial-2021/data/results.json', 'utf8'))));
    for (const [k, p] of written.periods.entries()) {
      const alone = analyzeIndicators(graph!, data, p).indicators;
      expect(written.indicators.map((t: { periods: unknown[] }) => t.periods[k])).toEqual(JSON.parse(JSON.stringify(alone)));
    }
    // 预算执行 drifts from 32 of 36 省局 at full points in 2021Q1 to 15 in 2021Q4
    const budget = written.indicators.find((t: { name: string }) => t.name === '预算执行');
    expect([budget.periods[0].fullShare, budget.periods[3].fullShare]).toEqual([32 / 36, 15 / 36]);
  }, 60_000);
});
