// `kaoping bulletin` (通报): the ranking with each unit's movement since the previous period (hand-checked on the
// bundled quarters), tier counts and gated/vetoed units on the year, a styled workbook read back, and the HTML
// page rendered and printed to PDF in real Chromium with its Chinese text shaped in a CJK font.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { printPage } from './printed-page.js';
import { runCli } from './run-cli.js';
import { buildBulletin, movement } from '../../reports/bulletin.js';
import { compile } from '../../compiler/index.js';
import { evaluate } from '../../runtime/index.js';

const TAX = 'policies/tax-provincial-2021';
const DATA = `${TAX}/data/results.json`;

async function bulletin(file: string, ...args: string[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bulletin-'));
  const out = path.join(dir, file);
  const r = await runCli(['bulletin', '--lang', 'zh', TAX, '--data', DATA, ...args, '--out', out]);
  expect([r.code, r.stderr.match(/error.*|kaoping:.*/g)]).toEqual([0, null]);
  return out;
}

/** The cells of a sheet's rows below its header, as values. */
function rowsOf(sheet: ExcelJS.Worksheet, headerRow: number): Record<string, unknown>[] {
  const header = (sheet.getRow(headerRow).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  }
  return rows;
}

describe('movement since the previous period', () => {
  it('reads ↑ for a better place, ↓ for a worse one, — for the same, 新 for a unit not ranked then', () => {
    expect([movement(5, 2), movement(2, 4), movement(3, 3), movement(null, 1), movement(undefined, 7), movement(4, null)]).toEqual(['↑3', '↓2', '—', '新', '新', '']);
  });
});

describe('kaoping bulletin', () => {
  it('2021Q2 against 2021Q1: 辽宁 moves up 8 places (hand-checked), in a styled workbook', async () => {
    // 辽宁's quarter totals are its quarterly sections: 2021Q1 1.50 + 3.00 + 15.60 = 20.10, below nine units
    // (新疆 21.96 … 江西 20.16), so 10th; 2021Q2 1.50 + 4.00 + 16.19 = 21.69, below 新疆's 22.96 only, so 2nd: ↑8.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await bulletin('通报.xlsx', '--period', '2021Q2', '--previous', '2021Q1'));
    // 特派办 has no quarterly indicator: left out of a quarter's bulletin (the title says so)
    expect(book.worksheets.map((s) => s.name)).toEqual(['省局排名', '省局指标', '受限与否决']);
    const sheet = book.getWorksheet('省局排名')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('税务绩效管理2021年版 考评通报（2021Q2），名次变动与 2021Q1 比较；特派办：2021Q2没有考评的指标');
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, xSplit: 4 });
    const rows = rowsOf(sheet, 2);
    const liaoning = rows.find((r) => r.单位编号 === '辽宁')!;
    expect(liaoning).toMatchObject({ 名次: 2, 变动: '↑8', 单位名称: '国家税务总局辽宁省税务局', 总分: 21.69, 党的全面领导: 1.5, 工作运转保障: 4, 税收改革发展: 16.19 });
    // the quarter evaluates neither 各方多维评价 nor the tiers: no such columns
    expect(Object.keys(liaoning)).not.toContain('各方多维评价');
    expect(Object.keys(liaoning)).not.toContain('年度分段');
    expect(rows.find((r) => r.单位编号 === '新疆')).toMatchObject({ 名次: 1, 变动: '—' });
    const row = sheet.getRows(3, rows.length)!.find((r) => r.getCell(3).value === '辽宁')!;
    expect(row.getCell(5).numFmt).toBe('0.00');
    // every indicator of the quarter with its best and worst units, best ≥ mean ≥ worst (exempt units not counted)
    const indicatorSheet = book.getWorksheet('省局指标')!;
    const indicators = rowsOf(indicatorSheet, 2);
    expect(indicators.length).toBeGreaterThan(3);
    // scores are numbers, each shown at its indicator's precision: 预算执行 at 2 places, 信息系统运维 at 1
    const formats = (name: string) => {
      const at = 3 + indicators.findIndex((i) => i.指标 === name);
      return [5, 6, 8].map((c) => [indicatorSheet.getCell(at, c).value, indicatorSheet.getCell(at, c).numFmt]);
    };
    expect(formats('预算执行')).toEqual([[1.89, '0.00'], [2, '0.00'], [1.4, '0.00']]);
    expect(formats('信息系统运维')).toEqual([[1.3, '0.0'], [2, '0.0'], [1, '0.0']]);
    for (const i of indicators) {
      expect(Number(i.最高)).toBeGreaterThanOrEqual(Number(i.平均));
      expect(Number(i.平均)).toBeGreaterThanOrEqual(Number(i.最低));
      expect(i.参评单位数).toBeGreaterThan(0);
      expect(i.参评单位数).toBeLessThanOrEqual(36);
    }
  }, 60_000);

  it('the year: tier counts and every gated or vetoed unit with the reason', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await bulletin('通报.xlsx', '--period', '2021'));
    // 36 units: 第一段 30% → 10.8 → 11 places, 第二段 60% → 21.6 → 22, 第三段 the rest (江苏, 贵州 vetoed, 海南).
    const counts = rowsOf(book.getWorksheet('分段统计')!, 2).map((r) => [r.类别, r.段, r.单位数]);
    expect(counts).toEqual([['省局', '第一段', 11], ['省局', '第二段', 22], ['省局', '第三段', 3]]);
    const flagged = rowsOf(book.getWorksheet('受限与否决')!, 2);
    expect(flagged.map((r) => r.单位编号)).toEqual(['深圳', '厦门', '重庆', '江苏', '贵州', '甘肃', '西藏', '海南']);
    expect(flagged.find((r) => r.单位编号 === '深圳')).toMatchObject({ 名次: 9, 段: '第二段', 原因: '不得进入第一段（非 第一段 当 党的全面领导 位列 后 10%）' });
    expect(flagged.find((r) => r.单位编号 === '江苏')).toMatchObject({ 名次: 27, 段: '第三段', 原因: '一票否决（否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大)）' });
  });

  it('renders as one self-contained page in Chromium, Chinese shaped in a CJK font, and prints to PDF', async () => {
    const file = await bulletin('通报.html', '--period', '2021Q2', '--previous', '2021Q1');
    const html = readFileSync(file, 'utf8');
    // nothing fetched: no script, no link, no URL
    expect(html).not.toMatch(/<script|<link|https?:|src=/i);
    const printed = await printPage(file, 'bulletin-2021Q2', async (page) => {
      const row = page.locator('tr', { hasText: '国家税务总局辽宁省税务局' });
      await expect(row.locator('td.up').textContent()).resolves.toBe('↑8');
      expect(await page.locator('svg.chart rect').count()).toBeGreaterThanOrEqual(36);
    });
    expect(printed.requests).toEqual([`file://${encodeURI(file)}`]);
    // The heading's glyphs come from a CJK font installed on the machine, not from boxes of a fallback.
    expect(printed.headingFonts.map((f) => f.familyName)).toContain('WenQuanYi Micro Hei');
    expect(printed.headingFonts.reduce((n, f) => n + f.glyphCount, 0)).toBe([...printed.headingText].length);
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed.pdfPages).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('speaks English with --lang en: the workbook read back, and the page\'s text; names from the policy and the data as written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bulletin-'));
    const run = (period: string, out: string, ...more: string[]) => runCli(['bulletin', '--lang', 'en', TAX, '--data', DATA, '--period', period, ...more, '--out', path.join(dir, out)]);
    expect((await run('2021Q2', 'b.xlsx', '--previous', '2021Q1')).stderr).toContain(`wrote ${path.join(dir, 'b.xlsx')}\n`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'b.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['省局 ranking', '省局 indicators', 'gated and vetoed']);
    const sheet = book.getWorksheet('省局 ranking')!;
    expect(sheet.getCell(1, 1).value).toBe('税务绩效管理2021年版: bulletin (2021Q2), movement since 2021Q1; 特派办: no indicator is evaluated in 2021Q2, so it is left out of the bulletin · 省局 (36)');
    expect(rowsOf(sheet, 2).find((r) => r.id === '辽宁')).toMatchObject({ rank: 2, movement: '↑8', name: '国家税务总局辽宁省税务局', total: 21.69, 税收改革发展: 16.19 });
    const budget = rowsOf(book.getWorksheet('省局 indicators')!, 2).find((r) => r.indicator === '预算执行')!;
    expect(budget).toMatchObject({ section: '工作运转保障', points: 2, 'units scored': 36 });
    expect(budget['best units']).toMatch(/^国家税务总局新疆维吾尔自治区税务局, 国家税务总局辽宁省税务局, 国家税务总局浙江省税务局 and \d+ more$/);
    // the year: tier counts and the gated and vetoed units, the rule quoted as the policy writes it
    await run('2021', 'y.xlsx');
    const year = new ExcelJS.Workbook();
    await year.xlsx.readFile(path.join(dir, 'y.xlsx'));
    expect(rowsOf(year.getWorksheet('Units per tier')!, 2).map((r) => [r.kind, r.tier, r.units])).toEqual([['省局', '第一段', 11], ['省局', '第二段', 22], ['省局', '第三段', 3]]);
    expect(rowsOf(year.getWorksheet('gated and vetoed')!, 2).find((r) => r.id === '江苏')).toMatchObject({ rank: 27, tier: '第三段', reason: 'vetoed (否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大))' });
    // the page: its language, headings, headers and marks in English
    await run('2021Q2', 'b.html', '--previous', '2021Q1');
    const html = readFileSync(path.join(dir, 'b.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>税务绩效管理2021年版: bulletin (2021Q2)</h1>');
    expect(html).toContain('<p class="meta">Period: 2021Q2; movement since 2021Q1 (↑ up, ↓ down, new: not ranked then)</p>');
    for (const h of ['<h2>省局 (36)</h2>', '<h3>Ranking by total</h3>', '<h3>Units gated or vetoed</h3>', '<h3>Best and worst per indicator</h3>', '<th>rank</th><th>movement</th><th>unit</th><th>total</th>']) expect(html).toContain(h);
    // no word of the bulletin's own in Chinese: what Chinese the page holds is the policy's and the data's names
    const text = html.replace(/<[^>]+>/g, ' ');
    const names = /税务绩效管理2021年版|国家税务总局\p{Script=Han}+税务局|特派办|省局|党的全面领导|工作运转保障|税收改革发展|第[一二三]段/gu;
    const indicators = rowsOf(book.getWorksheet('省局 indicators')!, 2).map((r) => String(r.indicator));
    expect(indicators.reduce((t, name) => t.split(name).join(' '), text.replace(names, ' '))).not.toMatch(/\p{Script=Han}/u);
  }, 60_000);

  it('escapes names from the policy and the data (shown, never interpreted)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bulletin-'));
    const data = JSON.parse(readFileSync('test/cli/fixtures/small-data.json', 'utf8'));
    data.units[0].name = '<img src=x onerror=alert(1)>北京';
    writeFileSync(path.join(dir, 'd.json'), JSON.stringify(data));
    const r = await runCli(['bulletin', path.resolve('test/cli/fixtures/small-2021.kp'), '--data', 'd.json', '--period', '2021', '--out', 'b.html'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'b.html'), 'utf8');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;北京');
  });

  it('refuses bad input with a located message, exit 1 or 2, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bulletin-'));
    const out = path.join(dir, 'b.xlsx');
    const lacking = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021Q2', '--previous', '2020Q4', '--out', out]);
    expect([lacking.code, existsSync(out)]).toEqual([1, false]);
    expect(lacking.stderr).toContain('error KR231: units: the data has no period `2020Q4` (it has 2021, 2021Q1, 2021Q2, 2021Q3, 2021Q4)');
    expect(lacking.stderr).toContain(`kaoping: ${DATA} (2020Q4): the data has 1 error; nothing was evaluated`);
    const same = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021Q2', '--previous', '2021Q2', '--out', out]);
    expect([same.code, same.stderr]).toEqual([2, 'kaoping: --previous 2021Q2: the previous period must differ from --period\n']);
    const ext = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021', '--out', path.join(dir, 'b.docx')]);
    expect(ext.code).toBe(2);
    expect(existsSync(path.join(dir, 'b.docx'))).toBe(false);
    const zh = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021', '--out', path.join(dir, 'b.csv'), '--lang', 'zh']);
    expect([zh.code, zh.stderr]).toEqual([2, `kaoping: --out ${path.join(dir, 'b.csv')}：文件名须以 .xlsx、.html 或 .pdf 结尾\n`]);
  });

  it('refuses a previous period that shares no unit with the period', () => {
    const { graph } = compile([{ path: 'small.kp', text: readFileSync('test/cli/fixtures/small-2021.kp', 'utf8') }]);
    const data = JSON.parse(readFileSync('test/cli/fixtures/small-data.json', 'utf8'));
    const other = { units: data.units.map((u: { id: string }) => ({ ...u, id: `${u.id}局` })) };
    const evaluated = (d: unknown) => ({ results: evaluate(graph!, d as never).results!, individuals: new Map() });
    expect(() => buildBulletin(graph!, evaluated(data), evaluated(other))).toThrow(/shares no unit with the period: no movement can be shown/);
  });
});
