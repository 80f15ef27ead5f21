// The web editor end to end, in headless Chromium against the dev server: open the default policy, break and
// fix its types, change points and watch the ranking, explain a score, open the review view.
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditorSession, type EditorSession } from '../../editor/harness/browser-session.js';

const ARTIFACTS = 'test-artifacts';
const WAIT = { timeout: 30_000 };
const BROWSER_TEST = 60_000;
let session: EditorSession;
let page: Page;
let workspace: string; // a copy of the repository's policies: the tests save into it

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/editor-${name}.png` });
}

/** Replaces text in the open file through Monaco's own find/replace widget, as an author would. */
async function replaceInEditor(find: string, replacement: string): Promise<void> {
  await page.locator('kp-code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+H');
  const findInput = page.locator('kp-code-editor .find-widget .find-part textarea').first();
  await findInput.fill(find);
  const replaceInput = page.locator('kp-code-editor .find-widget .replace-part textarea').first();
  await replaceInput.fill(replacement);
  await page.keyboard.press('Control+Alt+Enter'); // replace all
  await page.keyboard.press('Escape');
}

async function openFile(name: string): Promise<void> {
  await page.locator(`kp-file-tree button.tree-file[data-path$="/${name}"]`).click();
  await page.waitForFunction((n) => document.querySelector('.tab.active button')?.textContent?.includes(n), name);
}

async function rankingSnapshot(): Promise<string[]> {
  return page.locator('kp-ranking-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()).join('|')),
  );
}

async function previewIsFresh(): Promise<void> {
  await page.waitForSelector('kp-ranking-table tbody tr', WAIT);
  await page.waitForFunction(() => !document.querySelector('.preview.stale'), undefined, WAIT);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  workspace = await mkdtemp(path.join(os.tmpdir(), 'kp-e2e-workspace-'));
  await cp('policies', path.join(workspace, 'policies'), { recursive: true });
  session = await openEditorSession({ workspace });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('web editor', () => {
  it('opens the default policy with its sample data ranked', async () => {
    await page.goto(session.url);
    await page.waitForSelector('kp-code-editor .monaco-editor', WAIT);
    await previewIsFresh();
    expect(await page.locator('.tree-policy.current').textContent()).toContain('tax-provincial-2021');
    const rows = await rankingSnapshot();
    expect(rows.length).toBeGreaterThanOrEqual(36);
    expect(await page.locator('.problem.error').count()).toBe(0);
    await shot('1-open');
  }, BROWSER_TEST);

  it('marks a type error with the compiler message and keeps the last preview, stale', async () => {
    await openFile('税收改革发展.kp');
    await replaceInEditor('得分 = 6分 - 0.5分', '得分 = 6万元 - 0.5分');
    await page.waitForSelector('kp-code-editor .squiggly-error', WAIT);
    const problem = page.locator('.problem.error').first();
    await problem.waitFor(WAIT);
    expect(await problem.textContent()).toMatch(/KP\d{4}/);
    await page.waitForSelector('.preview.stale', WAIT);
    expect(await page.locator('.preview-note').textContent()).toContain('错误');
    expect(await rankingSnapshot()).not.toEqual([]);
    await shot('2-type-error');
  }, BROWSER_TEST);

  it('clears the marker and refreshes the preview once fixed', async () => {
    await replaceInEditor('得分 = 6万元 - 0.5分', '得分 = 6分 - 0.5分');
    await page.waitForFunction(() => !document.querySelector('kp-code-editor .squiggly-error'), undefined, WAIT);
    await previewIsFresh();
    expect(await page.locator('.problem.error').count()).toBe(0);
    await shot('3-fixed');
  }, BROWSER_TEST);

  it('re-ranks when an indicator changes points', async () => {
    const before = await rankingSnapshot();
    await replaceInEditor('指标 组织收入 分值 6', '指标 组织收入 分值 3');
    await replaceInEditor('指标 收入质量 分值 2', '指标 收入质量 分值 5');
    await page.waitForFunction(
      (old) => {
        const rows = [...document.querySelectorAll('kp-ranking-table tbody tr')].map((r) =>
          [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()).join('|'),
        );
        return rows.length > 0 && !document.querySelector('.preview.stale') && JSON.stringify(rows) !== JSON.stringify(old);
      },
      before,
      WAIT,
    );
    expect(await rankingSnapshot()).not.toEqual(before);
    expect(await page.locator('.tab.active .dirty').count()).toBe(1);
    await shot('4-points-changed');
  }, BROWSER_TEST);

  it('formats and saves with Ctrl+S, clearing the unsaved mark', async () => {
    const file = path.join(workspace, 'policies/tax-provincial-2021/税收改革发展.kp');
    await replaceInEditor('指标 收入质量 分值 5 {', '指标   收入质量   分值 5 {');
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已保存'), undefined, WAIT);
    const saved = await readFile(file, 'utf8');
    expect(saved).toContain('指标 收入质量 分值 5 {'); // the project's formatter ran before saving
    expect(saved).toContain('指标 组织收入 分值 3 {');
    expect(await page.locator('.tab.active .dirty').count()).toBe(0);
    await shot('5-saved');
  }, BROWSER_TEST);

  it('saves a file with syntax errors as it is, unformatted', async () => {
    const file = path.join(workspace, 'policies/tax-provincial-2021/税收改革发展.kp');
    await replaceInEditor('指标 收入质量 分值 5 {', '指标   收入质量 分值 5 {{');
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('未格式化'), undefined, WAIT);
    expect(await readFile(file, 'utf8')).toContain('指标   收入质量 分值 5 {{');
    await replaceInEditor('指标   收入质量 分值 5 {{', '指标 收入质量 分值 5 {');
    await previewIsFresh();
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已保存 税收改革发展.kp') && !document.querySelector('.status')?.textContent?.includes('未格式化'), undefined, WAIT);
    expect(await readFile(file, 'utf8')).toContain('指标 收入质量 分值 5 {\n');
  }, BROWSER_TEST);

  it('answers hover and completion from the compiler', async () => {
    // Monaco merges the spaces around a name into its token's span; the span's middle is the name.
    const name = page.locator('kp-code-editor .view-line span span', { hasText: /^\s*收入质量\s*$/ }).first();
    await name.hover();
    const hover = page.locator('kp-code-editor .monaco-hover', { hasText: '指标' }).first();
    await hover.waitFor(WAIT);
    expect(await hover.textContent()).toContain('分值：5 分');
    await page.mouse.move(0, 0);
    await name.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('令 试算 = 组织');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('kp-code-editor .suggest-widget .monaco-list-row', { hasText: '组织收入' }).first();
    await suggestion.waitFor(WAIT);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+K'); // delete the line typed above
    await previewIsFresh();
    expect(await page.locator('.problem.error').count()).toBe(0);
    await shot('6-language');
  }, BROWSER_TEST);

  it('explains a clicked score in Chinese', async () => {
    await page.locator('kp-ranking-table tbody tr').first().locator('button.score').click();
    const steps = page.locator('.trace .trace-lines li');
    await steps.first().waitFor(WAIT);
    expect(await steps.count()).toBeGreaterThan(0);
    expect(await page.locator('.trace').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot('7-explanation');
  }, BROWSER_TEST);

  it('previews a workbook the user loads, and says why a file cannot be used', async () => {
    await page.locator('kp-preview .file-pick input').setInputFiles('policies/tax-provincial-2021/data/results.xlsx');
    await page.waitForFunction(() => document.querySelector('.data-label')?.textContent?.includes('results.xlsx'), undefined, WAIT);
    await previewIsFresh();
    expect(await rankingSnapshot()).toHaveLength(36);
    await page.locator('kp-preview .file-pick input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.waitForSelector('.preview.stale', WAIT);
    expect(await page.locator('.preview-note').textContent()).toContain('不支持的数据文件：notes.txt');
    await page.locator('kp-preview .file-pick input').setInputFiles('policies/tax-provincial-2021/data/results.json');
    await previewIsFresh();
  }, BROWSER_TEST);

  it('opens the review view with the diff editor and the impact table', async () => {
    await page.locator('[data-testid="open-review"]').click();
    await page.waitForSelector('kp-review .monaco-diff-editor', WAIT);
    await page.waitForSelector('kp-review .impact h3', WAIT);
    expect(await page.locator('kp-review .impact').textContent()).toContain('规则变化');
    await shot('8-review');
  }, BROWSER_TEST);

  it('raised no uncaught page errors', () => {
    expect(session.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
