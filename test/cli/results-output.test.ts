// What `kaoping eval` shows and writes: every kind's columns under its own headers, the bonus, an individual's
// share of its department's result, tiers under the policy's name for them; and when it refuses to go on.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { runCli } from './run-cli.js';
import type { Results } from '../../runtime/index.js';

const TAX = ['policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021'];
const COUNTY = ['policies/county-individual-2021', '--data', 'policies/county-individual-2021/data/results.json'];
const SMALL = 'test/cli/fixtures/small-2021.kp';

/** Runs `kaoping eval … --out` for each file name and returns the folder. */
async function evalTo(args: string[], ...files: string[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-results-'));
  for (const f of files) {
    const r = await runCli(['eval', ...args, '--out', path.join(dir, f)]);
    expect([f, r.code, r.stderr.match(/error.*/g)]).toEqual([f, 0, null]);
  }
  return dir;
}

function csvRecords(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const cellOf = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

describe('kaoping eval --out with several entity kinds', () => {
  it('puts every score of every kind under its own header in one CSV (a column another kind lacks stays empty)', async () => {
    const dir = await evalTo(TAX, 'r.json', 'r.csv');
    const results: Results = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    const rows = csvRecords(path.join(dir, 'r.csv'));
    expect(new Set(rows.map((r) => r.单位类别))).toEqual(new Set(['省局', '特派办']));
    expect(rows).toHaveLength(results.units.length);
    const byId = new Map(rows.map((r) => [r.单位编号, r]));
    for (const u of results.units) {
      const row = byId.get(u.id)!;
      expect([u.id, row.单位类别, row.总分]).toEqual([u.id, u.kind, cellOf(u.total)]);
      for (const [name, s] of Object.entries(u.sections))
        expect([u.id, name, row[name]]).toEqual([u.id, name, s.exempt ? '免考' : s.notApplicable ? '不适用' : cellOf(s.score)]);
      for (const [name, i] of Object.entries(u.indicators))
        expect([u.id, name, row[name]]).toEqual([u.id, name, i.exempt ? '免考' : cellOf(i.score)]);
      // the other kind's columns are empty for this unit
      const reasons = Object.keys(u.tiers).map((t) => `${t}说明`);
      const own = new Set(['单位类别', '单位编号', '单位名称', '名次', '总分', ...Object.keys(u.sections), ...Object.keys(u.indicators), ...Object.keys(u.bonuses), ...Object.keys(u.tiers), ...reasons]);
      for (const [header, value] of Object.entries(row)) if (!own.has(header)) expect([u.id, header, value]).toEqual([u.id, header, '']);
    }
  });

  it('writes the bonus and the tiers under the name the policy gives them, in the CSV and in each sheet', async () => {
    const dir = await evalTo(TAX, 'r.json', 'r.csv', 'r.xlsx');
    const results: Results = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    const zhejiang = results.units.find((u) => u.id === '浙江')!;
    expect(zhejiang.bonuses.创先争优).toBeGreaterThan(0);
    const row = csvRecords(path.join(dir, 'r.csv')).find((r) => r.单位编号 === '浙江')!;
    expect([row.创先争优, row.年度分段]).toEqual([String(zhejiang.bonuses.创先争优), zhejiang.tiers.年度分段]);
    const book = XLSX.read(readFileSync(path.join(dir, 'r.xlsx')));
    const sheet = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[name]!);
    const provincial = sheet('省局').find((r) => r.单位编号 === '浙江')!;
    expect([provincial.创先争优, provincial.年度分段]).toEqual([zhejiang.bonuses.创先争优, zhejiang.tiers.年度分段]);
    const header = (name: string) => XLSX.utils.sheet_to_json<string[]>(book.Sheets[name]!, { header: 1 })[0]!;
    expect(header('特派办')).not.toContain('创先争优');
    expect(header('特派办').some((h) => /分段|tier/.test(h))).toBe(false);
  });
});

describe('kaoping eval on an individual policy (干部 take a share of their 部门 result)', () => {
  it('shows the 部门 result and its share, which with the own sections give the total', async () => {
    const r = await runCli(['eval', '--lang', 'zh', ...COUNTY]);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n').find((l) => l.startsWith('名次  在职干部'))!.split(/\s+/);
    expect(header.slice(-4)).toEqual(['部门结果', '部门结果占比', '个人等次', '个人等次说明']);
    const dir = await evalTo(COUNTY, 'r.csv');
    const cadres = csvRecords(path.join(dir, 'r.csv')).filter((row) => row.单位类别 === '干部');
    expect(cadres).toHaveLength(120);
    const departments = new Set(csvRecords(path.join(dir, 'r.csv')).filter((row) => row.单位类别 === '部门').map((row) => row.总分));
    const sections = ['素质评价', '管理岗职责', '税收管理员岗职责', '税收业务岗职责', '技术岗职责', '行政事务岗职责'];
    for (const row of cadres) {
      expect(['55%', '20%', '5%']).toContain(row.部门结果占比);
      expect(departments.has(row.部门结果!)).toBe(true);
      const share = Number(row.部门结果占比!.replace('%', '')) / 100;
      const own = sections.reduce((sum, s) => sum + (Number(row[s]) || 0), 0);
      expect(Math.abs(share * Number(row.部门结果) + (1 - share) * own - Number(row.总分))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('has no share or tier columns for the 部门, which has neither', async () => {
    const r = await runCli(['eval', '--lang', 'zh', ...COUNTY]);
    const header = r.stdout.split('\n').find((l) => l.startsWith('名次  县局内设机构及派出机构'))!;
    expect(header).not.toMatch(/分段|等次|占比/);
  });
});

describe('kaoping eval --skip-bad-units', () => {
  it('fails (exit 1) when every unit is skipped, since nothing was evaluated', async () => {
    const r = await runCli(['eval', SMALL, '--data', 'test/cli/fixtures/bad-data.json', '--skip-bad-units']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kaoping: every unit was skipped for data errors (1 unit); nothing was evaluated\n');
    expect(r.stdout).toBe('');
  });

  it('is suggested for errors of a unit, not for errors of the data file as a whole', async () => {
    const hint = '--skip-bad-units evaluates the others';
    expect((await runCli(['eval', SMALL, '--data', 'test/cli/fixtures/bad-data.json'])).stderr).toContain(hint);
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bad-'));
    writeFileSync(path.join(dir, 'shape.json'), '{ "units": "none" }');
    writeFileSync(path.join(dir, '未知.csv'), 'id,x\n1,2\n');
    for (const data of ['shape.json', '未知.csv']) {
      const r = await runCli(['eval', path.resolve(SMALL), '--data', data], dir);
      expect([data, r.code, r.stderr.includes('nothing was evaluated'), r.stderr.includes(hint)]).toEqual([data, 1, true, false]);
    }
  });
});

describe('gated and vetoed units carry the reason in every results output', () => {
  // 深圳: 党的全面领导 15.49 is the lowest of the 36 (the bottom 10% is 4 units), so it may not enter 第一段 and,
  // ranked 9th, stands in 第二段. 江苏: a 舆情事件 of 等级 重大 vetoes it to 第三段 although it ranks 27th.
  const GATE = '不得进入第一段（非 第一段 当 党的全面领导 位列 后 10%）';
  const VETO = '一票否决（否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大)）';

  it('in the JSON (tierReasons), on the terminal and in the CSV, Chinese headers by default', async () => {
    const dir = await evalTo(TAX, 'r.json', 'r.csv');
    const results: Results = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    const unit = (id: string) => results.units.find((u) => u.id === id)!;
    expect([unit('深圳').rank, unit('深圳').tier, unit('深圳').tierReasons]).toEqual([
      9,
      '第二段',
      { 年度分段: [{ rule: 'gate', text: '非 第一段 当 党的全面领导 位列 后 10%', tier: '第一段' }] },
    ]);
    expect([unit('江苏').rank, unit('江苏').tier, unit('江苏').tierReasons]).toEqual([
      27,
      '第三段',
      { 年度分段: [{ rule: 'veto', text: '否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大)' }] },
    ]);
    expect(unit('浙江').tierReasons).toBeUndefined();
    const terminal = (await runCli(['eval', '--lang', 'zh', ...TAX])).stdout.split('\n');
    expect(terminal.find((l) => l.includes('国家税务总局深圳市税务局'))).toMatch(new RegExp(`第二段 +${GATE.replace(/[()]/g, '\\$&')}$`));
    expect(terminal.find((l) => l.includes('国家税务总局江苏省税务局'))!.endsWith(`第三段    ${VETO}`)).toBe(true);
    const text = readFileSync(path.join(dir, 'r.csv'), 'utf8');
    expect(text.startsWith('\uFEFF单位类别,单位编号,单位名称,名次,总分,年度分段,年度分段说明,')).toBe(true);
    const rows = csvRecords(path.join(dir, 'r.csv'));
    expect(rows.find((r) => r.单位编号 === '深圳')!.年度分段说明).toBe(GATE);
    expect(rows.find((r) => r.单位编号 === '江苏')!.年度分段说明).toBe(VETO);
    expect(rows.find((r) => r.单位编号 === '浙江')!.年度分段说明).toBe('');
  });

  it('on the terminal in English with --lang en: headings, headers and the reasons; names as the policy writes them', async () => {
    const lines = (await runCli(['eval', '--lang', 'en', ...TAX])).stdout.split('\n');
    expect(lines).toContain('省局 (36) 2021');
    expect(lines.find((l) => l.startsWith('rank  省级税务局'))).toMatch(/^rank +省级税务局 +total +党的全面领导 .* 年度分段 +年度分段 reason$/);
    expect(lines.find((l) => l.includes('国家税务总局深圳市税务局'))).toMatch(/第二段 +may not enter 第一段 \(非 第一段 当 党的全面领导 位列 后 10%\)$/);
    expect(lines.find((l) => l.includes('国家税务总局江苏省税务局'))).toMatch(/第三段 +vetoed \(否决 当 重大违纪案件 或 任一\(舆情事件 其中 等级 == 重大\)\)$/);
  });

  it('--headers en keeps the machine headers and marks (kind, id, rank, total, exempt)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-results-'));
    const r = await runCli(['eval', ...COUNTY, '--headers', 'en', '--out', path.join(dir, 'r.csv')]);
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(dir, 'r.csv'), 'utf8');
    expect(text.startsWith('\uFEFFkind,id,name,rank,total,个人等次,个人等次 reason,')).toBe(true);
    const zh = await runCli(['eval', ...COUNTY, '--out', path.join(dir, 'zh.csv')]);
    expect(zh.code).toBe(0);
    // the same cells, marks and reasons translated: 不适用 ↔ not_applicable, 一票否决（…） ↔ vetoed (…)
    const en = csvRecords(path.join(dir, 'r.csv'));
    const cn = csvRecords(path.join(dir, 'zh.csv'));
    const reason = (row: Record<string, string>) => row['个人等次 reason'] ?? row['个人等次说明'];
    expect(en.find((row) => row.id === 'G037')).toMatchObject({ 个人等次: '不称职', '个人等次 reason': 'vetoed (否决 当 违纪处分)' });
    expect(cn.find((row) => row.单位编号 === 'G037')).toMatchObject({ 个人等次: '不称职', 个人等次说明: '一票否决（否决 当 违纪处分）' });
    expect(en.find((row) => row.id === 'G071')!['个人等次 reason']).toBe('may not enter 优秀 (非 优秀 当 缺勤天数 > 5天)');
    expect(en.some((row) => Object.values(row).includes('not_applicable'))).toBe(true);
    const words = new Map([['not_applicable', '不适用'], ['exempt', '免考'], ['not_in_period', '本期不考评']]);
    const cells = (row: Record<string, string>) => Object.entries(row).filter(([h]) => !/reason|说明/.test(h)).map(([, v]) => words.get(v) ?? v);
    expect(en.map(cells)).toEqual(cn.map(cells));
    expect(en.map((row) => reason(row) !== '')).toEqual(cn.map((row) => reason(row) !== ''));
    expect((await runCli(['eval', ...COUNTY, '--headers', 'fr'])).code).toBe(2);
  });

  it('in the XLSX: a styled sheet per kind (bold shaded header kept in view, widths, scores at the policy precision)', async () => {
    const dir = await evalTo(TAX, 'r.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'r.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['特派办', '省局']);
    const sheet = book.getWorksheet('省局')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['单位编号', '单位名称', '名次', '总分', '年度分段', '年度分段说明', '党的全面领导']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    const rowOf = (id: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === id)!;
    const shenzhen = rowOf('深圳');
    expect([shenzhen.getCell(3).value, shenzhen.getCell(4).value, shenzhen.getCell(4).numFmt]).toEqual([9, 85.65, '0.00']);
    expect([shenzhen.getCell(5).value, shenzhen.getCell(6).value]).toEqual(['第二段', GATE]);
    expect(rowOf('江苏').getCell(6).value).toBe(VETO);
    // the name column fits 国家税务总局新疆维吾尔自治区税务局 (17 characters, 34 columns wide)
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(34);
    expect(sheet.getColumn(6).width).toBeGreaterThan(sheet.getColumn(3).width!);
  });
});
