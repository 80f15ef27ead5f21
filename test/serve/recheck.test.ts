// POST /v1/policies/{name}/recheck (复核 as a service), answers checked against the OpenAPI spec: 江苏's 舆情事件
// corrected from 重大 to 一般 on the bundled 2021 data lifts its veto (hand-computed in test/cli/recheck.test.ts),
// uploaded as files under before and after or sent as JSON; the same report as `kaoping recheck --format
// markdown`; and a request without both data refused, located.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SAMPLE_2021, call, jsonInit, startService, type Service } from './service.js';

vi.setConfig({ testTimeout: 60_000 });

const RESULTS = path.join(SAMPLE_2021, 'data/results.json');
const URL = '/v1/policies/tax-provincial-2021/recheck?period=2021';
const before = readFileSync(RESULTS, 'utf8');
// 江苏's is the one 舆情事件 of 等级 重大 in the data
const after = before.replace('"等级": "重大"', '"等级": "一般"');

interface Standing {
  id: string;
  before: { total: number; rank: number; tier: string };
  after: { total: number; rank: number; tier: string };
}

const form = (parts: [string, string, string][]) => {
  const body = new FormData();
  for (const [field, text, name] of parts) body.append(field, new Blob([text]), name);
  return { body };
};

let service: Service;
beforeAll(async () => {
  service = await startService();
});
afterAll(() => service.close());

describe('POST /v1/policies/{name}/recheck', () => {
  it('a corrected record lifts 江苏\'s veto: 第三段 → 第二段 and 西藏, the last of 第二段, drops to 第三段', async () => {
    expect(after).not.toBe(before);
    const r = await call(service, 'POST', URL, form([['before', before, 'results.json'], ['after', after, 'corrected.json']]));
    expect(r.status).toBe(200);
    expect(r.body.period).toBe('2021');
    expect(r.body.data.changes.map((c: { unit: string; input: string }) => [c.unit, c.input])).toEqual([['江苏', '舆情事件']]);
    // 江苏: 76.48 − 0.30 (a 一般 舆情 in 信访舆情) = 76.18, still 27th, no longer vetoed
    const moved = (r.body.impact.tierChanges as Standing[]).map((u) => [u.id, u.before.total, u.after.total, u.after.rank, `${u.before.tier} → ${u.after.tier}`]);
    expect(moved).toEqual([
      ['江苏', 76.48, 76.18, 27, '第三段 → 第二段'],
      ['西藏', 64.12, 64.12, 35, '第二段 → 第三段'],
    ]);
    // the report the command prints, the data named by the files sent
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-recheck-'));
    try {
      writeFileSync(path.join(dir, 'results.json'), before);
      writeFileSync(path.join(dir, 'corrected.json'), after);
      const cli = await runCli(['recheck', SAMPLE_2021, '--data', 'results.json', '--data-after', 'corrected.json', '--period', '2021', '--format', 'markdown', '--lang', 'zh'], dir);
      expect(cli.code).toBe(0);
      expect(r.body.markdown).toBe(cli.stdout);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('reads the two data as a JSON body { before, after } as it reads them uploaded', async () => {
    const sent = await call(service, 'POST', URL, jsonInit(`{"before": ${before}, "after": ${after}}`));
    expect(sent.status).toBe(200);
    const uploaded = await call(service, 'POST', URL, form([['before', before, 'results.json'], ['after', after, 'corrected.json']]));
    expect([sent.body.data, sent.body.impact]).toEqual([uploaded.body.data, uploaded.body.impact]);
  });

  it('refuses a request without both data, or with files under another field, naming the place', async () => {
    const one = await call(service, 'POST', URL, jsonInit(`{"before": ${before}}`, { 'accept-language': 'en' }));
    expect([one.status, one.body.code, one.body.location]).toEqual([400, 'KS418', 'body.after']);
    expect(one.body.message).toContain('after is missing');
    const other = await call(service, 'POST', URL, form([['before', before, 'results.json'], ['files', after, 'corrected.json']]));
    expect([other.status, other.body.code, other.body.location, other.body.message]).toEqual([400, 'KS419', 'body.files', '复核上传的文件须放在字段 before 或 after 下，「files」不是其中之一']);
    const lacking = await call(service, 'POST', '/v1/policies/tax-provincial-2021/recheck?period=2031', jsonInit(`{"before": ${before}, "after": ${after}}`));
    expect([lacking.status, lacking.body.code]).toEqual([422, 'KS421']);
    expect(lacking.body.issues.map((i: { code: string }) => i.code)).toEqual(['KR231']);
  });
});
