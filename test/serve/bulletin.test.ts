// POST /v1/policies/{name}/bulletin (通报 as a service) on the bundled 2021 provincial policy and its data, answers
// checked against the OpenAPI spec: 辽宁 moving up 8 places from 2021Q1 to 2021Q2 (hand-checked), the page
// `kaoping bulletin --out b.html` writes, the year's tier counts and gated and vetoed units with their reasons, and
// bad input refused with located messages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SAMPLE_2021, call, jsonInit, startService, type Service } from './service.js';

vi.setConfig({ testTimeout: 60_000 });

const RESULTS = path.join(SAMPLE_2021, 'data/results.json');
const URL = '/v1/policies/tax-provincial-2021/bulletin';
const results = (headers: Record<string, string> = {}) => jsonInit(readFileSync(RESULTS, 'utf8'), headers);

interface Row {
  rank: number;
  movement: string;
  id: string;
  total: number;
  tiers: (string | null)[];
  reason: string;
}

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service.close());

describe('POST /v1/policies/{name}/bulletin', () => {
  it('2021Q2 against 2021Q1: 辽宁 ↑8, the page `kaoping bulletin --out b.html` writes', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021Q2&previous=2021Q1`, results());
    expect(r.status).toBe(200);
    const { bulletin } = r.body;
    expect([bulletin.period, bulletin.previous, bulletin.kinds.map((k: { kind: string }) => k.kind)]).toEqual(['2021Q2', '2021Q1', ['省局']]);
    // 辽宁: 2021Q1 1.50 + 3.00 + 15.60 = 20.10, 10th; 2021Q2 1.50 + 4.00 + 16.19 = 21.69, behind 新疆's 22.96 only
    const ranking: Row[] = bulletin.kinds[0].ranking;
    expect(ranking.find((u) => u.id === '辽宁')).toMatchObject({ rank: 2, movement: '↑8', total: 21.69 });
    expect(ranking.find((u) => u.id === '新疆')).toMatchObject({ rank: 1, movement: '—', total: 22.96 });
    // a quarter is not tiered: said among the issues, as the command says it
    expect(r.body.issues.map((i: { code: string; message: string }) => [i.code, i.message.slice(0, 7)])).toEqual([['KR303', '2021Q2:'], ['KR303', '2021Q1:']]);
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-bulletin-'));
    try {
      const file = path.join(dir, 'b.html');
      expect((await runCli(['bulletin', SAMPLE_2021, '--data', RESULTS, '--period', '2021Q2', '--previous', '2021Q1', '--out', file])).code).toBe(0);
      expect(r.body.html).toBe(readFileSync(file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('the year: tier counts, and the gated and vetoed units with their reasons', async () => {
    const r = await call(service, 'POST', `${URL}?period=2021`, results());
    expect(r.status).toBe(200);
    const province = r.body.bulletin.kinds.find((k: { kind: string }) => k.kind === '省局');
    // 36 units: 第一段 30% → 10.8 → 11 places, 第二段 60% → 21.6 → 22, 第三段 the rest
    expect(province.tierCounts).toEqual([{ tiers: '年度分段', counts: [{ tier: '第一段', units: 11 }, { tier: '第二段', units: 22 }, { tier: '第三段', units: 3 }] }]);
    const flagged: Row[] = province.flagged;
    expect(flagged.map((u) => u.id)).toEqual(['深圳', '厦门', '重庆', '江苏', '贵州', '甘肃', '西藏', '海南']);
    expect(flagged.find((u) => u.id === '深圳')).toMatchObject({ rank: 9, tiers: ['第二段'], reason: '不得进入第一段（非 第一段 当 党的全面领导 位列 后 10%）' });
    expect(flagged.find((u) => u.id === '江苏')).toMatchObject({ rank: 27, tiers: ['第三段'], reason: '一票否决（否决 当 重大违纪案件 或 任一(舆情事件 其中 等级 == 重大)）' });
    expect(r.body.bulletin.kinds[0].ranking.every((u: Row) => u.movement === '')).toBe(true);
  });

  it('a previous period the data lacks is 422 naming query.previous; the same period twice, or none, is 400', async () => {
    const lacking = await call(service, 'POST', `${URL}?period=2021Q2&previous=2020Q4`, results({ 'accept-language': 'en' }));
    expect([lacking.status, lacking.body.code, lacking.body.location]).toEqual([422, 'KS421', 'query.previous']);
    expect(lacking.body.issues.map((i: { code: string }) => i.code)).toEqual(['KR231']);
    const same = await call(service, 'POST', `${URL}?period=2021Q2&previous=2021Q2`, results());
    expect([same.status, same.body.code, same.body.location, same.body.message]).toEqual([400, 'KS400', 'query.previous', '请求无效：--previous 2021Q2：比较的上期须不同于 --period']);
    const bare = await call(service, 'POST', URL, results());
    expect([bare.status, bare.body.location]).toEqual([400, 'query.period']);
  });
});
