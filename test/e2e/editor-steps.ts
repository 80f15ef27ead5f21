// Steps the editor's browser tests share: what an author does in the page, and what they wait for.
import type { Page } from 'playwright-core';

export const WAIT = { timeout: 30_000 };

/** Replaces text in the open file through Monaco's find/replace widget, as an author would. */
export async function replaceInEditor(page: Page, find: string, replacement: string): Promise<void> {
  await page.locator('kp-code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+H');
  await page.locator('kp-code-editor .find-widget .find-part textarea').first().fill(find);
  await page.locator('kp-code-editor .find-widget .replace-part textarea').first().fill(replacement);
  await page.keyboard.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

/** Waits for a ranking that is the current sources' (not a stale one kept from before an error). */
export async function previewIsFresh(page: Page): Promise<void> {
  await page.waitForSelector('kp-ranking-table tbody tr', WAIT);
  await page.waitForFunction(() => !document.querySelector('.preview.stale'), undefined, WAIT);
}
