// `kaoping serve`: every endpoint on the bundled 2021 policy and its sample data (JSON, CSV files, workbook),
// answers checked against the OpenAPI spec; results byte-identical to `kaoping eval --out`.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { REPO, SAMPLE_2021, call, jsonInit, startService, type Service } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const DATA = path.join(SAMPLE_2021, 'data');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

let service: Service;
let expectedResults: string;

beforeAll(async () => {
  service = await startService();
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-serve-'));
  const run = await runCli(['eval', SAMPLE_2021, '--data', path.join(DATA, 'results.json'), '--period', '2021', '--out', path.join(dir, 'r.json')]);
  expect(run.code).toBe(0);
  expectedResults = readFileSync(path.join(dir, 'r.json'), 'utf8');
  rmSync(dir, { recursive: true });
});
afterAll(() => service.close());

function upload(files: string[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([readFileSync(file)]), path.basename(file));
  return form;
}

describe('policies', () => {
  it('lists the bundled policies with their versions, hashes and Git revisions', async () => {
    const r = await call(service, 'GET', '/v1/policies');
    expect(r.status).toBe(200);
    const p = r.body.policies.find((x: { name: string }) => x.name === 'tax-provincial-2021');
    expect(p).toMatchObject({ title: '税务绩效管理2021年版', version: '2021', errors: 0, rev: null });
    expect(p.revisions.length).toBeGreaterThan(0);
    expect(p.revisions[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("gives one policy's diagnostics, and its graph with the SHA-256 of `kaoping build`'s output", async () => {
    const info = await call(service, 'GET', '/v1/policies/tax-provincial-2021');
    expect(info.status).toBe(200);
    expect(info.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const graph = await call(service, 'GET', '/v1/policies/tax-provincial-2021/graph');
    expect(graph.status).toBe(200);
    const built = await runCli(['build', 'tax-provincial-2021'], path.join(REPO, 'policies'));
    expect(graph.body.graphSha256).toBe(sha256(built.stdout));
    expect(info.body.graphSha256).toBe(graph.body.graphSha256);
  });

  it('reads a Git revision of a policy', async () => {
    const r = await call(service, 'GET', '/v1/policies/tax-provincial-2021?rev=HEAD');
    expect(r.status).toBe(200);
    expect(r.body.rev).toBe('HEAD');
    expect(r.body.sources[0]).toMatch(/^HEAD:\.\/tax-provincial-2021\//);
    const missing = await call(service, 'GET', '/v1/policies/tax-provincial-2021?rev=no-such-branch');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('KS405');
  });

  it('runs the policy tests', async () => {
    const r = await call(service, 'GET', '/v1/policies/tax-provincial-2021/tests');
    expect(r.status).toBe(200);
    expect(r.body.failed).toBe(0);
    expect(r.body.passed).toBe(r.body.results.length);
    expect(r.body.passed).toBeGreaterThan(0);
  });
});

describe('check and build sources sent in the body', () => {
  const good = { path: 'a.kp', text: readFileSync(path.join(REPO, 'test/cli/fixtures/small-2021.kp'), 'utf8') };

  it('answers diagnostics as data, located by file, line and column', async () => {
    const ok = await call(service, 'POST', '/v1/check', jsonInit({ sources: [good] }));
    expect(ok.body).toMatchObject({ ok: true, diagnostics: [] });
    const bad = await call(service, 'POST', '/v1/check', jsonInit({ sources: [{ path: 'b.kp', text: `${good.text}\n@@@\n` }] }));
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.diagnostics[0]).toMatchObject({ file: 'b.kp', severity: 'error' });
    expect(bad.body.diagnostics[0].line).toBeGreaterThan(0);
  });

  it('builds a graph, or answers 422 with the diagnostics', async () => {
    const ok = await call(service, 'POST', '/v1/build', jsonInit({ sources: [good] }));
    expect(ok.status).toBe(200);
    expect(ok.body.graph.policy.name).toBeTruthy();
    const bad = await call(service, 'POST', '/v1/build', jsonInit({ sources: [{ path: 'b.kp', text: 'nonsense' }] }));
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('KS420');
    expect(bad.body.diagnostics.length).toBeGreaterThan(0);
  });

  it('refuses a body that does not fit the schema, naming the field', async () => {
    const r = await call(service, 'POST', '/v1/check', jsonInit({ sources: [{ path: 'a.kp' }] }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'KS400', location: 'body.sources.0.text' });
  });
});

describe('evaluate', () => {
  const url = '/v1/policies/tax-provincial-2021/evaluate?period=2021';

  it('evaluates a JSON body to the same results, byte for byte, as `kaoping eval --out r.json`', async () => {
    const bytes = readFileSync(path.join(DATA, 'results.json'));
    const r = await call(service, 'POST', url, jsonInit(bytes.toString('utf8')));
    expect(r.status).toBe(200);
    expect(r.body.resultsSha256).toBe(sha256(expectedResults));
    expect(r.body.dataSha256).toBe(sha256(bytes));
    expect(r.body.results).toEqual(JSON.parse(expectedResults));
  });

  it('evaluates CSV files uploaded together to the same results', async () => {
    const dir = path.join(DATA, 'csv');
    const files = readdirSync(dir).sort().map((f) => path.join(dir, f));
    const r = await call(service, 'POST', url, { body: upload(files) });
    expect(r.status).toBe(200);
    expect(r.body.resultsSha256).toBe(sha256(expectedResults));
    // Several files: the SHA-256 of their `sha256  name` lines, as sha256sum prints them.
    expect(r.body.dataSha256).toBe(sha256(files.map((f) => `${sha256(readFileSync(f))}  ${path.basename(f)}\n`).join('')));
  });

  it('evaluates an uploaded workbook to the same results', async () => {
    const r = await call(service, 'POST', url, { body: upload([path.join(DATA, 'results.xlsx')]) });
    expect(r.status).toBe(200);
    expect(r.body.resultsSha256).toBe(sha256(expectedResults));
  });

  it('answers 422 with the located issues when the data does not fit the policy, and skips bad units when asked', async () => {
    const data = JSON.parse(readFileSync(path.join(DATA, 'results.json'), 'utf8'));
    data.units[0].periods['2021'].政治建设测评 = '很多';
    const r = await call(service, 'POST', url, jsonInit(data));
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('KS421');
    expect(r.body.message).toContain('skipBadUnits=true');
    expect(r.body.issues[0]).toMatchObject({ severity: 'error', unit: data.units[0].id, field: '政治建设测评' });
    const skipped = await call(service, 'POST', `${url}&skipBadUnits=true`, jsonInit(data));
    expect(skipped.status).toBe(200);
    expect(skipped.body.results.skipped.map((s: { unit: string }) => s.unit)).toEqual([data.units[0].id]);
  });

  it('answers in English with Accept-Language: en', async () => {
    const r = await call(service, 'POST', url, jsonInit({ units: 'none' }, { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' }));
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/^The data has \d+ error\(s\); nothing was evaluated$/);
    const zh = await call(service, 'POST', url, jsonInit({ units: 'none' }));
    expect(zh.body.message).toMatch(/^数据有 \d+ 个错误，未进行考评$/);
  });
});

describe('explain and diff', () => {
  const data = () => jsonInit(readFileSync(path.join(DATA, 'results.json'), 'utf8'));

  it("explains one unit's scores as data and as sentences", async () => {
    const results = JSON.parse(expectedResults);
    const unit = results.units[0];
    const r = await call(service, 'POST', `/v1/policies/tax-provincial-2021/explain?period=2021&unit=${encodeURIComponent(unit.id)}`, data());
    expect(r.status).toBe(200);
    expect(r.body.trace.unit).toBe(unit.id);
    const cli = await runCli(['explain', SAMPLE_2021, '--data', path.join(DATA, 'results.json'), '--period', '2021', '--unit', unit.id, '--lang', 'zh']);
    expect(r.body.text).toBe(cli.stdout);
    const none = await call(service, 'POST', '/v1/policies/tax-provincial-2021/explain?period=2021&unit=nobody', data());
    expect(none.status).toBe(422);
    expect(none.body.issues[0].code).toBe('KR310');
  });

  it('diffs two versions, with the impact on data', async () => {
    const r = await call(service, 'POST', '/v1/policies/tax-provincial-2021/diff?from=HEAD&period=2021', data());
    expect(r.status).toBe(200);
    expect(r.body.impact.units.length).toBe(JSON.parse(expectedResults).units.length);
    expect(r.body.markdown).toMatch(/^# /);
    const plain = await call(service, 'POST', '/v1/policies/tax-provincial-2021/diff?from=HEAD');
    expect(plain.status).toBe(200);
    expect(plain.body.impact).toBeNull();
  });
});

describe('the editor', () => {
  it('serves the workspace API read-only, and / says how to build the editor when it is not built', async () => {
    const listing = await call(service, 'GET', '/api/workspace.json');
    expect(listing.body.readOnly).toBe(true);
    expect(listing.body.policies.some((p: { name: string }) => p.name === 'tax-provincial-2021')).toBe(true);
    const file = await call(service, 'GET', `/api/files/${encodeURI('policies/tax-provincial-2021/体系.kp')}`);
    expect(file.status).toBe(200);
    expect(file.body).toBe(readFileSync(path.join(SAMPLE_2021, '体系.kp'), 'utf8'));
    const save = await call(service, 'PUT', `/api/files/${encodeURI('policies/tax-provincial-2021/体系.kp')}`, { body: 'x', headers: { 'x-kaoping-save': '1' } });
    expect(save.status).toBe(404);
    const escape = await call(service, 'GET', '/api/files/policies/..%2F..%2Fetc%2Fpasswd');
    expect(escape.status).toBe(403);
    const home = await call(service, 'GET', '/');
    expect(home.body).toContain('npm run build');
  });

  it('serves the built editor at /, the live read-only workspace API taking precedence over its bundled copy', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'kaoping-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    mkdirSync(path.join(dist, 'api'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>kaoping editor</title>');
    writeFileSync(path.join(dist, 'assets', 'main.js'), 'export {};');
    writeFileSync(path.join(dist, 'api', 'workspace.json'), '{"readOnly":true,"policies":[]}');
    const built = await startService({ editorDir: dist });
    try {
      expect((await call(built, 'GET', '/')).body).toContain('kaoping editor');
      const js = await call(built, 'GET', '/assets/main.js');
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await call(built, 'GET', '/api/workspace.json')).body.policies.length).toBeGreaterThan(0);
      expect((await call(built, 'GET', '/v1/nothing')).body.code).toBe('KS406');
    } finally {
      await built.close();
      rmSync(dist, { recursive: true });
    }
  });
});
