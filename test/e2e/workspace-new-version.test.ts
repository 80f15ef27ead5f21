// The workspace server's 另存为新版本: a policy's next version in a new folder under policies/, as
// `kaoping new-version` makes it; refused for a bad name, an existing folder, a source without a year.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceMiddleware } from '../../editor/server/workspace-plugin.js';

let root: string;
let server: Server;
let base: string;

const POLICY = `policy "税务绩效管理2021年版" version "2021" { }
periods 2021 from 2021Q1, 2021Q2, 2021Q3, 2021Q4 by sum
entity 局
input 局 { 甲: percent }
section 业务 for 局 points 10 {
  indicator 一 points 10 { score = 甲 * 10分 }
}
`;

function post(body: unknown, headers: Record<string, string> = { 'X-Kaoping-Save': '1', 'Content-Type': 'application/json' }) {
  return fetch(`${base}/api/new-version`, { method: 'POST', body: JSON.stringify(body), headers });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kp-new-version-'));
  await mkdir(path.join(root, 'policies/p-2021/data'), { recursive: true });
  await writeFile(path.join(root, 'policies/p-2021/体系.kp'), POLICY);
  await writeFile(path.join(root, 'policies/p-2021/data/results.json'), '{"units":[]}');
  await mkdir(path.join(root, 'policies/no-year'), { recursive: true });
  await writeFile(path.join(root, 'policies/no-year/a.kp'), 'policy "演示" version "一" {}\n');
  const handler = workspaceMiddleware(root);
  server = createServer((req, res) => handler(req as never, res, () => { res.statusCode = 404; res.end(); }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('POST /api/new-version', () => {
  it('copies the sources with the version, name and periods bumped, and not the data', async () => {
    const response = await post({ from: 'p-2021', to: 'p-2022', version: '2022' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, name: 'p-2022', files: 1, edits: expect.any(Number), mentions: expect.any(Number) });
    expect(await readdir(path.join(root, 'policies/p-2022'))).toEqual(['体系.kp']);
    const text = await readFile(path.join(root, 'policies/p-2022/体系.kp'), 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'policy "税务绩效管理2022年版" version "2022" { }',
      'periods 2022 from 2022Q1, 2022Q2, 2022Q3, 2022Q4 by sum',
    ]);
  });

  it('refuses an existing folder, a bad name, an unknown source, a version without a year, and a request without the header', async () => {
    const refused = async (body: unknown) => {
      const r = await post(body);
      return [r.status, (await r.json()).reason];
    };
    expect(await refused({ from: 'p-2021', to: 'p-2022', version: '2023' })).toEqual([409, 'exists']);
    expect(await refused({ from: 'p-2021', to: '../escape', version: '2023' })).toEqual([400, 'badName']);
    expect(await refused({ from: 'p-2021', to: 'a.b', version: '2023' })).toEqual([400, 'badName']);
    expect(await refused({ from: 'nothing', to: 'x', version: '2023' })).toEqual([404, 'noSource']);
    expect(await refused({ from: 'p-2021', to: 'y', version: '下一版' })).toEqual([422, 'noYear']);
    expect(await refused({ from: 'no-year', to: 'z', version: '2022' })).toEqual([422, 'noYear']);
    expect((await post({ from: 'p-2021', to: 'w', version: '2023' }, { 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await readdir(path.join(root, 'policies'))).sort()).toEqual(['no-year', 'p-2021', 'p-2022']);
  });
});
