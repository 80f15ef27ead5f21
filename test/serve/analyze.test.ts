// POST /v1/policies/{name}/analyze (绩效分析 as a service), answers checked against the OpenAPI spec: the
// statistics and flags hand-computed on the ten-unit policy, the same analysis as `kaoping analyze --out a.json`
// on the bundled 2021 data (and the trend as `--periods all`), and bad input refused with located messages.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { TEN_UNIT_DATA, TEN_UNIT_POLICY } from '../cli/ten-units.js';
import { SAMPLE_2021, call, jsonInit, startService, type Service } from './service.js';

// Each analysis evaluates the policy once more per indicator (tier changes without it): seconds on busy cores.
vi.setConfig({ testTimeout: 120_000 });

const RESULTS = path.join(SAMPLE_2021, 'data/results.json');
const URL = '/v1/policies/tax-provincial-2021/analyze';
const results = (headers: Record<string, string> = {}) => jsonInit(readFileSync(RESULTS, 'utf8'), headers);

interface Indicator {
  name: string;
  quartiles: number[] | null;
  mean: number | null;
  sd: number | null;
  fullShare: number | null;
  zeroShare: number | null;
  tierChanges: number | null;
  neverDeducted: string[] | null;
  flags: string[];
}

let service: Service;
let tenUnits: { service: Service; root: string };
beforeAll(async () => {
  service = await startService();
  const root = mkdtempSync(path.join(tmpdir(), 'kaoping-analyze-'));
  mkdirSync(path.join(root, 'policies/ten'), { recursive: true });
  writeFileSync(path.join(root, 'policies/ten/p.kp'), TEN_UNIT_POLICY);
  tenUnits = { service: await startService({ policies: path.join(root, 'policies') }), root };
});
afterAll(async () => {
  await service.close();
  await tenUnits.service.close();
  rmSync(tenUnits.root, { recursive: true, force: true });
});

describe('POST /v1/policies/{name}/analyze', () => {
  it('hand-computed on ten units: 收入 spread and tier changes, 声誉 three flags, 专项 过于严苛', async () => {
    const r = await call(tenUnits.service, 'POST', '/v1/policies/ten/analyze', jsonInit(TEN_UNIT_DATA));
    expect(r.status).toBe(200);
    expect([r.body.policy.name, r.body.period, r.body.thresholds]).toEqual(['ten', null, { fullShare: 0.9, zeroShare: 0.9, minScored: 5 }]);
    const of = (name: string) => (r.body.indicators as Indicator[]).find((a) => a.name === name)!;
    // 收入 10, 10, 9, 9, 8, 8, 7, 7, 6, 6: mean 8, two of ten at full points; deviations ±2 ×4, ±1 ×4 → sd √2.
    // Without it 局10 leads alone and the other nine tie for the second place, all entering 第一段: 局3–局9 change.
    const income = of('收入');
    expect([income.quartiles, income.mean, income.fullShare, income.zeroShare, income.tierChanges, income.flags]).toEqual([[6, 7, 8, 9, 10], 8, 0.2, 0, 7, []]);
    expect(income.sd).toBeCloseTo(Math.SQRT2, 12);
    // 声誉: no 舆情, so 10 for all and its one deduction never made
    expect([of('声誉').fullShare, of('声誉').flags, of('声誉').neverDeducted]).toEqual([1, ['uniform_full', 'constant', 'never_deducted'], ['deduct 2分 when 舆情']]);
    // 专项: only 局10 is 达标, nine of ten at zero
    expect([of('专项').zeroShare, of('专项').flags]).toEqual([0.9, ['too_harsh']]);
  });

  it('answers the analysis `kaoping analyze --out a.json` writes: 意识形态工作 and 安全稳定 绩效趋同, 35 of 36 省局 at full points', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-analyze-'));
    try {
      const file = path.join(dir, 'a.json');
      expect((await runCli(['analyze', SAMPLE_2021, '--data', RESULTS, '--period', '2021', '--out', file])).code).toBe(0);
      const cli = JSON.parse(readFileSync(file, 'utf8'));
      const r = await call(service, 'POST', `${URL}?period=2021`, results());
      expect(r.status).toBe(200);
      expect([r.body.period, r.body.thresholds, r.body.indicators]).toEqual([cli.period, cli.thresholds, cli.indicators]);
      const flagged = (r.body.indicators as Indicator[]).filter((a) => a.flags.includes('uniform_full'));
      expect(flagged.map((a) => [a.name, a.fullShare])).toEqual([['意识形态工作', 35 / 36], ['安全稳定', 35 / 36]]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('periods=all: the trend over the four quarters (not the year made of them), as `kaoping analyze --periods all --out t.json`', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-analyze-'));
    try {
      const file = path.join(dir, 't.json');
      expect((await runCli(['analyze', SAMPLE_2021, '--data', RESULTS, '--periods', 'all', '--out', file])).code).toBe(0);
      const cli = JSON.parse(readFileSync(file, 'utf8'));
      const r = await call(service, 'POST', `${URL}?periods=all`, results());
      expect(r.status).toBe(200);
      expect(r.body.periods).toEqual(['2021Q1', '2021Q2', '2021Q3', '2021Q4']);
      expect([r.body.periods, r.body.thresholds, r.body.indicators]).toEqual([cli.periods, cli.thresholds, cli.indicators]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('a period the data lacks is 422 KS421 with the located KR231 issue', async () => {
    const r = await call(service, 'POST', `${URL}?period=2031`, results({ 'accept-language': 'en' }));
    expect([r.status, r.body.code, r.body.location, r.body.message]).toEqual([422, 'KS421', 'body', 'The data has 1 error(s); nothing was evaluated']);
    expect(r.body.issues.map((i: { code: string }) => i.code)).toEqual(['KR231']);
    const trend = await call(service, 'POST', `${URL}?periods=2021Q1,2031Q1`, results());
    expect([trend.status, trend.body.code]).toEqual([422, 'KS421']);
    const errors = trend.body.issues.filter((i: { severity: string }) => i.severity === 'error');
    expect(errors.map((i: { code: string; message: string }) => [i.code, i.message.startsWith('2031Q1: ')])).toEqual([['KR231', true]]);
  });

  it('periods= of one period, a period twice, or with period= is 400 naming the parameter', async () => {
    const one = await call(service, 'POST', `${URL}?periods=2021Q1`, results());
    expect([one.status, one.body.code, one.body.location, one.body.message]).toEqual([400, 'KS400', 'query.periods', '请求无效：--periods 2021Q1：趋势至少需要两个不同的期间（列出了 1 个）']);
    const twice = await call(service, 'POST', `${URL}?periods=2021Q1,2021Q1`, results({ 'accept-language': 'en' }));
    expect([twice.status, twice.body.location, twice.body.message]).toEqual([400, 'query.periods', 'Bad request: --periods: period 2021Q1 is listed twice']);
    const both = await call(service, 'POST', `${URL}?period=2021&periods=all`, results());
    expect([both.status, both.body.code, both.body.location]).toEqual([400, 'KS400', 'query.period']);
  });
});
