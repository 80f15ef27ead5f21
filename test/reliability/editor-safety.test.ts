// The web editor shows policy and data text as text, never as HTML, and its workspace server writes only
// `.kp` files inside policies/, on the loopback interface. Browser part: the e2e harness (a preview build in
// headless Chromium) on a workspace holding one hostile policy.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, lstat, readlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditorSession, type EditorSession } from '../../editor/harness/browser-session.js';
import { compile } from '../../compiler/index.js';
import { hoverAt } from '../../editor/src/language/symbol-queries.js';
import { repoRoot } from './cases.js';

const WAIT = { timeout: 30_000 };
const IMG = '<img src=x onerror="window.pwned=1">';
const SCRIPT = '<script>window.pwned=2</script>';
/** IMG inside a `.kp` string literal. */
const IMG_KP = IMG.replaceAll('"', '\\"');

const policyText = `policy "演示${IMG_KP}" version "1" {
  precision 2
}
entity 局 "省局${SCRIPT}"
input 局 {
  备注: text "标签${IMG_KP}" missing default ""
  完成率: percent
}
section 考核 for 局 points 10 {
  indicator 完成 points 10 {
    doc "${SCRIPT}${IMG_KP}&lt;b&gt;粗体&lt;/b&gt; [链接](javascript:alert(1))"
    score = band 完成率 { >= 95%: 10分, >= 80%: 6分, else: 0分 } - (if 备注 == "${IMG_KP}" then 1分 else 0分)
  }
}
`;
const hostileUnits = [
  { id: IMG, kind: '局', name: SCRIPT, inputs: { 备注: IMG, 完成率: 0.97 } },
  { id: SCRIPT, kind: '局', name: IMG, inputs: { 备注: SCRIPT, 完成率: 0.85 } },
  { id: '"><svg onload=window.pwned=3>', kind: '局', name: '${window.pwned=4}', inputs: { 完成率: 0.5 } },
];

describe('hover text from policy docs', () => {
  it('escapes markdown and HTML in names and docs', () => {
    const result = compile([{ path: 'policies/xss/main.kp', text: policyText }]);
    expect(result.diagnostics).toEqual([]);
    const at = policyText.indexOf('indicator 完成') + 'indicator '.length;
    const hover = hoverAt(result.symbols!, 'policies/xss/main.kp', at, 'zh')!;
    const text = hover.lines.join('\n');
    expect(text).not.toMatch(/(?<!\\)</); // every < escaped, so no tag can open
    expect(text).not.toMatch(/(?<!\\)\[/); // nor a link
    expect(text).toContain('\\<script\\>');
  });
});

describe('the editor in a browser', () => {
  let session: EditorSession;
  let workspace: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'kp-xss-workspace-'));
    await mkdir(path.join(workspace, 'policies/xss/data'), { recursive: true });
    await writeFile(path.join(workspace, 'policies/xss/main.kp'), policyText);
    await writeFile(path.join(workspace, 'policies/xss/data/results.json'), JSON.stringify({ units: hostileUnits }));
    session = await openEditorSession({ workspace });
    session.page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
  });
  afterAll(async () => {
    await session?.close();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 only', () => {
    expect((session.server.httpServer.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('shows hostile unit ids, names, labels and docs as text', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.waitForSelector('kp-ranking-table tbody tr', WAIT);
    await page.waitForFunction(() => !document.querySelector('.preview.stale'), undefined, WAIT);
    const table = (await page.locator('kp-ranking-table').textContent()) ?? '';
    for (const u of hostileUnits) expect(table).toContain(u.name); // the table names units by their names
    // Explanations of every unit, and a hover over the indicator with the hostile doc.
    const rows = page.locator('kp-ranking-table tbody tr');
    for (let i = 0; i < (await rows.count()); i++) {
      await rows.nth(i).locator('button.score').first().click();
      await page.locator('.trace .trace-lines li').first().waitFor(WAIT);
    }
    const name = page.locator('kp-code-editor .view-line span span', { hasText: /^\s*完成\s*$/ }).first();
    await name.hover();
    const hover = page.locator('kp-code-editor .monaco-hover', { hasText: '指标' }).first();
    await hover.waitFor(WAIT);
    expect(await hover.textContent()).toContain('<script>window.pwned=2</script>');
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: unknown }).pwned ?? null,
      imgs: document.querySelectorAll('img[src="x"]').length,
      svgs: document.querySelectorAll('svg[onload]').length,
      inlineScripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('pwned')).length,
      links: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
    }));
    expect(injected).toEqual({ pwned: null, imgs: 0, svgs: 0, inlineScripts: 0, links: 0 });
    expect(dialogs).toEqual([]);
  }, 120_000);
});

describe('the workspace server confines saves', () => {
  let server: ViteDevServer;
  let root: string;
  let outside: string;
  let port: number;

  /** Every file under a folder with a hash of its bytes (symlinks by their target), for before/after checks. */
  async function snapshot(dir: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
      const full = path.join(e.parentPath, e.name);
      const key = path.relative(dir, full);
      if (e.isSymbolicLink()) out[key] = `-> ${await readlink(full)}`;
      else if (e.isFile()) out[key] = createHash('sha256').update(await readFile(full)).digest('hex');
    }
    return out;
  }

  /** A PUT with the raw path as written (no URL normalisation), as an attacker's client would send. */
  function put(rawPath: string, body = 'pwned'): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'PUT', path: rawPath, headers: { 'X-Kaoping-Save': '1', 'Content-Type': 'text/plain' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'kp-save-root-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'kp-save-outside-'));
    await mkdir(path.join(root, 'policies/demo/data'), { recursive: true });
    await writeFile(path.join(root, 'policies/demo/main.kp'), 'policy "演示" version "1" {}\n');
    await writeFile(path.join(root, 'secret.kp'), 'secret');
    await writeFile(path.join(root, 'package.json'), '{}');
    await writeFile(path.join(outside, 'victim.kp'), 'victim');
    await symlink(path.join(outside, 'victim.kp'), path.join(root, 'policies/demo/link.kp'));
    await symlink(outside, path.join(root, 'policies/escape'));
    // The dev server with the project's own config (its host setting included), serving this workspace.
    const previous = process.env.KAOPING_WORKSPACE;
    process.env.KAOPING_WORKSPACE = root;
    try {
      server = await createServer({
        configFile: path.join(repoRoot, 'vite.config.ts'),
        logLevel: 'silent',
        server: { port: 0, strictPort: false },
        optimizeDeps: { noDiscovery: true, include: [], entries: [] },
      });
      await server.listen();
    } finally {
      if (previous === undefined) delete process.env.KAOPING_WORKSPACE;
      else process.env.KAOPING_WORKSPACE = previous;
    }
    port = (server.httpServer!.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const attempts = [
    '/api/files/policies/../secret.kp',
    '/api/files/policies/demo/../../secret.kp',
    '/api/files/policies/%2e%2e/secret.kp',
    '/api/files/policies/demo/%2E%2E/%2E%2E/secret.kp',
    '/api/files/policies%2f..%2fsecret.kp',
    '/api/files/%2Ftmp%2Fpwned.kp',
    `/api/files/${encodeURIComponent(path.join(os.tmpdir(), 'pwned.kp'))}`,
    '/api/files/policies/demo/..%5C..%5Csecret.kp',
    '/api/files/policies\\..\\secret.kp',
    '/api/files/policies/demo/main.kp%00.txt',
    '/api/files/policies/demo/evil.kp%00',
    '/api/files/policies/demo/link.kp',
    '/api/files/policies/escape/victim.kp',
    '/api/files/policies/escape/new.kp',
    '/api/files/policies/demo/main.js',
    '/api/files/policies/demo/data/results.json',
    '/api/files/policies/demo/main.kp.sh',
    '/api/files/policies/demo/.kp',
    '/api/files/package.json',
    '/api/files/secret.kp',
    '/api/files/policies/demo',
    '/api/files/policies/demo/data',
    '/api/files/C:%5Cpwned.kp',
    '/api/files/policies/demo/%E0%A4%A.kp',
  ];

  it('the dev server listens on 127.0.0.1 only', () => {
    expect((server.httpServer!.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('refuses every path outside policies/, every other extension, symlinks and NUL bytes, writing nothing', async () => {
    const before = { root: await snapshot(root), outside: await snapshot(outside) };
    for (const attempt of attempts) {
      const status = await put(attempt);
      expect([attempt, status >= 400 && status < 500]).toEqual([attempt, true]);
    }
    expect({ root: await snapshot(root), outside: await snapshot(outside) }).toEqual(before);
    expect((await lstat(path.join(root, 'policies/demo/link.kp'))).isSymbolicLink()).toBe(true);
  }, 60_000);

  it('saves a .kp file inside policies/', async () => {
    expect(await put('/api/files/policies/demo/main.kp', 'policy "新" version "2" {}\n')).toBe(200);
    expect(await readFile(path.join(root, 'policies/demo/main.kp'), 'utf8')).toBe('policy "新" version "2" {}\n');
  });
});
