// The browser the editor tests drive: the packaged Chromium starts and renders a page on any machine (the
// system's is hidden here), and a KAOPING_CHROMIUM that names nothing is an error that says so.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../editor/harness/chromium.js';

describe('the browser for the editor tests', () => {
  it('starts the packaged Chromium with its own libraries when the system one is hidden', async () => {
    const browser = await findChromium('bundled');
    expect(browser.executablePath).not.toBe('/usr/bin/chromium');
    expect(browser.env?.LD_LIBRARY_PATH).toMatch(/kaoping-chromium/);
    const profile = await mkdtemp(path.join(os.tmpdir(), 'kp-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      env: { ...process.env, ...browser.env },
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setContent('<p id="p"></p><script>document.getElementById("p").textContent = String(6 * 7)</script>');
      expect(await page.textContent('#p')).toBe('42');
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it('names a KAOPING_CHROMIUM that does not exist', async () => {
    await expect(findChromium('/nonexistent/chromium')).rejects.toThrow('KAOPING_CHROMIUM=/nonexistent/chromium: no such file');
  });

  it('takes the system browser when present and not hidden', async () => {
    const browser = await findChromium(undefined);
    if (existsSync('/usr/bin/chromium')) expect(browser.executablePath).toBe('/usr/bin/chromium');
    else expect(browser.source).toMatch(/^@sparticuz\/chromium /);
  });
});
