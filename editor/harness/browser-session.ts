// Drives the editor in headless Debian Chromium: starts the dev server through Vite's API on 127.0.0.1
// (a free port), launches the browser on a fresh profile, and closes both. Used by the end-to-end tests and
// the keystroke-to-preview benchmark.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

export const CHROMIUM = process.env.KAOPING_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface EditorSession {
  url: string;
  page: Page;
  context: BrowserContext;
  server: ViteDevServer;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openEditorSession(options: { viewport?: { width: number; height: number } } = {}): Promise<EditorSession> {
  const server = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    logLevel: 'warn',
    server: { port: 0, strictPort: false, open: false },
  });
  await server.listen();
  const { address, port } = server.httpServer!.address() as AddressInfo;
  const url = `http://${address}:${port}/`;
  const profile = await mkdtemp(path.join(os.tmpdir(), 'kp-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    url,
    page,
    context,
    server,
    errors,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
