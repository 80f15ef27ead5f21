// clients/python/kaoping_client.py (standard library only) against a started server: its command line and
// its module, JSON and CSV data, the results' SHA-256 recomputed in Python, failures as KaopingError.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO, SAMPLE_2021, startService, type Service } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const CLIENT_DIR = path.join(REPO, 'clients/python');
const DATA = path.join(SAMPLE_2021, 'data');

function python(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('python3', args, { cwd: CLIENT_DIR, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let service: Service;
beforeAll(async () => {
  service = await startService({ token: 'py-token' });
});
afterAll(() => service.close());

describe('the Python client', () => {
  const cli = (...args: string[]) => python(['kaoping_client.py', '--url', service.url, ...args], { KAOPING_TOKEN: 'py-token' });

  it('lists the policies and runs their tests from its command line', async () => {
    const list = await cli('policies');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).policies.map((p: { name: string }) => p.name)).toContain('tax-provincial-2021');
    const tests = await cli('tests', 'tax-provincial-2021');
    expect(tests.code).toBe(0);
    expect(JSON.parse(tests.stdout).failed).toBe(0);
  });

  it('evaluates JSON and CSV data to the same results, their SHA-256 checked in Python', async () => {
    const json = await cli('evaluate', 'tax-provincial-2021', path.join(DATA, 'results.json'), '--period', '2021');
    expect(json.code, json.stderr).toBe(0);
    const csvDir = path.join(DATA, 'csv');
    const csv = await cli('evaluate', 'tax-provincial-2021', ...readdirSync(csvDir).map((f) => path.join(csvDir, f)), '--period', '2021');
    expect(csv.code, csv.stderr).toBe(0);
    expect(JSON.parse(csv.stdout).resultsSha256).toBe(JSON.parse(json.stdout).resultsSha256);
    const explain = await cli('explain', 'tax-provincial-2021', path.join(DATA, 'results.json'), '--unit', '北京', '--period', '2021');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('北京');
  });

  it("lists a period's warnings (预警), from its command line and as a module", async () => {
    const all = await cli('monitor', 'tax-provincial-2021', path.join(DATA, 'monthly.json'), '--period', '2021M06');
    expect(all.code, all.stderr).toBe(0);
    // 16 严重 and 4 预警 at June (test/cli/monitor.test.ts works them out)
    expect(JSON.parse(all.stdout).warnings).toHaveLength(20);
    const script = `
import sys
from kaoping_client import KaopingClient
client = KaopingClient(sys.argv[1], token="py-token")
answer = client.monitor("tax-provincial-2021", "2021M06", data=open(sys.argv[2], "rb").read(), unit="北京")
for w in answer["warnings"]:
    print(w["unit"], w["level"], w["warning"], w["grounds"])
`;
    const r = await python(['-c', script, service.url, path.join(DATA, 'monthly.json')]);
    expect([r.code, r.stdout]).toEqual([0, '北京 severe 收入双过半 累计收入 20,764,991万元；年度收入预算 42,000,000万元\n']);
  });

  it('analyses the indicators (绩效分析) and their trend, from its command line and as a module', async () => {
    const year = await cli('analyze', 'tax-provincial-2021', path.join(DATA, 'results.json'), '--period', '2021');
    expect(year.code, year.stderr).toBe(0);
    // 35 of the 36 省局 at full points on 意识形态工作 and 安全稳定 (test/cli/analyze.test.ts)
    const flagged = JSON.parse(year.stdout).indicators.filter((i: { flags: string[] }) => i.flags.includes('uniform_full'));
    expect(flagged.map((i: { name: string; fullShare: number }) => [i.name, i.fullShare])).toEqual([['意识形态工作', 35 / 36], ['安全稳定', 35 / 36]]);
    const script = `
import sys
from kaoping_client import KaopingClient
client = KaopingClient(sys.argv[1], token="py-token")
answer = client.analyze("tax-provincial-2021", data=open(sys.argv[2], "rb").read(), periods=["2021Q1", "2021Q2"])
print(answer["periods"], len(answer["indicators"][0]["periods"]))
`;
    const r = await python(['-c', script, service.url, path.join(DATA, 'results.json')]);
    expect([r.code, r.stdout]).toEqual([0, "['2021Q1', '2021Q2'] 2\n"]);
  });

  it('rechecks corrected data (复核), from its command line (files) and as a module (JSON)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-py-recheck-'));
    try {
      const corrected = path.join(dir, 'corrected.json');
      // 江苏's 舆情事件 from 重大 to 一般 lifts its veto (test/cli/recheck.test.ts works it out)
      writeFileSync(corrected, readFileSync(path.join(DATA, 'results.json'), 'utf8').replace('"等级": "重大"', '"等级": "一般"'));
      const r = await cli('recheck', 'tax-provincial-2021', path.join(DATA, 'results.json'), corrected, '--period', '2021');
      expect(r.code, r.stderr).toBe(0);
      const moved = JSON.parse(r.stdout).impact.tierChanges.map((u: { id: string; after: { tier: string } }) => [u.id, u.after.tier]);
      expect(moved).toEqual([['江苏', '第二段'], ['西藏', '第三段']]);
      const script = `
import sys
from kaoping_client import KaopingClient
client = KaopingClient(sys.argv[1], token="py-token")
answer = client.recheck("tax-provincial-2021", open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read(), period="2021")
print([c["unit"] for c in answer["data"]["changes"]])
`;
      const m = await python(['-c', script, service.url, path.join(DATA, 'results.json'), corrected]);
      expect([m.code, m.stdout]).toEqual([0, "['江苏']\n"]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('makes the bulletin (通报) of a quarter against the one before, from its command line', async () => {
    const r = await cli('bulletin', 'tax-provincial-2021', path.join(DATA, 'results.json'), '--period', '2021Q2', '--previous', '2021Q1');
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    // 辽宁 from 10th to 2nd (test/cli/bulletin.test.ts works it out)
    expect(answer.bulletin.kinds[0].ranking.find((u: { id: string }) => u.id === '辽宁').movement).toBe('↑8');
    expect(answer.html).toMatch(/^<!doctype html>/i);
  });

  it('raises KaopingError with code, location and located issues; exits 1 from its command line', async () => {
    const script = `
import json, sys
from kaoping_client import KaopingClient, KaopingError, results_sha256
client = KaopingClient(sys.argv[1], token="py-token", language="en")
answer = client.evaluate("tax-provincial-2021", data=open(sys.argv[2], "rb").read(), period="2021")
assert results_sha256(answer["results"]) == answer["resultsSha256"]
data = json.load(open(sys.argv[2], encoding="utf-8"))
data["units"][0]["periods"]["2021"]["政治建设测评"] = "很多"
try:
    client.evaluate("tax-provincial-2021", data=data, period="2021")
except KaopingError as e:
    print(json.dumps({"status": e.status, "code": e.code, "location": e.location, "unit": e.issues[0]["unit"], "message": str(e)}, ensure_ascii=False))
try:
    KaopingClient(sys.argv[1], token="wrong").policies()
except KaopingError as e:
    print(json.dumps({"status": e.status, "code": e.code}))
`;

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });
    const r = await python(['-c', script, service.url, path.join(DATA, 'results.json')]);
    expect(r.code, r.stderr).toBe(0);
    const [bad, unauthorized] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(bad).toMatchObject({ status: 422, code: 'KS421', location: 'body', unit: '北京' });
    expect(bad.message).toMatch(/^422 KS421: The data has 1 error\(s\); nothing was evaluated/);
    expect(unauthorized).toEqual({ status: 401, code: 'KS401' });
    const missing = await cli('tests', 'no-such-policy');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('kaoping_client: 404 KS404: 没有名为「no-such-policy」的考评办法 (name)\n');
  });
});
