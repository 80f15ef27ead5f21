// Hostile requests: each gets a clear 4xx { code, message, location }, and the server keeps serving.
import { symlinkSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SAMPLE_2021, call, jsonInit, policiesCopy, startService, type Service } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const DATA = readFileSync(path.join(SAMPLE_2021, 'data/results.json'), 'utf8');
const EVALUATE = '/v1/policies/tax-provincial-2021/evaluate?period=2021';

async function stillServes(service: Service): Promise<void> {
  const r = await call(service, 'GET', '/v1/policies/tax-provincial-2021');
  expect(r.status).toBe(200);
}

/** A raw connection that sends `text` and reports what comes back and when it is closed. */
function rawRequest(service: Service, text: string): { socket: net.Socket; closed: Promise<string> } {
  const { port } = new URL(service.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.write(text);
  return { socket, closed };
}

describe('names, revisions and files outside the policies', () => {
  let copy: ReturnType<typeof policiesCopy>;
  let service: Service;
  beforeAll(async () => {
    copy = policiesCopy();
    // A folder that is a symlink to a policy outside the policies folder: not one of its policies.
    symlinkSync(SAMPLE_2021, path.join(copy.policies, 'escape'));
    service = await startService({ policies: copy.policies });
  });
  afterAll(async () => {
    await service.close();
    copy.remove();
  });

  it.each([
    ['..%2F..%2Fetc', 400, 'KS402'],
    ['%2Fetc', 400, 'KS402'],
    ['.git', 400, 'KS402'],
    ['escape', 404, 'KS404'],
    ['no-such-policy', 404, 'KS404'],
  ])('refuses the policy name %s', async (name, status, code) => {
    const r = await call(service, 'GET', `/v1/policies/${name}`);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code, location: 'name' });
    await stillServes(service);
  });

  it('refuses `..` sent as a raw path (a browser or fetch would resolve it away)', async () => {
    const raw = rawRequest(service, 'GET /v1/policies/.. HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await raw.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"KS402"');
  });

  it.each(['--output=/tmp/x', 'HEAD..main', 'a b', 'HEAD:secret'])('refuses the revision %s', async (rev) => {
    const r = await call(service, 'GET', `/v1/policies/tax-provincial-2021?rev=${encodeURIComponent(rev)}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'KS403', location: 'rev' });
  });

  it('refuses editor file paths outside the policies', async () => {
    for (const p of ['policies/escape/体系.kp', 'policies/..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd']) {
      const r = await call(service, 'GET', `/api/files/${p}`);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
    }
    await stillServes(service);
  });
});

describe('bodies', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({ limits: { bodyBytes: 512 * 1024, units: 40 } });
  });
  afterAll(() => service.close());

  it('answers 413 to a body over the limit, and to an upload over it', async () => {
    const r = await call(service, 'POST', EVALUATE, jsonInit(' '.repeat(520 * 1024) + DATA));
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('KS413');
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(520 * 1024)]), 'big.csv');
    const upload = await call(service, 'POST', EVALUATE, { body: form });
    expect(upload.status).toBe(413);
    await stillServes(service);
  });

  it('answers 413 to data with more units than the limit', async () => {
    const r = await call(service, 'POST', EVALUATE, jsonInit(DATA));
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'KS414', location: 'body' });
    expect(r.body.message).toContain('上限 40');
  });

  it('answers 400 to malformed JSON, naming the body', async () => {
    const r = await call(service, 'POST', EVALUATE, jsonInit('{"units": [ '));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'KS408', location: 'body' });
    const empty = await call(service, 'POST', EVALUATE, jsonInit(''));
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('KS410');
  });

  it('answers 422 with located issues to a CSV that does not fit, and to a file that is no workbook', async () => {
    const csv = new FormData();
    csv.append('files', new Blob(['编号,名称,政治建设测评\n北京,北京局,"unclosed\n']), '省局.csv');
    const r = await call(service, 'POST', EVALUATE, { body: csv });
    expect(r.status).toBe(422);
    expect(r.body.issues.length).toBeGreaterThan(0);
    expect(r.body.issues[0].file).toBe('省局.csv');
    const xlsx = new FormData();
    xlsx.append('files', new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])]), 'results.xlsx');
    const bad = await call(service, 'POST', EVALUATE, { body: xlsx });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].file).toBe('results.xlsx');
    await stillServes(service);
  });

  it('answers 400 to a malformed upload, a form field (options go in the query), and a file type it does not read', async () => {
    const r = await call(service, 'POST', EVALUATE, { body: '--x\r\nContent-Disposition: form-data; name="files"; filename="a.csv"\r\n\r\nid', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('KS409');
    const field = new FormData();
    field.append('period', '2021');
    field.append('files', new Blob([DATA]), 'results.json');
    const ignored = await call(service, 'POST', '/v1/policies/tax-provincial-2021/evaluate', { body: field });
    expect(ignored.status).toBe(400);
    expect(ignored.body).toMatchObject({ code: 'KS417', location: 'body.period' });
    const form = new FormData();
    form.append('files', new Blob(['x']), 'evil.sh');
    const type = await call(service, 'POST', EVALUATE, { body: form });
    expect(type.status).toBe(400);
    expect(type.body.code).toBe('KS411');
    await stillServes(service);
  });

  it('answers 415 to a content type it does not read', async () => {
    const r = await call(service, 'POST', EVALUATE, { body: DATA, headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('KS407');
  });

  it('answers 400 in its own form to a request the HTTP parser refuses (a raw non-ASCII URL)', async () => {
    const raw = rawRequest(service, `GET /v1/policies/${'\u5317\u4eac'} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const answer = await raw.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"code":"KS412"');
    await stillServes(service);
  });

  it('answers 404 to an unknown endpoint', async () => {
    const r = await call(service, 'GET', '/v2/nothing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'KS406', location: 'url' });
  });
});

describe('token', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({ token: 's3cret-token' });
  });
  afterAll(() => service.close());

  it('answers 401 without the token or with a wrong one, and serves with it', async () => {
    for (const authorization of [undefined, 'Bearer wrong', 'Basic czNjcmV0LXRva2Vu', 'Bearer s3cret-token2']) {
      const r = await call(service, 'GET', '/v1/policies', { headers: authorization ? { authorization } : {} });
      expect(r.status, authorization).toBe(401);
      expect(r.body).toMatchObject({ code: 'KS401', location: 'header.authorization' });
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
    }
    const ok = await call(service, 'GET', '/v1/policies/tax-provincial-2021', { headers: { authorization: 'Bearer s3cret-token' } });
    expect(ok.status).toBe(200);
    expect((await call(service, 'GET', '/openapi.json')).status).toBe(200);
  });

  it('is required to listen on an address other than loopback', async () => {
    const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only loopback (127.0.0.1) is served without a token');
  });
});

describe('time and concurrency', () => {
  it('answers 503 to an evaluation over the time limit, checked between nodes of the graph', async () => {
    const service = await startService({ limits: { evaluationMs: 0 } });
    try {
      const r = await call(service, 'POST', EVALUATE, jsonInit(DATA));
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('KS503');
      await stillServes(service);
    } finally {
      await service.close();
    }
  });

  it('answers 429 beyond the evaluations in progress (a slow upload holds its place) and serves again after', async () => {
    const service = await startService({ limits: { concurrentEvaluations: 1 } });
    try {
      const slow = rawRequest(service, `POST ${EVALUATE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(DATA)}\r\n\r\n{`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const busy = await call(service, 'POST', EVALUATE, jsonInit(DATA));
      expect(busy.status).toBe(429);
      expect(busy.body.code).toBe('KS429');
      slow.socket.destroy();
      await slow.closed;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const r = await call(service, 'POST', EVALUATE, jsonInit(DATA));
      expect(r.status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('answers 408 to a client too slow to send its request, and serves the others meanwhile', async () => {
    const service = await startService({ limits: { requestMs: 1000 } });
    try {
      const slow = rawRequest(service, 'GET /v1/policies HTTP/1.1\r\nHost: x\r\n');
      await stillServes(service);
      const received = await slow.closed;
      expect(received).toMatch(/^HTTP\/1\.1 408/);
      expect(received).toContain('"code":"KS416"');
      await stillServes(service);
    } finally {
      await service.close();
    }
  });
});
