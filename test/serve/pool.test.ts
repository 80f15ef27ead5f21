// `kaoping serve` as built, evaluating on its pool of worker threads: concurrent evaluations give the bytes of an
// in-process evaluation; one past the time limit gets 503 and the server goes on serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, SAMPLE_2021 } from './service.js';
import { compileFolder } from '../runtime/compile-helper.js';
import { evaluate } from '../../runtime/index.js';
import { resultsSha256 } from '../../cli/decision-log.js';

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

function serve(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [path.join(REPO, 'cli/kaoping.mjs'), 'serve', '--port', '0', '--policies', path.join(REPO, 'policies'), ...args], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = / (http:\/\/127\.0\.0\.1:\d+) /.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`kaoping serve exited (${code}): ${err}`)));
  });
}

const body = readFileSync(path.join(SAMPLE_2021, 'data/results.json'));
const post = (url: string) =>
  fetch(`${url}/v1/policies/tax-provincial-2021/evaluate?period=2021`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('kaoping serve on worker threads', () => {
  it('answers concurrent evaluations with the results of an in-process evaluation', async () => {
    const url = await serve(['--workers', '2']);
    const expected = evaluate(compileFolder(SAMPLE_2021), body.toString('utf8'), { period: '2021', backend: 'reference' }).results!;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(url)));
    for (const a of answers) {
      expect(a.status).toBe(200);
      const r = (await a.json()) as { resultsSha256: string; results: unknown };
      expect(r.resultsSha256).toBe(resultsSha256(expected));
      expect(r.results).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    // Malformed JSON is read on the thread and answered as a bad request.
    const bad = await fetch(`${url}/v1/policies/tax-provincial-2021/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"units": [' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('KS408');
  }, 120_000);

  it('stops an evaluation past the time limit with 503, and serves on', async () => {
    const url = await serve(['--workers', '1', '--timeout', '1']);
    const late = await post(url);
    expect(late.status).toBe(503);
    expect(((await late.json()) as { code: string }).code).toBe('KS503');
    const list = await fetch(`${url}/v1/policies`);
    expect(list.status).toBe(200);
  }, 120_000);
});
