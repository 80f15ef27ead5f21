// `kaoping bulletin --out 通报.pdf` and `kaoping feedback --pdf`: the pages printed to PDF by the Chromium the
// browser tests use (named in KAOPING_CHROMIUM), the Chinese drawn in an embedded CJK font; without a browser, or
// with one named that is not there, a plain message, exit 1, and nothing written.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findChromium } from '../../editor/harness/chromium.js';
import { chromiumOf } from '../../cli/print-pdf.js';
import { runCli } from './run-cli.js';
import { ARTIFACTS } from './printed-page.js';

// A browser started per page, on shared cores.
vi.setConfig({ testTimeout: 180_000 });

const TAX = 'policies/tax-provincial-2021';
const DATA = `${TAX}/data/results.json`;

let browserEnv: Record<string, string>;
beforeAll(async () => {
  const found = await findChromium(process.env.KAOPING_CHROMIUM);
  browserEnv = { KAOPING_CHROMIUM: found.executablePath, ...found.env, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
});

/** What a test reads of a PDF: its pages (page objects) and the fonts it embeds. */
function pdfOf(file: string): { pages: number; fonts: string[] } {
  const bytes = readFileSync(file).toString('latin1');
  expect(bytes.startsWith('%PDF-')).toBe(true);
  return {
    pages: (bytes.match(/\/Type\s*\/Page[^s]/g) ?? []).length,
    fonts: [...new Set([...bytes.matchAll(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]!))],
  };
}

describe('PDF printed by a Chromium on the machine', () => {
  it('bulletin --out 通报.pdf: the year on several A4 pages, its Chinese in WenQuanYi Micro Hei', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-pdf-'));
    const out = path.join(dir, '通报.pdf');
    const r = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021', '--out', out, '--lang', 'zh'], process.cwd(), undefined, undefined, browserEnv);
    expect([r.code, r.stderr]).toEqual([0, `已写入 ${out}\n`]);
    const pdf = pdfOf(out);
    // two kinds' rankings (18 and 36 rows), tier counts, flagged units and two indicator tables do not fit one page
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.fonts).toContain('WenQuanYiMicroHei');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, 'bulletin-2021-cli.pdf'), readFileSync(out));
  });

  it('feedback --pdf: a PDF beside each page and workbook', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-pdf-')), '建议书');
    const r = await runCli(['feedback', TAX, '--data', DATA, '--period', '2021', '--unit', '河北', '--out', dir, '--pdf'], process.cwd(), undefined, undefined, browserEnv);
    expect([r.code, r.stderr]).toEqual([0, `wrote 3 files to ${dir}\n`]);
    expect(readdirSync(dir).sort()).toEqual(['河北.html', '河北.pdf', '河北.xlsx']);
    const pdf = pdfOf(path.join(dir, '河北.pdf'));
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.fonts).toContain('WenQuanYiMicroHei');
  });

  it('without a browser: said, exit 1, nothing written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-pdf-'));
    const out = path.join(dir, '通报.pdf');
    const none = await runCli(['bulletin', TAX, '--data', DATA, '--period', '2021', '--out', out, '--lang', 'zh'], process.cwd(), undefined, undefined, { PATH: dir });
    expect([none.code, none.stderr]).toEqual([1, 'kaoping: 打印 PDF 需要本机安装的 Chromium：在 PATH 中找不到 chromium，请安装，或以 KAOPING_CHROMIUM 指定其路径\n']);
    const named = await runCli(['feedback', TAX, '--data', DATA, '--period', '2021', '--unit', '河北', '--out', path.join(dir, 'fb'), '--pdf'], process.cwd(), undefined, undefined, { KAOPING_CHROMIUM: '/nonexistent/chromium' });
    expect([named.code, named.stderr]).toEqual([1, 'kaoping: KAOPING_CHROMIUM=/nonexistent/chromium: no such file, so no PDF can be printed\n']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('looks for the browser by its usual names on PATH', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-pdf-path-'));
    writeFileSync(path.join(dir, 'chromium-browser'), '');
    expect(chromiumOf({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(path.join(dir, 'chromium-browser'));
    expect(chromiumOf({ PATH: '/nonexistent' })).toBeNull();
  });
});
