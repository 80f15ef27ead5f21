// docs/embedding.md, section "The service": every ```sh block is run as written (from a folder holding the
// sample data at its repository path) against a server this test starts, its port put in for 8080 (8081: a
// second server, with a token); a ```json block right after a command is its exact answer.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO, SAMPLE_2021, startService, type Service } from './service.js';

// Each case starts servers, compiles policies and evaluates over HTTP: on two busy cores that takes seconds.
vi.setConfig({ testTimeout: 60_000 });

const TOKEN = 'walkthrough-token';

interface Block {
  script: string;
  answer: unknown;
}

function serviceBlocks(): Block[] {
  const doc = readFileSync(path.join(REPO, 'docs/embedding.md'), 'utf8');
  const start = doc.indexOf('\n## The service\n');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const fences = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, text: m[2]!, at: m.index!, end: m.index! + m[0].length }));
  const blocks: Block[] = [];
  fences.forEach((f, i) => {
    if (f.lang !== 'sh') return;
    const next = fences[i + 1];
    const answerFollows = next?.lang === 'json' && section.slice(f.end, next.at).trim() === '';
    blocks.push({ script: f.text, answer: answerFollows ? JSON.parse(next.text) : undefined });
  });
  return blocks;
}

function sh(script: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-e', '-c', script], { cwd, env: { ...process.env, KAOPING_TOKEN: TOKEN }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let plain: Service;
let withToken: Service;
let cwd: string;

beforeAll(async () => {
  plain = await startService();
  withToken = await startService({ token: TOKEN });
  cwd = mkdtempSync(path.join(tmpdir(), 'kaoping-walkthrough-'));
  cpSync(path.join(SAMPLE_2021, 'data'), path.join(cwd, 'policies/tax-provincial-2021/data'), { recursive: true });
});
afterAll(async () => {
  await plain.close();
  await withToken.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('the curl walkthrough of docs/embedding.md', () => {
  const blocks = serviceBlocks();

  it('has the walkthrough', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('block %i runs as written', async (_, block) => {
    const script = block.script
      .replaceAll('http://127.0.0.1:8080', plain.url)
      .replaceAll('http://127.0.0.1:8081', withToken.url);
    const r = await sh(script, cwd);
    expect(r.code, `${block.script}\n→ ${r.stdout.slice(0, 500)}\n${r.stderr}`).toBe(0);
    expect(r.stdout.trim()).not.toBe('');
    if (block.answer !== undefined) expect(JSON.parse(r.stdout)).toEqual(block.answer);
    // The three forms of the same data give the same results.
    if (script.includes('from-xlsx.json')) expect(r.stdout.trim()).toMatch(/^\{'[0-9a-f]{64}'\}$/);
  });
});
