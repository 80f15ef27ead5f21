// Pages (a bulletin, a 绩效改进建议书) printed to PDF by a Chromium on the machine, headless: each page is written
// to a temporary folder, printed there by the browser, and read back. kaoping ships no browser: KAOPING_CHROMIUM
// names one, else the usual names are looked for on PATH; none found, or a print that fails, is said plainly.
// The pages are kaoping's own, self-contained (no script, nothing fetched, the data escaped): as root, where
// Chromium's sandbox cannot start, the browser runs without it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliMessage } from '../messages/index.js';
import { InputError, type CliContext } from './context.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser to print with: KAOPING_CHROMIUM, else the first of the usual names on PATH; null when none. */
export function chromiumOf(env: CliContext['env']): string | null {
  const chosen = env.KAOPING_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '')) {
    for (const name of NAMES) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** Each page printed to PDF (on the paper its @page rule asks for, with no header or footer), in order. */
export async function printPdf(ctx: CliContext, pages: readonly string[]): Promise<Uint8Array[]> {
  const browser = chromiumOf(ctx.env);
  if (browser === null) throw new InputError(cliMessage('pdfNoBrowser', { chosen: ctx.env.KAOPING_CHROMIUM ?? null }));
  const dir = await mkdtemp(path.join(tmpdir(), 'kaoping-pdf-'));
  try {
    const printed: Uint8Array[] = [];
    for (const [k, html] of pages.entries()) {
      const page = path.join(dir, `${k}.html`);
      const pdf = path.join(dir, `${k}.pdf`);
      await writeFile(page, html);
      const args = [
        '--headless',
        '--disable-gpu',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--no-pdf-header-footer',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ];
      const failure = await run(browser, args, ctx.env);
      if (failure !== null || !existsSync(pdf)) throw new InputError(cliMessage('pdfFailed', { browser, detail: failure ?? '' }));
      printed.push(new Uint8Array(await readFile(pdf)));
    }
    return printed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the browser to its end: null when it exits 0, else what it said last. */
function run(browser: string, args: string[], env: CliContext['env']): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(browser, args, { env: { ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said = (said + chunk.toString('utf8')).slice(-2000)));
    child.on('error', (e) => resolve(e.message));
    child.on('close', (code) => resolve(code === 0 ? null : said.trim().split('\n').slice(-3).join(' ') || `exit ${code}`));
  });
}
