// The loopback load test of `kaoping serve`: a server started in a process of its own (as it is run), and
// CLIENTS concurrent clients in this process, each sending the 2021 sample data (POST …/evaluate?period=2021)
// again as soon as its previous answer is in, for SECONDS. Reports evaluations per second, latency p50/p99,
// errors (any answer but 200 with the expected results' SHA-256) and lost responses (requests never answered).
// Run alone: node --import tsx bench/serve-load.ts [SECONDS]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileGraph, policySources, timeMs } from './measure.js';
import { evaluateRequest, type EvaluationTask } from '../cli/serve/evaluate-request.js';
import { stableJson } from '../reports/stable-json.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const POLICY = path.join(root, 'policies', 'tax-provincial-2021');
const DATA = path.join(POLICY, 'data', 'results.json');
const URL_PATH = '/v1/policies/tax-provincial-2021/evaluate?period=2021';

export interface ServeLoad {
  clients: number;
  seconds: number;
  requests: number;
  ok: number;
  errors: number;
  lost: number;
  evaluationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** one evaluation of the same data in-process as a thread of the server does it (graph and kernels made once; reading, evaluating, the results' SHA-256 and the answer's bytes), median */
  inProcessMs: number;
}

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(root, 'cli', 'kaoping.mjs'), 'serve', '--port', '0', '--policies', path.join(root, 'policies')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = / http:\/\/127\.0\.0\.1:(\d+) /.exec(err);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`kaoping serve exited (${code}): ${err}`)));
  });
}

function post(agent: http.Agent, port: number, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: URL_PATH, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    // An answer that does not come within this is counted lost, so the test stays bounded.
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measureServeLoad(clients = 8, seconds = 30): Promise<ServeLoad> {
  const body = readFileSync(DATA);
  const graph = compileGraph(policySources(POLICY));
  // What a thread of the server does for one request (the graph parsed and its kernels made once): reading the
  // JSON body, evaluating with the default backend, the results' SHA-256 and the answer's bytes.
  const task: EvaluationTask = {
    graphSha256: 'sample',
    graphJson: new TextEncoder().encode(stableJson(graph)),
    data: { json: new Uint8Array(body) },
    period: '2021',
    skipBadUnits: false,
    maxUnits: Number.MAX_SAFE_INTEGER,
    evaluationMs: 60_000,
    withResults: false,
  };
  const first = await evaluateRequest(task);
  if (!first.ok) throw new Error('the sample data does not evaluate');
  const expected = first.resultsSha256;
  const inProcessMs = await timeMs(50, () => evaluateRequest(task));

  const { child, port } = await startServer();
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let lost = 0;
  try {
    // Warm up (compile the graph once, JIT), outside the figures.
    for (let i = 0; i < 5; i++) await post(agent, port, body);
    const end = performance.now() + seconds * 1000;
    const client = async () => {
      while (performance.now() < end) {
        requests++;
        const started = performance.now();
        try {
          const r = await post(agent, port, body);
          latencies.push(performance.now() - started);
          if (r.status !== 200 || (JSON.parse(r.text) as { resultsSha256: string }).resultsSha256 !== expected) errors++;
        } catch {
          lost++;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, client));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const ok = latencies.length - errors;
    return {
      clients,
      seconds: elapsed,
      requests,
      ok,
      errors,
      lost,
      evaluationsPerSecond: ok / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      inProcessMs,
    };
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await measureServeLoad(8, Number(process.argv[2] ?? 30));
  console.log(JSON.stringify(r, null, 2));
}
