// POST /v1/policies/{name}/monitor (预警 as a service) on the bundled 2021 provincial policy and its monthly data,
// answers checked against the OpenAPI spec: 双过半 raised for 北京 and not for 广东 at June (hand-computed), the
// same warnings as `kaoping monitor --out w.json`, one unit's warnings, and bad input refused with located messages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SAMPLE_2021, call, jsonInit, startService, type Service } from './service.js';

vi.setConfig({ testTimeout: 60_000 });

const MONTHLY = path.join(SAMPLE_2021, 'data/monthly.json');
const URL = '/v1/policies/tax-provincial-2021/monitor';
const monthly = () => jsonInit(readFileSync(MONTHLY, 'utf8'));

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service.close());

describe('POST /v1/policies/{name}/monitor', () => {
  it('2021M06: 双过半 for 北京 and not for 广东, each warning with its message and grounds', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021M06`, monthly());
    expect(r.status).toBe(200);
    expect([r.body.policy.name, r.body.period]).toEqual(['tax-provincial-2021', '2021M06']);
    expect(r.body.checked.map((c: { warning: string; units: number }) => [c.warning, c.units])).toEqual([['收入双过半', 36], ['收入进度连续下滑', 36]]);
    const count = (level: string) => r.body.warnings.filter((w: { level: string }) => w.level === level).length;
    expect([count('severe'), count('warning'), count('notice')]).toEqual([16, 4, 0]);
    // 北京: 2076.4991亿元 < 50% × 4200亿元 = 2100亿元; 2076.4991 / 4200 = 49.440…%
    const beijing = r.body.warnings.filter((w: { unit: string }) => w.unit === '北京');
    expect(beijing.map((w: Record<string, unknown>) => [w.warning, w.level, w.message, w.grounds])).toEqual([
      ['收入双过半', 'severe', '截至6月累计收入2076.50亿元，仅完成年度收入预算4200.00亿元的49.44%，未过半', '累计收入 20,764,991万元；年度收入预算 42,000,000万元'],
    ]);
    expect(beijing[0].steps.filter((s: { step: string }) => s.step === 'read').map((s: { name: string }) => s.name)).toEqual(['累计收入', '年度收入预算']);
    // 广东: 2612.3506亿元 ≥ 50% × 5200亿元 = 2600亿元; its progress rose in June
    expect(r.body.warnings.filter((w: { unit: string }) => w.unit === '广东')).toEqual([]);
  });

  it('answers the warnings `kaoping monitor --out w.json` writes, grounds added in the language asked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-monitor-'));
    try {
      const file = path.join(dir, 'w.json');
      expect((await runCli(['monitor', SAMPLE_2021, '--data', MONTHLY, '--period', '2021M06', '--out', file])).code).toBe(0);
      const cli = JSON.parse(readFileSync(file, 'utf8'));
      const r = await call(service, 'POST', `${URL}?period=2021M06`, jsonInit(readFileSync(MONTHLY, 'utf8'), { 'accept-language': 'en' }));
      expect(r.status).toBe(200);
      expect(r.body.checked).toEqual(cli.checked);
      expect(r.body.warnings.map(({ grounds: _, ...w }: Record<string, unknown>) => w)).toEqual(cli.warnings);
      expect(r.body.warnings.find((w: { unit: string }) => w.unit === '北京').grounds).toBe('累计收入 207,649,910,000 yuan; 年度收入预算 420,000,000,000 yuan');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('reads the data uploaded as a file (multipart/form-data) as it reads a JSON body', async () => {
    const form = new FormData();
    form.append('files', new Blob([readFileSync(MONTHLY)]), 'monthly.json');
    const uploaded = await call(service, 'POST', `${URL}?period=2021M06`, { body: form });
    const sent = await call(service, 'POST', `${URL}?period=2021M06`, monthly());
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toEqual(sent.body);
  });

  it('keeps one unit\'s warnings with unit=; a unit not in the data is 422 KS424 naming the closest id', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021M06&unit=${encodeURIComponent('江苏')}`, monthly());
    expect(r.status).toBe(200);
    expect(r.body.warnings.map((w: { unit: string; warning: string }) => [w.unit, w.warning])).toEqual([['江苏', '收入双过半'], ['江苏', '收入进度连续下滑']]);
    const none = await call(service, 'POST', `${URL}?period=2021M06&unit=${encodeURIComponent('江舒')}`, monthly());
    expect([none.status, none.body.code, none.body.location, none.body.message]).toEqual([422, 'KS424', 'query.unit', '数据中没有单位「江舒」；是否指「江苏」？']);
  });

  it('a period the data lacks is 422 KS421 with the located KR231 issue; no period is 400 naming query.period', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021M07`, jsonInit(readFileSync(MONTHLY, 'utf8'), { 'accept-language': 'en' }));
    expect([r.status, r.body.code, r.body.message]).toEqual([422, 'KS421', 'The data has 1 error(s); nothing was evaluated']);
    expect(r.body.issues.map((i: { code: string }) => i.code)).toEqual(['KR231']);
    expect(r.body.issues[0].message).toContain('2021M06');
    const bare = await call(service, 'POST', URL, monthly());
    expect([bare.status, bare.body.code, bare.body.location]).toEqual([400, 'KS400', 'query.period']);
  });

  it('a period no warning applies to (the year 2021): 200 with no rule checked and nothing raised', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021`, jsonInit(readFileSync(path.join(SAMPLE_2021, 'data/results.json'), 'utf8')));
    expect([r.status, r.body.period, r.body.checked, r.body.warnings]).toEqual([200, '2021', [], []]);
  });
});
