// Drives the editor in headless Chromium (Debian's, or the packaged one: see chromium.ts): builds the editor into a temporary folder, serves it with
// Vite's preview server (which carries the workspace API) on 127.0.0.1 and a free port, launches the browser
// on a fresh profile, and closes all of it. Used by the end-to-end tests and the keystroke-to-preview
// benchmark. A build, not the dev server: the dev server's first load pre-bundles Monaco, which is slow
// and can reload the page.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { findChromium } from './chromium.js';

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
  server: PreviewServer;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  viewport?: { width: number; height: number };
  /** A folder holding a `policies/` to serve instead of the repository's (saves then go there). */
  workspace?: string;
}

export async function openEditorSession(options: SessionOptions = {}): Promise<EditorSession> {
  const browser = await findChromium(process.env.KAOPING_CHROMIUM);
  const configFile = path.join(repoRoot, 'vite.config.ts');
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'kp-editor-build-'));
  // The config reads the workspace folder when it is loaded, by build() and by preview().
  const previousWorkspace = process.env.KAOPING_WORKSPACE;
  if (options.workspace) process.env.KAOPING_WORKSPACE = options.workspace;
  let server: PreviewServer;
  try {
    // Unminified and without gzip size reports: the same bundle, built in a fraction of the time.
    await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false } });
    server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { port: 0, strictPort: false, open: false } });
  } finally {
    if (previousWorkspace === undefined) delete process.env.KAOPING_WORKSPACE;
    else process.env.KAOPING_WORKSPACE = previousWorkspace;
  }
  const { address, port } = server.httpServer.address() as AddressInfo;
  const url = `http://${address}:${port}/`;
  const profile = await mkdtemp(path.join(os.tmpdir(), 'kp-chromium-'));
  const cleanUp = async () => {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  };
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      ...(browser.env ? { env: { ...process.env, ...browser.env } } : {}),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
  } catch (error) {
    await cleanUp();
    throw new Error(`Chromium did not start (${browser.source}): ${(error as Error).message}`, { cause: error });
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
      await cleanUp();
    },
  };
}
