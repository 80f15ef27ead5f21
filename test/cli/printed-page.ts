// Opens a page the CLI wrote in headless Chromium (as a person would open the file), keeps a screenshot and the
// printed PDF in test-artifacts/, and reports what a test checks: the requests made, the fonts that drew the
// page's heading, the PDF's pages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../../editor/harness/chromium.js';

export const ARTIFACTS = 'test-artifacts';

export interface PrintedPage {
  requests: string[];
  /** the platform fonts that drew the h1, and how many glyphs each */
  headingFonts: { familyName: string; glyphCount: number }[];
  headingText: string;
  pdf: Buffer;
  /** pages of the PDF (counted from its page objects) */
  pdfPages: number;
}

export async function printPage(file: string, name: string, check: (page: Page) => Promise<void> = async () => undefined): Promise<PrintedPage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const found = await findChromium(process.env.KAOPING_CHROMIUM);
  const browser = await chromium.launch({ executablePath: found.executablePath, ...(found.env ? { env: { ...process.env, ...found.env } } : {}), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
    await check(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(`${ARTIFACTS}/${name}.pdf`, pdf);
    return {
      requests,
      headingFonts: fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount })),
      headingText: (await page.locator('h1').textContent()) ?? '',
      pdf,
      pdfPages: (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
    };
  } finally {
    await browser.close();
  }
}
