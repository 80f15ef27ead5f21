// `kaoping eval --stream`: the same results as whole-file evaluation (the --out CSV byte for byte), the head
// of each ranking and the tier counts on the terminal, and refusals of what streaming does not read.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { runCli } from './run-cli.js';
import { compileFolder } from '../runtime/compile-helper.js';
import { generateColumnar } from '../../bench/generate-data.js';
import { csvTables } from '../../bench/csv-tables.js';

const COUNTY = 'policies/county-individual-2021';
const TAX = 'policies/tax-provincial-2021';

/** Generated 省局 and 特派办: enough for a 省局.csv over one read chunk (the CLI reads 1 MiB at a time). */
const UNITS = 4_600;
const CHUNK_BYTES = 1 << 20;

const temp = () => mkdtempSync(path.join(tmpdir(), 'kaoping-stream-'));

/** `eval` of the data with and without --stream, each writing a results CSV; returns both runs and files. */
async function bothWays(policy: string, data: string, ...extra: string[]) {
  const dir = temp();
  const whole = await runCli(['eval', policy, '--data', data, '--out', path.join(dir, 'whole.csv'), ...extra]);
  const stream = await runCli(['eval', policy, '--data', data, '--stream', '--out', path.join(dir, 'stream.csv'), ...extra]);
  expect([whole.code, stream.code, stream.stderr.match(/(error|warning).*/g)]).toEqual([0, 0, null]);
  return { whole, stream, wholeCsv: readFileSync(path.join(dir, 'whole.csv'), 'utf8'), streamCsv: readFileSync(path.join(dir, 'stream.csv'), 'utf8') };
}

describe('kaoping eval --stream', () => {
  it('writes the results CSV of whole-file evaluation, byte for byte (bundled county data: two kinds, shares, tiers)', async () => {
    const { wholeCsv, streamCsv } = await bothWays(COUNTY, `${COUNTY}/data/csv`);
    expect(streamCsv.split('\n').length).toBeGreaterThan(130);
    expect(streamCsv).toBe(wholeCsv);
  });

  // The work is sized to cover what it must (a data file read in more than one chunk, more units than one
  // write batch), not more; its limit allows for two busy cores, where it takes several times as long as alone.
  it('writes the same CSV for generated data of tax-provincial-2021 in several files (more rows than one read chunk and one write batch)', async () => {
    const graph = compileFolder(TAX);
    const dir = temp();
    const texts = new Map<string, string>();
    for (const p of csvTables(graph, generateColumnar(graph, UNITS, 7))) texts.set(p.file, (texts.get(p.file) ?? '') + p.text);
    for (const [file, text] of texts) writeFileSync(path.join(dir, file), text);
    expect(Buffer.byteLength(texts.get('省局.csv')!)).toBeGreaterThan(CHUNK_BYTES);
    const { wholeCsv, streamCsv } = await bothWays(TAX, dir);
    expect(streamCsv.split('\n').length).toBeGreaterThan(UNITS);
    expect(streamCsv).toBe(wholeCsv);
    // A 特派办 is explained with the 省局 records its linked deductions come from, as whole-file reading explains it.
    const office = Papa.parse<string[]>(texts.get('特派办.csv')!).data[1]![0]!;
    const explained = await Promise.all([[], ['--stream']].map((extra) => runCli(['explain', TAX, '--data', dir, '--unit', office, ...extra])));
    expect(explained.map((r) => r.code)).toEqual([0, 0]);
    expect(explained[1]!.stdout).toContain('应发现未发现');
    expect(explained[1]!.stdout).toBe(explained[0]!.stdout);
  }, 120_000);

  it('shows the head of each ranking, as whole-file evaluation ranks it, and how many units each tier holds', async () => {
    const { whole, wholeCsv } = await bothWays(COUNTY, `${COUNTY}/data/csv`);
    const stream = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--stream', '--top', '3']);
    expect(stream.code).toBe(0);
    const wholeLines = whole.stdout.split('\n');
    const at = (heading: string) => wholeLines.findIndex((l) => l.startsWith(heading));
    // Heading, header, rule, then the first three rows: as whole-file's table shows them, column widths aside.
    const squeeze = (l: string) => l.replace(/[ ─]+/g, ' ').trim();
    for (const [kind, n] of [['部门', 10], ['干部', 120]] as const) {
      const from = stream.stdout.split('\n');
      const s = from.findIndex((l) => l === `${kind} (${n}, the first 3 listed)`);
      const w = at(`${kind} (${n})`);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(from.slice(s + 3, s + 6).map(squeeze)).toEqual(wholeLines.slice(w + 3, w + 6).map(squeeze));
    }
    // Counted from the whole-file results CSV: 个人等次 of the 120 cadres.
    const rows = Papa.parse<Record<string, string>>(wholeCsv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const count = (tier: string) => rows.filter((r) => r['单位类别'] === '干部' && r['个人等次'] === tier).length;
    expect(count('优秀')).toBeGreaterThan(0);
    expect(stream.stdout).toContain(`个人等次: 优秀 ${count('优秀')}, 称职 ${count('称职')}, 基本称职 ${count('基本称职')}, 不称职 ${count('不称职')}\n`);
    // in Chinese (--lang zh, else KAOPING_LANG or a Chinese locale)
    const zh = await runCli(['eval', '--lang', 'zh', COUNTY, '--data', `${COUNTY}/data/csv`, '--stream', '--top', '3']);
    expect(zh.stdout).toContain('干部（120，列出前 3）\n名次  在职干部');
    expect(zh.stdout).toContain(`个人等次：优秀 ${count('优秀')}，称职 ${count('称职')}，基本称职 ${count('基本称职')}，不称职 ${count('不称职')}\n`);
    expect(stream.stderr).toMatch(/^130 units from 3 files: read in \d+\.\d s, evaluated in \d+\.\d s\n$/);
  });

  it('refuses what it cannot read whole: a period summed from parts, several periods, a workbook, a results file other than CSV', async () => {
    const tax = await runCli(['eval', TAX, '--data', `${TAX}/data/csv`, '--stream', '--period', '2021']);
    expect([tax.code, tax.stdout]).toEqual([1, '']);
    expect(tax.stderr).toContain('error KR225: (data): period `2021` is summed from 2021Q1, 2021Q2, 2021Q3, 2021Q4');
    expect(tax.stderr).toContain('kaoping: the data has 1 error; nothing was evaluated');
    const mixed = await runCli(['eval', TAX, '--data', `${TAX}/data/csv`, '--stream']);
    expect(mixed.stderr).toMatch(/error KR231: 省局\.csv:\d+ column `period`: the data has several periods/);
    const book = await runCli(['eval', TAX, '--data', `${TAX}/data/results.xlsx`, '--stream']);
    expect([book.code, book.stderr]).toEqual([1, `kaoping: ${TAX}/data/results.xlsx: --stream reads CSV files only; use it without --stream\n`]);
    const json = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--stream', '--out', 'r.json']);
    expect([json.code, json.stderr]).toEqual([2, 'kaoping: --out r.json: with --stream the results file is a .csv\n']);
    const skip = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--stream', '--skip-bad-units']);
    expect(skip.code).toBe(2);
    const top = await runCli(['eval', COUNTY, '--data', `${COUNTY}/data/csv`, '--stream', '--top', 'ten']);
    expect([top.code, top.stderr]).toEqual([2, 'kaoping: --top ten: expected a whole number of units\n']);
  });

  it('names the file, row and column of bad data and evaluates nothing', async () => {
    const dir = temp();
    for (const f of ['干部.csv', '测评.csv', '部门.csv']) writeFileSync(path.join(dir, f), readFileSync(`${COUNTY}/data/csv/${f}`));
    const text = readFileSync(path.join(dir, '部门.csv'), 'utf8').split('\n');
    const cells = Papa.parse<string[]>(text[2]!).data[0]!;
    const header = Papa.parse<string[]>(text[0]!.replace(/^\uFEFF/, '')).data[0]!;
    const col = cells.findIndex((c, i) => i > 1 && /^\d+(\.\d+)?$/.test(c));
    cells[col] = '九十';
    text[2] = Papa.unparse([cells]);
    writeFileSync(path.join(dir, '部门.csv'), text.join('\n'));
    const r = await runCli(['eval', COUNTY, '--data', dir, '--stream']);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain(`部门.csv:3 column \`${header[col]}\``);
    expect(r.stderr).toContain('九十');
    expect(r.stderr).toMatch(/kaoping: the data has 1 error; nothing was evaluated\n$/);
  });

  it('explains a unit as whole-file reading explains it, and names a unit or indicator it does not have', async () => {
    const data = `${COUNTY}/data/csv`;
    for (const unit of ['G001', 'G050']) {
      const whole = await runCli(['explain', COUNTY, '--data', data, '--unit', unit]);
      const stream = await runCli(['explain', COUNTY, '--data', data, '--unit', unit, '--stream']);
      expect([stream.code, stream.stdout.length > 200]).toEqual([0, true]);
      expect(stream.stdout).toBe(whole.stdout);
    }
    const missing = await runCli(['explain', COUNTY, '--data', data, '--unit', 'G999', '--stream']);
    expect([missing.code, missing.stderr]).toEqual([1, 'error KR310: the data has no unit `G999`\nkaoping: cannot explain unit G999\n']);
    const indicator = await runCli(['explain', COUNTY, '--data', data, '--unit', 'G001', '--indicator', '无此指标', '--stream']);
    expect([indicator.code, indicator.stderr]).toEqual([1, 'error KR311: `干部` has no indicator `无此指标`\nkaoping: cannot explain unit G001\n']);
    // Word for word what whole-file reading says.
    const wholeMissing = await runCli(['explain', COUNTY, '--data', data, '--unit', 'G999']);
    expect(wholeMissing.stderr).toBe(missing.stderr);
  });
});
