// The workspace server: confinement of reads and saves to `policies/`, atomic saves, loopback binding.
import { mkdtemp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSource } from '../../editor/server/policy-files.js';
import { workspacePlugin } from '../../editor/server/workspace-plugin.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let root: string;
let outside: string;
let server: ViteDevServer;
let base: string;

async function put(workspacePath: string, body: string, headers: Record<string, string> = { 'X-Kaoping-Save': '1' }) {
  const url = `${base}/api/files/${workspacePath.split('/').map(encodeURIComponent).join('/')}`;
  return fetch(url, { method: 'PUT', body, headers });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kp-workspace-'));
  outside = await mkdtemp(path.join(os.tmpdir(), 'kp-outside-'));
  await mkdir(path.join(root, 'policies/demo/data'), { recursive: true });
  await writeFile(path.join(root, 'policies/demo/main.kp'), 'policy "演示" version "1" {}\n');
  await writeFile(path.join(root, 'policies/demo/data/results.json'), '{"units":[]}');
  await writeFile(path.join(root, 'secret.kp'), 'outside policies');
  await writeFile(path.join(outside, 'victim.kp'), 'victim');
  await symlink(path.join(outside, 'victim.kp'), path.join(root, 'policies/demo/link.kp'));
  await symlink(outside, path.join(root, 'policies/escape'));
  server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [workspacePlugin(root)],
    server: { port: 0, strictPort: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('workspace server', () => {
  it('binds the loopback interface only', () => {
    const address = server.httpServer!.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
  });

  it('lists policies with their sources and sample data', async () => {
    const listing = await (await fetch(`${base}/api/workspace.json`)).json();
    expect(listing.readOnly).toBe(false);
    const demo = listing.policies.find((p: { name: string }) => p.name === 'demo');
    // The symlink `link.kp` is not listed: only regular files are part of the workspace.
    expect(demo.sources).toEqual(['policies/demo/main.kp']);
    expect(demo.data).toEqual(['policies/demo/data/results.json']);
  });

  it('saves a .kp source atomically, leaving no temporary file', async () => {
    const target = path.join(root, 'policies/demo/main.kp');
    const before = await stat(target);
    const response = await put('policies/demo/main.kp', 'policy "演示" version "2" {}\n');
    expect(response.status).toBe(200);
    expect(await readFile(target, 'utf8')).toBe('policy "演示" version "2" {}\n');
    // Replaced by rename: a new file took the old one's place instead of being rewritten in place.
    expect((await stat(target)).ino).not.toBe(before.ino);
    expect((await readdir(path.dirname(target))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['policies/demo/../../secret.kp', 403],
    ['policies/../secret.kp', 403],
    ['../secret.kp', 404], // the URL itself normalises to /api/secret.kp, which is no endpoint
    ['secret.kp', 403],
    ['/etc/passwd.kp', 403],
    ['policies/demo/notes.txt', 403],
    ['policies/demo/data/results.json', 403],
    ['policies/demo/link.kp', 403],
    ['policies/escape/victim.kp', 403],
    ['policies/demo\\..\\..\\secret.kp', 400],
  ])('rejects saving to %s', async (target, status) => {
    const response = await put(target, 'overwritten');
    expect(response.status).toBe(status);
    expect(await response.text()).not.toBe('');
    expect(await readFile(path.join(root, 'secret.kp'), 'utf8')).toBe('outside policies');
    expect(await readFile(path.join(outside, 'victim.kp'), 'utf8')).toBe('victim');
  });

  it('rejects encoded traversal in the URL', async () => {
    const response = await fetch(`${base}/api/files/policies%2F..%2Fsecret.kp`, {
      method: 'PUT',
      body: 'x',
      headers: { 'X-Kaoping-Save': '1' },
    });
    expect(response.status).toBe(403);
  });

  it('rejects a save without the save header (cross-origin forms cannot set it)', async () => {
    const response = await put('policies/demo/main.kp', 'x', {});
    expect(response.status).toBe(403);
    expect(await readFile(path.join(root, 'policies/demo/main.kp'), 'utf8')).not.toBe('x');
  });

  it('reads sources and data but not files outside policies/', async () => {
    expect((await fetch(`${base}/api/files/policies/demo/data/results.json`)).status).toBe(200);
    expect((await fetch(`${base}/api/files/policies/escape/victim.kp`)).status).toBe(403);
    expect((await fetch(`${base}/api/files/policies/demo/missing.kp`)).status).toBe(404);
  });

  it('leaves the target untouched and no temporary file when the rename fails', async () => {
    const dir = path.join(root, 'policies/demo/blocked.kp');
    await mkdir(dir);
    await expect(saveSource(dir, 'text')).rejects.toThrow();
    expect((await stat(dir)).isDirectory()).toBe(true);
    expect((await readdir(path.join(root, 'policies/demo'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the project configuration', () => {
  it('serves the editor on 127.0.0.1', async () => {
    const dev = await createServer({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'silent',
      server: { port: 0 },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    try {
      await dev.listen();
      expect((dev.httpServer!.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await dev.close();
    }
  });
});
