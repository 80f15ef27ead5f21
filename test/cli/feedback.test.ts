// `kaoping feedback` (绩效改进建议书): a unit's standing, hand-computed on the bundled 2021 data (median, the tier
// above), where it lost most points with the same explanation `explain` gives, a gated unit told why, one page
// per unit for --all, and the page rendered and printed in Chromium.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';
import { printPage } from './printed-page.js';

const TAX = 'policies/tax-provincial-2021';
const DATA = `${TAX}/data/results.json`;
const ARGS = [TAX, '--data', DATA, '--period', '2021'];

async function feedback(...args: string[]): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-feedback-')), '建议书');
  const r = await runCli(['feedback', ...ARGS, ...args, '--out', dir]);
  expect([r.code, r.stderr.match(/error.*|kaoping:.*/g)]).toEqual([0, null]);
  return dir;
}

const paragraphs = (html: string) => [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]!);

describe('kaoping feedback: warnings in force', () => {
  it('a quarter the policy declares warnings for: 辽宁 told of its 风险应对 notice, in the page and the workbook', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-feedback-')), '建议书');
    const r = await runCli(['feedback', TAX, '--data', DATA, '--period', '2021Q2', '--unit', '辽宁', '--out', dir]);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, '辽宁.html'), 'utf8');
    expect(html).toContain('<h2>预警</h2>');
    expect(html).toContain('风险任务按期应对率98.20%，高出98%的得分线仅0.20%，再降即失1分');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, '辽宁.xlsx'));
    expect(book.getWorksheet('预警')!.getRow(3).values).toEqual([undefined, '提示', '风险应对临界', '风险任务按期应对率98.20%，高出98%的得分线仅0.20%，再降即失1分']);
  });

  it('the year, which no warning applies to: no 预警 section or sheet', async () => {
    const dir = await feedback('--unit', '辽宁');
    expect(readFileSync(path.join(dir, '辽宁.html'), 'utf8')).not.toContain('<h2>预警</h2>');
  });
});

describe('kaoping feedback', () => {
  it('河北: rank 13, 第二段, 0.02 below 第一段, 4.39 above the median; its largest loss explained as explain does', async () => {
    // The 36 省局 totals' median is the mean of the 18th and 19th, 陕西 79.88 and 厦门 78.87: 79.375 → 79.38;
    // 河北 83.76 − 79.375 = 4.385 → 4.39 (half up). 第一段's lowest total is 辽宁's 83.78 (12th): 0.02 more.
    const dir = await feedback('--unit', '河北');
    expect(readdirSync(dir).sort()).toEqual(['河北.html', '河北.xlsx']);
    const html = readFileSync(path.join(dir, '河北.html'), 'utf8');
    expect(paragraphs(html)).toEqual([
      '总分 83.76 分，在 36 个省局中列第 13 名。',
      '年度分段：第二段。',
      '同类单位总分中位数 79.38 分，本单位高出中位数 4.39 分。',
      '距第一段最低总分（83.78 分）还差 0.02 分。',
    ]);
    // 发票电子化改革 loses most (4 − 2.13 = 1.87), with the sentences of `kaoping explain --indicator`
    const explained = await runCli(['explain', ...ARGS, '--unit', '河北', '--indicator', '发票电子化改革', '--lang', 'zh']);
    const lines = explained.stdout.trimEnd().split('\n').slice(1).join('\n');
    expect(html).toContain(`<h3>发票电子化改革：失1.87分</h3>\n<pre>${lines}</pre>`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, '河北.xlsx'));
    const lost = book.getWorksheet('失分')!;
    expect((lost.getRow(3).values as unknown[]).slice(1, 6)).toEqual(['发票电子化改革', '税收改革发展', 4, 2.13, 1.87]);
    // numbers a reader can sum, shown at the indicator's precision
    expect([lost.getCell(3, 4).numFmt, lost.getCell(3, 5).numFmt]).toEqual(['0.00', '0.00']);
    const result = book.getWorksheet('考评结果')!;
    const facts = Object.fromEntries([...Array(result.rowCount - 2).keys()].map((k) => [result.getCell(k + 3, 1).value, result.getCell(k + 3, 2).value]));
    expect(facts).toMatchObject({ 总分: '83.76', 名次: '13 / 36', 年度分段: '第二段', 中位数: '79.38', 与中位数之差: '+4.39', 距第一段最低总分: '-0.02' });
  }, 60_000);

  it('深圳: above 第一段\'s lowest total, kept out by the gate, and told so', async () => {
    const html = readFileSync(path.join(await feedback('--unit', '深圳'), '深圳.html'), 'utf8');
    expect(paragraphs(html)).toEqual([
      '总分 85.65 分，在 36 个省局中列第 9 名。',
      '年度分段：第二段（不得进入第一段（非 第一段 当 党的全面领导 位列 后 10%））。',
      '同类单位总分中位数 79.38 分，本单位高出中位数 6.28 分。',
      '总分已不低于第一段最低总分（83.78 分），未进入第一段是因为上述限制或否决。',
    ]);
    expect(html).toContain('限制「非 第一段 当 党的全面领导 位列 后 10%」成立，不得进入第一段');
  });

  it('--all: a page and a workbook per unit of every kind', async () => {
    const files = readdirSync(await feedback('--all'));
    expect(files).toHaveLength(2 * 54);
    expect(files).toContain('驻沈阳.html');
    expect(files).toContain('浙江.xlsx');
  }, 60_000);

  it('refuses a unit not in the data (exit 1) and a call without --unit or --all (exit 2), writing nothing', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-feedback-')), 'out');
    const r = await runCli(['feedback', ...ARGS, '--unit', '澳门', '--out', dir]);
    expect([r.code, r.stderr.trim()]).toEqual([1, `kaoping: ${DATA}: no unit 澳门 in the data; did you mean 厦门?`]);
    expect(existsSync(dir)).toBe(false);
    // in the analyst's language by default, the closest id suggested
    const zh = await runCli(['feedback', ...ARGS, '--unit', '河被', '--out', dir, '--lang', 'zh']);
    expect([zh.code, zh.stderr.trim()]).toEqual([1, `kaoping: ${DATA}：数据中没有单位「河被」；是否指「河北」？`]);
    const neither = await runCli(['feedback', ...ARGS, '--out', dir, '--lang', 'zh']);
    expect([neither.code, neither.stderr.trim()]).toEqual([2, 'kaoping: feedback 需要 --unit U 或 --all（二者取一）']);
    expect((await runCli(['feedback', ...ARGS, '--out', dir])).code).toBe(2);
    expect((await runCli(['feedback', ...ARGS, '--unit', '河北', '--all', '--out', dir])).code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it('renders in Chromium with nothing fetched, Chinese in a CJK font, and prints to PDF', async () => {
    const file = path.join(await feedback('--unit', '深圳'), '深圳.html');
    const printed = await printPage(file, 'feedback-深圳', async (page) => {
      await expect(page.locator('h2').first().textContent()).resolves.toBe('考评结果');
    });
    expect(printed.requests).toHaveLength(1);
    expect(printed.headingFonts.map((f) => f.familyName)).toContain('WenQuanYi Micro Hei');
    expect(printed.headingFonts.reduce((n, f) => n + f.glyphCount, 0)).toBe([...printed.headingText].length);
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed.pdfPages).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
