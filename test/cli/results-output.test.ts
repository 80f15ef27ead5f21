// What `kaoping eval` shows and writes: every kind's columns under its own headers, the bonus, an individual's
// share of its department's result, tiers under the policy's name for them; and when it refuses to go on.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import * as XLSX from '@e965/xlsx';
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
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['省局', '特派办']));
    expect(rows).toHaveLength(results.units.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const u of results.units) {
      const row = byId.get(u.id)!;
      expect([u.id, row.kind, row.total]).toEqual([u.id, u.kind, cellOf(u.total)]);
      for (const [name, s] of Object.entries(u.sections))
        expect([u.id, name, row[name]]).toEqual([u.id, name, s.exempt ? 'exempt' : s.notApplicable ? 'not_applicable' : cellOf(s.score)]);
      for (const [name, i] of Object.entries(u.indicators))
        expect([u.id, name, row[name]]).toEqual([u.id, name, i.exempt ? 'exempt' : cellOf(i.score)]);
      // the other kind's columns are empty for this unit
      const own = new Set(['kind', 'id', 'name', 'rank', 'total', ...Object.keys(u.sections), ...Object.keys(u.indicators), ...Object.keys(u.bonuses), ...Object.keys(u.tiers)]);
      for (const [header, value] of Object.entries(row)) if (!own.has(header)) expect([u.id, header, value]).toEqual([u.id, header, '']);
    }
  });

  it('writes the bonus and the tiers under the name the policy gives them, in the CSV and in each sheet', async () => {
    const dir = await evalTo(TAX, 'r.json', 'r.csv', 'r.xlsx');
    const results: Results = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    const zhejiang = results.units.find((u) => u.id === '浙江')!;
    expect(zhejiang.bonuses.创先争优).toBeGreaterThan(0);
    const row = csvRecords(path.join(dir, 'r.csv')).find((r) => r.id === '浙江')!;
    expect([row.创先争优, row.年度分段]).toEqual([String(zhejiang.bonuses.创先争优), zhejiang.tiers.年度分段]);
    const book = XLSX.read(readFileSync(path.join(dir, 'r.xlsx')));
    const sheet = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[name]!);
    const provincial = sheet('省局').find((r) => r.id === '浙江')!;
    expect([provincial.创先争优, provincial.年度分段]).toEqual([zhejiang.bonuses.创先争优, zhejiang.tiers.年度分段]);
    const header = (name: string) => XLSX.utils.sheet_to_json<string[]>(book.Sheets[name]!, { header: 1 })[0]!;
    expect(header('特派办')).not.toContain('创先争优');
    expect(header('特派办').some((h) => /分段|tier/.test(h))).toBe(false);
  });
});

describe('kaoping eval on an individual policy (干部 take a share of their 部门 result)', () => {
  it('shows the 部门 result and its share, which with the own sections give the total', async () => {
    const r = await runCli(['eval', ...COUNTY]);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n').find((l) => l.startsWith('名次  在职干部'))!.split(/\s+/);
    expect(header.slice(-3)).toEqual(['部门结果', '部门结果占比', '个人等次']);
    const dir = await evalTo(COUNTY, 'r.csv');
    const cadres = csvRecords(path.join(dir, 'r.csv')).filter((row) => row.kind === '干部');
    expect(cadres).toHaveLength(120);
    const departments = new Set(csvRecords(path.join(dir, 'r.csv')).filter((row) => row.kind === '部门').map((row) => row.total));
    const sections = ['素质评价', '管理岗职责', '税收管理员岗职责', '税收业务岗职责', '技术岗职责', '行政事务岗职责'];
    for (const row of cadres) {
      expect(['55%', '20%', '5%']).toContain(row.部门结果占比);
      expect(departments.has(row.部门结果!)).toBe(true);
      const share = Number(row.部门结果占比!.replace('%', '')) / 100;
      const own = sections.reduce((sum, s) => sum + (Number(row[s]) || 0), 0);
      expect(Math.abs(share * Number(row.部门结果) + (1 - share) * own - Number(row.total))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it('has no share or tier columns for the 部门, which has neither', async () => {
    const r = await runCli(['eval', ...COUNTY]);
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
