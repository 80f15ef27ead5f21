// `kaoping recheck` (复核): corrected data evaluated against the data as it was; which inputs changed, and who
// changes total, rank and tier — hand-computed on the small policy and on the bundled 2021 data.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';

const SMALL = 'test/cli/fixtures/small-2021.kp';
const SMALL_DATA = 'test/cli/fixtures/small-data.json';
const TAX = 'policies/tax-provincial-2021';
const TAX_DATA = `${TAX}/data/results.json`;

function corrected(from: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-recheck-'));
  const file = path.join(dir, 'corrected.json');
  const text = readFileSync(from, 'utf8');
  const after = edit(text);
  expect(after).not.toBe(text);
  writeFileSync(file, after);
  return file;
}

/** The rows of the text table under `heading`, each cut into its cells (two spaces or more apart). */
function tableUnder(report: string, heading: string): string[][] {
  const lines = report.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('  ')) break;
    rows.push(line.trim().split(/ {2,}/));
  }
  return rows;
}

describe('kaoping recheck', () => {
  it('an input corrected moves a unit into the first tier (small policy, hand-computed)', async () => {
    // 天津: 收入实绩 95 of 100 is 5 whole steps below 100% → 10 − 5 × 0.2 = 9, total 19, rank 3, 第二段.
    // Corrected to 100: 0 steps → 10, total 20, tied first with 北京 and 山西; the 1 place of 第一段 (30% of 4,
    // half up) is reached by the tied group as a whole, so all three enter 第一段.
    const after = corrected(SMALL_DATA, (t) => t.replace('"收入实绩": 95,', '"收入实绩": 100,'));
    const r = await runCli(['recheck', '--lang', 'zh', SMALL, '--data', SMALL_DATA, '--data-after', after]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('数据变更：1 项，涉及 1 个单位\n');
    expect(tableUnder(r.stdout, '数据变更')).toEqual([['天津', '省局', '—', '收入实绩', '95元', '100元']]);
    expect(tableUnder(r.stdout, '换段的单位')).toEqual([['天津', '省局', '19', '20', '+1', '3 → 1', '第二段 → 第一段']]);
    // 1 point moved, over the 4 units that have the indicator: a mean change of +0.25
    expect(tableUnder(r.stdout, '指标得分变化')).toEqual([['组织收入', '省局', '1', '1', '+0.25', '天津 +1']]);
  });

  it('a corrected record lifts a veto: the unit moves up a tier and the last unit of that tier drops out (bundled 2021 data)', async () => {
    // 江苏's 舆情事件 was recorded 重大 (0 points off in 信访舆情, but the veto puts it in 第三段 at rank 27);
    // corrected to 一般: 0.3 off, total 76.48 − 0.30 = 76.18, still above 云南's 76.15, so rank 27 and, without the
    // veto, 第二段. 第二段 has 22 places (60% of 36): 深圳 (gated out of 第一段), ranks 13–26, and 28–35 less the
    // vetoed 贵州 filled them, 西藏 (35) the last; 江苏 now takes one, so 西藏 falls to 第三段.
    // (江苏's is the one 舆情事件 of 等级 重大 in the data)
    const after = corrected(TAX_DATA, (t) => t.replace('"等级": "重大"', '"等级": "一般"'));
    const r = await runCli(['recheck', '--lang', 'zh', TAX, '--data', TAX_DATA, '--data-after', after, '--period', '2021']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(tableUnder(r.stdout, '数据变更')).toEqual([
      ['国家税务总局江苏省税务局 (江苏)', '省局', '2021', '舆情事件', '1条', '1条', '删除（等级=重大）；新增（等级=一般）'],
    ]);
    expect(tableUnder(r.stdout, '换段的单位')).toEqual([
      ['国家税务总局江苏省税务局 (江苏)', '省局', '76.48', '76.18', '-0.3', '27', '第三段 → 第二段'],
      ['国家税务总局西藏自治区税务局 (西藏)', '省局', '64.12', '64.12', '0', '35', '第二段 → 第三段'],
    ]);
    const md = await runCli(['recheck', '--lang', 'zh', TAX, '--data', TAX_DATA, '--data-after', after, '--period', '2021', '--format', 'markdown']);
    expect(md.stdout).toContain('| 国家税务总局江苏省税务局 (江苏) | 省局 | 76.48 | 76.18 | -0.3 | 27 | 第三段 → 第二段 |');
    // the same tables as a workbook to publish: a sheet per section, its header frozen below the title
    const out = path.join(path.dirname(after), '复核.xlsx');
    expect((await runCli(['recheck', '--lang', 'zh', TAX, '--data', TAX_DATA, '--data-after', after, '--period', '2021', '--out', out])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['数据变更', '换段的单位', '总分、名次或分段变化的单位', '指标得分变化']);
    const moved = book.getWorksheet('换段的单位')!;
    expect(moved.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect((moved.getRow(3).values as unknown[]).slice(1)).toEqual(['国家税务总局江苏省税务局 (江苏)', '省局', '76.48', '76.18', '-0.3', '27', '第三段 → 第二段']);
  }, 60_000);

  it('says when nothing changed, and lists units only one side has', async () => {
    const same = await runCli(['recheck', '--lang', 'zh', SMALL, '--data', SMALL_DATA, '--data-after', SMALL_DATA]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('两份数据的输入值相同。');
    expect(same.stdout).toContain('换段：0 个单位');
    // in the reader's language: the same report in English with --lang en
    const english = await runCli(['recheck', '--lang', 'en', SMALL, '--data', SMALL_DATA, '--data-after', SMALL_DATA]);
    expect(english.stdout).toContain('The two data sets hold the same input values.');
    expect(english.stdout).toContain('tier changed: 0 units');
    expect(english.stdout).not.toMatch(/[\u4e00-\u9fff]{2}单位/);
    const fewer = corrected(SMALL_DATA, (t) => t.replace(/,\n\s*\{ "id": "山西"[^\n]*\}/, ''));
    const r = await runCli(['recheck', '--lang', 'zh', SMALL, '--data', SMALL_DATA, '--data-after', fewer]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`省局「山西」只在 ${SMALL_DATA} 中`);
  });

  it('names what is wrong, exit 1, nothing printed as a report: a missing file, a period the data lacks', async () => {
    const missing = await runCli(['recheck', SMALL, '--data', SMALL_DATA, '--data-after', 'no/such.json']);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([1, '', 'kaoping: no/such.json: no such file or directory\n']);
    const period = await runCli(['recheck', TAX, '--data', TAX_DATA, '--data-after', TAX_DATA, '--period', '2020Q1']);
    expect([period.code, period.stdout]).toEqual([1, '']);
    expect(period.stderr).toContain('error KR231: units: the data has no period `2020Q1` (it has 2021, 2021Q1, 2021Q2, 2021Q3, 2021Q4)');
    expect(period.stderr).toContain(`kaoping: ${TAX_DATA}: the data has 1 error; nothing was evaluated`);
    expect((await runCli(['recheck', SMALL, '--data', SMALL_DATA])).code).toBe(2);
    expect((await runCli(['recheck', SMALL, '--data', SMALL_DATA, '--data-after', SMALL_DATA, '--out', 'r.csv'])).code).toBe(2);
  });
});
