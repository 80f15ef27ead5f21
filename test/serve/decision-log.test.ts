// The decision log of `kaoping eval --log` and `kaoping serve --log`, and `kaoping replay`: a line reproduces
// while policy, data and evaluation are unchanged, and says which of them changed when it does not.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { SAMPLE_2021, call, jsonInit, policiesCopy, startService } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
let work: ReturnType<typeof policiesCopy>;
let log: string;

beforeEach(() => {
  work = policiesCopy();
  log = path.join(work.root, 'log');
});
afterEach(() => work.remove());

function logLines(): Record<string, any>[] {
  const files = readdirSync(log).filter((f) => /^decisions-\d{4}-\d{2}-\d{2}\.jsonl$/.test(f));
  expect(files.length).toBe(1);
  return readFileSync(path.join(log, files[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

const logFile = () => path.join(log, readdirSync(log).find((f) => f.endsWith('.jsonl'))!);

describe('kaoping eval --log', () => {
  it('logs one line per evaluation with the hashes of graph, data and results; replay reproduces it', async () => {
    const policy = path.join(work.policies, 'tax-provincial-2021');
    const data = path.join(work.root, 'results.json');
    cpSync(path.join(SAMPLE_2021, 'data/results.json'), data);
    const out = path.join(work.root, 'r.json');
    const run = await runCli(['eval', 'policies/tax-provincial-2021', '--data', 'results.json', '--period', '2021', '--out', out, '--log', 'log'], work.root);
    expect(run.code).toBe(0);
    const built = await runCli(['build', 'policies/tax-provincial-2021'], work.root);
    const [line] = logLines();
    expect(line).toMatchObject({
      by: 'eval',
      policy: { spec: 'policies/tax-provincial-2021', cwd: work.root, name: '税务绩效管理2021年版', version: '2021' },
      graphSha256: sha256(built.stdout),
      data: { sha256: sha256(readFileSync(data)), files: [{ name: 'results.json', path: data }] },
      period: '2021',
      skipBadUnits: false,
      resultsSha256: sha256(readFileSync(out)),
    });
    expect(line!.counts.units).toBe(JSON.parse(readFileSync(out, 'utf8')).units.length);

    const replay = await runCli(['replay', logFile()]);
    expect(replay.stdout).toContain(': reproduced (results SHA-256');
    expect(replay.code).toBe(0);
    const one = await runCli(['replay', JSON.stringify(line)]);
    expect(one.code).toBe(0);

    // The data changed at its path: named, exit 1.
    writeFileSync(data, readFileSync(data, 'utf8').replace('0.9219', '0.9218'));
    const changed = await runCli(['replay', logFile()]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`NOT reproduced: data file results.json: ${data} has changed since it was logged`);
    // Given as --data, the right bytes reproduce again.
    const given = await runCli(['replay', logFile(), '--data', path.join(SAMPLE_2021, 'data/results.json')]);
    expect(given.code).toBe(0);

    // The policy changed: its graph is not the one logged.
    const kp = path.join(policy, readdirSync(policy).find((f) => f.endsWith('.kp'))!);
    // A line added at the top moves every rule: their source places are part of the graph.
    writeFileSync(kp, '\n' + readFileSync(kp, 'utf8'));
    const edited = await runCli(['replay', logFile(), '--data', path.join(SAMPLE_2021, 'data/results.json')]);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain("has changed since: its graph's SHA-256 is");
  });

  it('says when the results differ, and refuses a line that is not a decision', async () => {
    await runCli(['eval', 'policies/tax-provincial-2021', '--data', path.join(SAMPLE_2021, 'data/results.json'), '--period', '2021', '--log', 'log', '--log-data'], work.root);
    const [line] = logLines();
    expect(line!.data.files[0].kept).toBe(true);
    expect(existsSync(path.join(log, 'data', line!.data.sha256))).toBe(true);
    const forged = { ...line, resultsSha256: '0'.repeat(64) };
    const r = await runCli(['replay', JSON.stringify(forged), '--log', log]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT reproduced: the results differ: their SHA-256 is');
    const bad = await runCli(['replay', '{"time": 1}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^kaoping: line: not a decision log line \(/);
  });
});

describe('kaoping serve --log', () => {
  it('logs each evaluation, keeps the data with --log-data, and replay reproduces every line', async () => {
    const service = await startService({ policies: work.policies, log, logData: true });
    try {
      const json = readFileSync(path.join(SAMPLE_2021, 'data/results.json'));
      const a = await call(service, 'POST', '/v1/policies/tax-provincial-2021/evaluate?period=2021', jsonInit(json.toString('utf8')));
      expect(a.status).toBe(200);
      const form = new FormData();
      const csv = path.join(SAMPLE_2021, 'data/csv');
      for (const f of readdirSync(csv)) form.append('files', new Blob([readFileSync(path.join(csv, f))]), f);
      const b = await call(service, 'POST', '/v1/policies/tax-provincial-2021/evaluate?period=2021', { body: form });
      expect(b.status).toBe(200);
      const lines = logLines();
      expect(lines.map((l) => l.resultsSha256)).toEqual([a.body.resultsSha256, b.body.resultsSha256]);
      expect(lines.map((l) => l.data.sha256)).toEqual([a.body.dataSha256, b.body.dataSha256]);
      expect(lines[0]!.policy).toMatchObject({ spec: 'tax-provincial-2021', cwd: work.policies });
      for (const f of lines[1]!.data.files) expect(existsSync(path.join(log, 'data', f.sha256))).toBe(true);
    } finally {
      await service.close();
    }
    const replay = await runCli(['replay', logFile()]);
    expect(replay.stdout).toContain('2 decisions reproduced, 0 not');
    expect(replay.code).toBe(0);
    // Moved elsewhere, the policies folder is given with --policies.
    const moved = mkdtempSync(path.join(tmpdir(), 'kaoping-moved-'));
    try {
      cpSync(work.policies, moved, { recursive: true });
      rmSync(work.policies, { recursive: true });
      expect((await runCli(['replay', logFile()])).code).toBe(1);
      expect((await runCli(['replay', logFile(), '--policies', moved])).code).toBe(0);
    } finally {
      rmSync(moved, { recursive: true });
    }
  });

  it('without --log-data keeps no data: replay says so, and reproduces with --data', async () => {
    const service = await startService({ policies: work.policies, log });
    try {
      await call(service, 'POST', '/v1/policies/tax-provincial-2021/evaluate?period=2021', jsonInit(readFileSync(path.join(SAMPLE_2021, 'data/results.json'), 'utf8')));
    } finally {
      await service.close();
    }
    expect(existsSync(path.join(log, 'data'))).toBe(false);
    const r = await runCli(['replay', logFile()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('data file data.json is not found');
    expect((await runCli(['replay', logFile(), '--data', path.join(SAMPLE_2021, 'data/results.json')])).code).toBe(0);
  });
});
