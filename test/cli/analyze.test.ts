// `kaoping analyze` (绩效分析): the statistics and flags of each indicator, hand-computed on a tiny policy,
// and the 满分 indicators of the bundled 2021 data flagged 绩效趋同.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';
import { compile } from '../../compiler/index.js';
import { checkDataset, readJsonDataset } from '../../runtime/data/dataset.js';
import { analyzeIndicators } from '../../runtime/results/indicator-analysis.js';
import { TEN_UNIT_DATA, TEN_UNIT_POLICY, policyFolder } from './ten-units.js';

const POLICY = TEN_UNIT_POLICY;
const DATA = TEN_UNIT_DATA;
const tiny = () => policyFolder(POLICY, DATA);

describe('indicator analysis (hand-computed on ten units)', () => {
  const { graph } = compile([{ path: 'p.kp', text: POLICY }]);
  const analysis = analyzeIndicators(graph!, checkDataset(graph!, readJsonDataset(DATA)));
  const of = (name: string) => analysis.indicators.find((a) => a.name === name)!;

  it('收入: distribution, spread, no flag; removing it changes the first tier', () => {
    const a = of('收入');
    expect([a.scored, a.quartiles, a.mean, a.fullShare, a.zeroShare, a.flags]).toEqual([10, [6, 7, 8, 9, 10], 8, 0.2, 0, []]);
    // deviations from 8: ±2 (4 units), ±1 (4 units), 0 (2 units): (4·4 + 4·1)/10 = 2 → sd √2, cv √2 / 8
    expect(a.sd).toBeCloseTo(Math.sqrt(2), 12);
    expect(a.cv).toBeCloseTo(Math.sqrt(2) / 8, 12);
    // totals = 收入 + 10 + 专项 (4 for 局10 only): 20 20 19 19 18 18 17 17 16 20, mean 18.4; with 收入's deviations
    // Σdx·dy = 12, Σdx² = 20, Σdy² = 18.4 → r = 12 / √368
    expect(a.correlation).toBeCloseTo(12 / Math.sqrt(368), 12);
    // 第一段 has 2 places (20% of 10); 局1, 局2 and 局10 tie at 20 and enter together. Without 收入 the section's
    // 24 points go to 声誉 and 专项 (10 of 14 → 17.14 for nine units, 14 of 14 → 24 for 局10): 局10 leads alone and
    // the nine tie behind it at the second place, so they enter 第一段 as a group: 局3–局9 change tier (7).
    expect(a.tierChanges).toBe(7);
  });

  it('声誉: everyone at full points (绩效趋同), one score for all (不区分), its deduction never made (从未扣分)', () => {
    const a = of('声誉');
    expect([a.fullShare, a.sd, a.correlation, a.flags, a.neverDeducted]).toEqual([1, 0, null, ['uniform_full', 'constant', 'never_deducted'], ['deduct 2分 when 舆情']]);
  });

  it('专项: nine of ten at zero (过于严苛)', () => {
    const a = of('专项');
    expect([a.zeroShare, a.fullShare, a.flags]).toEqual([0.9, 0.1, ['too_harsh']]);
  });
});

describe('thresholds a policy sets (绩效分析)', () => {
  const flags = (analysis: string) => {
    const { graph } = compile([{ path: 'p.kp', text: POLICY + analysis }]);
    return analyzeIndicators(graph!, checkDataset(graph!, readJsonDataset(DATA))).indicators.map((a) => [a.name, a.flags]);
  };

  it('replace the defaults: 收入 at 20% full points is 绩效趋同 from 20%, 专项 at 90% zero no longer 过于严苛 at 95%', () => {
    expect(flags('绩效分析 {\n  绩效趋同: 20%\n  过于严苛: 95%\n}\n')).toEqual([
      ['收入', ['uniform_full']],
      ['声誉', ['uniform_full', 'constant', 'never_deducted']],
      ['专项', []],
    ]);
  });

  it('keep the defaults for the thresholds not set; with at least 11 units scored, ten units raise no flag', () => {
    expect(flags('analysis {\n  min_scored: 11\n}\n')).toEqual([['收入', []], ['声誉', []], ['专项', []]]);
    expect(flags('analysis {\n  uniform_full: 95%\n}\n')).toEqual([
      ['收入', []],
      ['声誉', ['uniform_full', 'constant', 'never_deducted']],
      ['专项', ['too_harsh']],
    ]);
  });

  it('are written in the JSON analysis', async () => {
    const dir = tiny();
    writeFileSync(path.join(dir, 'p.kp'), POLICY + '绩效分析 { 过于严苛: 95% }\n');
    expect((await runCli(['analyze', 'p.kp', '--data', 'd.json', '--out', 't.json'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 't.json'), 'utf8')).thresholds).toEqual({ fullShare: 0.9, zeroShare: 0.95, minScored: 5 });
  });
});

describe('kaoping analyze', () => {
  it('prints a table per kind with the flags, and writes JSON, CSV and a styled workbook', async () => {
    const dir = tiny();
    const r = await runCli(['analyze', '--lang', 'zh', 'p.kp', '--data', 'd.json'], dir);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('局（3 个指标，2 个有提示）');
    const line = (name: string) => r.stdout.split('\n').find((l) => l.startsWith(name))!;
    expect(line('声誉')).toMatch(/100\.0% +0\.0% +— +0 +绩效趋同；不区分；从未扣分：「deduct 2分 when 舆情」$/);
    expect(line('专项')).toMatch(/过于严苛$/);
    expect(line('收入')).toMatch(/6\.00 \/ 7\.00 \/ 8\.00 \/ 9\.00 \/ 10\.00 +8\.00 +1\.41 +17\.7% +20\.0% +0\.0% +0\.63 +7$/);
    for (const f of ['a.json', 'a.csv', 'a.xlsx']) expect((await runCli(['analyze', '--lang', 'zh', 'p.kp', '--data', 'd.json', '--out', f], dir)).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'));
    expect(json.thresholds).toEqual({ fullShare: 0.9, zeroShare: 0.9, minScored: 5 });
    expect(json.indicators.map((a: { name: string; flags: string[] }) => [a.name, a.flags])).toEqual([
      ['收入', []],
      ['声誉', ['uniform_full', 'constant', 'never_deducted']],
      ['专项', ['too_harsh']],
    ]);
    expect(readFileSync(path.join(dir, 'a.csv'), 'utf8').split('\n')[0]).toBe(
      '\uFEFF类别,指标,板块,分值,参评,分布（最低/下四分位/中位/上四分位/最高）,平均,标准差,变异系数,满分率,零分率,与总分相关,去掉后换段,提示',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'a.xlsx'));
    const sheet = book.getWorksheet('局指标分析')!;
    expect(sheet.getCell(3, 9).value).toBe(1); // 声誉's 满分率
    expect(sheet.getCell(3, 9).numFmt).toBe('0.0%');
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
  });

  it('speaks English with --lang en, and by the locale without it: headings, columns, flags and sheets; names as the policy writes them', async () => {
    const dir = tiny();
    const r = await runCli(['analyze', '--lang', 'en', 'p.kp', '--data', 'd.json', '--out', 'e.xlsx'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'wrote e.xlsx\n']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('局 (3 indicators, 2 flagged)');
    expect(lines[1]).toMatch(/^indicator +section +points +scored +distribution \(min \/ Q1 \/ median \/ Q3 \/ max\) +mean +SD +CV +at full points +at zero +correlation with the total +tier changes without it +flags$/);
    expect(lines.find((l) => l.startsWith('声誉'))).toMatch(/ 0 +almost all at full points; one score for all; a deduction never made: `deduct 2分 when 舆情`$/);
    expect(lines.find((l) => l.startsWith('专项'))).toMatch(/ 1 +almost all at zero$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'e.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['局 analysis']);
    const sheet = book.getWorksheet('局 analysis')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['indicator', 'section', 'points']);
    expect([sheet.getCell(3, 1).value, sheet.getCell(4, 13).value]).toEqual(['声誉', 'almost all at zero']);
    // the en_US locale of the tests, without --lang: the same English CSV header
    expect((await runCli(['analyze', 'p.kp', '--data', 'd.json', '--out', 'e.csv'], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'e.csv'), 'utf8').split('\n')[0]).toBe(
      '\uFEFFkind,indicator,section,points,scored,distribution (min / Q1 / median / Q3 / max),mean,SD,CV,at full points,at zero,correlation with the total,tier changes without it,flags',
    );
  });

  it('flags the 满分 indicators of the bundled 2021 data: 意识形态工作 and 安全稳定, 35 of 36 省局 at full points', async () => {
    const r = await runCli(['analyze', '--lang', 'zh', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021']);
    expect(r.code).toBe(0);
    const flagged = r.stdout.split('\n').filter((l) => l.endsWith('绩效趋同'));
    expect(flagged.map((l) => l.split(/\s+/)[0])).toEqual(['意识形态工作', '安全稳定']);
    for (const l of flagged) expect(l).toContain('97.2%'); // 35 / 36
    const data = JSON.parse(readFileSync('policies/tax-provincial-2021/data/results.json', 'utf8'));
    expect(data.units.filter((u: { kind: string }) => u.kind === '省局')).toHaveLength(36);
  }, 60_000);

  it('flags no indicator fewer than 5 units are scored on (county 部门 indicators one 部门 has)', async () => {
    const r = await runCli(['analyze', '--lang', 'zh', 'policies/county-individual-2021', '--data', 'policies/county-individual-2021/data/results.json']);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('办税效率'))!;
    expect(line).toMatch(/ +30 +1 +30\.00 \/ 30\.00 \/ 30\.00 \/ 30\.00 \/ 30\.00 .* 100\.0% +0\.0% +— +—$/);
    // 学习提升: 108 of the 120 干部 at full points (90.0%) — flagged
    expect(r.stdout.split('\n').find((l) => l.startsWith('学习提升'))).toMatch(/ 120 .* 90\.0% .*绩效趋同$/);
  });

  it('refuses a period the data lacks (exit 1) and writes nothing', async () => {
    const dir = tiny();
    const byPeriod = { units: DATA.units.map(({ inputs, ...u }) => ({ ...u, periods: { '2021': inputs } })) };
    writeFileSync(path.join(dir, 'd.json'), JSON.stringify(byPeriod));
    expect((await runCli(['analyze', 'p.kp', '--data', 'd.json', '--period', '2021'], dir)).code).toBe(0);
    const r = await runCli(['analyze', 'p.kp', '--data', 'd.json', '--period', '2022', '--out', 'a.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/KR231/);
    expect(existsSync(path.join(dir, 'a.xlsx'))).toBe(false);
  });
});
