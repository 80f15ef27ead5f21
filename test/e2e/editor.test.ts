// The web editor end to end, in headless Chromium on a built bundle: open the default policy (the preview
// before the tests), break and fix its types, fold, change points and watch the ranking, go to a definition
// in another file and rename into the tests, explain a score, open the review view.
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEditorSession, type EditorSession } from '../../editor/harness/browser-session.js';
import { WAIT, previewIsFresh, replaceInEditor } from './editor-steps.js';

const ARTIFACTS = 'test-artifacts';
const BROWSER_TEST = 60_000;
let session: EditorSession;
let page: Page;
let workspace: string; // a copy of the repository's policies: the tests save into it

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/editor-${name}.png` });
}

/** Selects the first match of `text` in the open file with Monaco's find widget, leaving the cursor after it. */
async function findInEditor(text: string): Promise<void> {
  await page.locator('kp-code-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+F');
  await page.locator('kp-code-editor .find-widget .find-part textarea').first().fill(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
}

async function openFile(name: string): Promise<void> {
  await page.locator(`kp-file-tree button.tree-file[data-path$="/${name}"]`).click();
  await activeTabIs(name);
}

async function activeTabIs(name: string): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('.tab.active button')?.textContent?.trim().startsWith(n), name, WAIT);
}

/** Renames the name at the cursor with F2, as an author would. */
async function renameAtCursor(newName: string): Promise<void> {
  await page.keyboard.press('F2');
  const input = page.locator('kp-code-editor .rename-box input, kp-code-editor .rename-box textarea').first();
  await input.waitFor(WAIT);
  await input.fill(newName);
  await page.keyboard.press('Enter');
}

/** Waits for an analysis newer than `version` that compiles without errors. */
async function cleanAnalysisAfter(version: number): Promise<void> {
  await page.waitForFunction(
    (v) => Number(document.querySelector<HTMLElement>('.preview')?.dataset.version) > v && !document.querySelector('.preview.stale') && !document.querySelector('.problem.error'),
    version,
    WAIT,
  );
}

async function analysisVersion(): Promise<number> {
  return Number(await page.locator('.preview').getAttribute('data-version'));
}

/** The line numbers that show a folding control, among the lines on screen. */
async function foldLines(): Promise<number[]> {
  return page.locator('kp-code-editor .margin-view-overlays > div').evaluateAll((lines) =>
    lines
      .filter((l) => l.querySelector('.cldr[class*="codicon-folding-"]'))
      .map((l) => Number(l.querySelector('.line-numbers')?.textContent))
      .sort((a, b) => a - b),
  );
}

async function testsBadge(): Promise<{ text: string; title: string } | null> {
  const badge = page.locator('.preview-tabs .badge');
  return (await badge.count()) ? { text: (await badge.textContent())!.trim(), title: (await badge.getAttribute('title')) ?? '' } : null;
}

async function rankingSnapshot(): Promise<string[]> {
  return page.locator('kp-ranking-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim()).join('|')),
  );
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
  it('opens the default policy with its sample data ranked, and its tests run beside it', async () => {
    await page.goto(session.url);
    // The tests run in a worker of their own (language-worker.ts), so the preview never waits for them; which of
    // the two finishes first depends on the machine, so only both are checked here.
    await page.waitForFunction(() => document.querySelector('kp-ranking-table tbody tr') !== null, undefined, WAIT);
    await previewIsFresh(page);
    expect(await page.locator('.tree-policy.current').textContent()).toContain('tax-provincial-2021');
    const rows = await rankingSnapshot();
    expect(rows.length).toBeGreaterThanOrEqual(36);
    expect(await page.locator('.problem.error').count()).toBe(0);
    await page.waitForFunction(() => /全过|未过/.test(document.querySelector('.preview-tabs .badge')?.textContent ?? ''), undefined, WAIT);
    await shot('1-open');
  }, BROWSER_TEST);

  it('fits the ranking at 1280×800, tier column included, with short unit names titled in full', async () => {
    const fit = await page.evaluate(() => {
      const body = document.querySelector('.preview-body')!;
      const tier = document.querySelector('kp-ranking-table thead th:last-child')!;
      return { overflow: body.scrollWidth - body.clientWidth, tierRight: tier.getBoundingClientRect().right, bodyRight: body.getBoundingClientRect().right, tier: tier.textContent?.trim() };
    });
    expect(fit.tier).toBe('段');
    expect(fit.overflow).toBeLessThanOrEqual(0);
    expect(fit.tierRight).toBeLessThanOrEqual(fit.bodyRight);
    const unit = page.locator('kp-ranking-table tbody tr th button').first();
    const full = (await unit.getAttribute('title'))!;
    expect(full).toMatch(/^国家税务总局.+税务局$/);
    expect(full).toContain((await unit.textContent())!.trim());
    expect((await unit.textContent())!.trim()).not.toContain('国家税务总局');
  }, BROWSER_TEST);

  it('marks a type error with the compiler message and keeps the last preview, stale', async () => {
    await openFile('税收改革发展.kp');
    await replaceInEditor(page, '得分 = 6分 - 0.5分', '得分 = 6万元 - 0.5分');
    await page.waitForSelector('kp-code-editor .squiggly-error', WAIT);
    const problem = page.locator('.problem.error').first();
    await problem.waitFor(WAIT);
    expect(await problem.textContent()).toMatch(/KP\d{4}/);
    await page.waitForSelector('.preview.stale', WAIT);
    expect(await page.locator('.preview-note').textContent()).toContain('错误');
    expect(await rankingSnapshot()).not.toEqual([]);
    // The tests cannot run on sources that do not compile: the badge says so, not that the last run passed.
    await page.waitForFunction(() => document.querySelector('.preview-tabs .badge')?.textContent?.includes('未运行'), undefined, WAIT);
    expect((await testsBadge())!.title).toMatch(/源文件有 \d+ 个错误，测试未能运行/);
    await shot('2-type-error');
  }, BROWSER_TEST);

  it('clears the marker and refreshes the preview once fixed', async () => {
    await replaceInEditor(page, '得分 = 6万元 - 0.5分', '得分 = 6分 - 0.5分');
    await page.waitForFunction(() => !document.querySelector('kp-code-editor .squiggly-error'), undefined, WAIT);
    await previewIsFresh(page);
    expect(await page.locator('.problem.error').count()).toBe(0);
    await page.waitForFunction(() => /全过|未过/.test(document.querySelector('.preview-tabs .badge')?.textContent ?? ''), undefined, WAIT);
    await shot('3-fixed');
  }, BROWSER_TEST);

  it('folds the text as it is after each edit, not as it was one edit before', async () => {
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await expect.poll(foldLines, WAIT).not.toEqual([]);
    const before = await foldLines();
    const last = before.at(-1)!; // lines further down may scroll out of view
    const upTo = async () => (await foldLines()).filter((l) => l <= last);
    // One edit each (a line inserted on top, then deleted): the folds follow once its analysis is shown,
    // not at some later analysis.
    let version = await analysisVersion();
    await page.keyboard.insertText('# 折叠\n');
    await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>('.preview')?.dataset.version) > v, version, WAIT);
    await expect.poll(upTo, { timeout: 1_500 }).toEqual(before.map((l) => l + 1).filter((l) => l <= last));
    version = await analysisVersion();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+Shift+K');
    await page.waitForFunction((v) => Number(document.querySelector<HTMLElement>('.preview')?.dataset.version) > v, version, WAIT);
    await expect.poll(foldLines, { timeout: 1_500 }).toEqual(before);
    await previewIsFresh(page);
  }, BROWSER_TEST);

  it('re-ranks when an indicator changes points', async () => {
    const before = await rankingSnapshot();
    await replaceInEditor(page, '指标 组织收入 分值 6', '指标 组织收入 分值 3');
    await replaceInEditor(page, '指标 收入质量 分值 2', '指标 收入质量 分值 5');
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
    // Until the new run reports, no outcome is shown as the edited sources' own: the earlier run's is marked as
    // earlier (…), or, when the editor has not kept one, the run is shown as running (运行中).
    expect((await testsBadge())!.text).toMatch(/…$|未过$|运行中$/);
    // Only the newest run is kept, so its outcome follows soon after typing stops: points moved, tests fail.
    await page.waitForFunction(() => /^\d+ 未过$/.test(document.querySelector('.preview-tabs .badge')?.textContent?.trim() ?? ''), undefined, WAIT);
    expect(await page.locator('.tab.active .dirty').count()).toBe(1);
    await shot('4-points-changed');
  }, BROWSER_TEST);

  it('formats and saves with Ctrl+S, clearing the unsaved mark', async () => {
    const file = path.join(workspace, 'policies/tax-provincial-2021/税收改革发展.kp');
    await replaceInEditor(page, '指标 收入质量 分值 5 {', '指标   收入质量   分值 5 {');
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
    await replaceInEditor(page, '指标 收入质量 分值 5 {', '指标   收入质量 分值 5 {{');
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('未格式化'), undefined, WAIT);
    expect(await readFile(file, 'utf8')).toContain('指标   收入质量 分值 5 {{');
    await replaceInEditor(page, '指标   收入质量 分值 5 {{', '指标 收入质量 分值 5 {');
    await previewIsFresh(page);
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
    const version = await analysisVersion();
    await page.keyboard.press('Control+Shift+K'); // delete the line typed above
    // The preview may still look fresh before the debounced check of this edit begins: wait for an analysis
    // newer than the one on screen, without errors.
    await cleanAnalysisAfter(version);
    expect(await page.locator('.problem.error').count()).toBe(0);
    await shot('6-language');
  }, BROWSER_TEST);

  it('goes to a definition in another file, and renames into the tests', async () => {
    await openFile('测试-税收改革发展.kp');
    await findInEditor('甲.组织收入');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // hover at the cursor: the indicator behind `甲.组织收入`
    const hover = page.locator('kp-code-editor .monaco-hover', { hasText: '指标' }).first();
    await hover.waitFor(WAIT);
    expect(await hover.textContent()).toContain('组织收入');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F12');
    await activeTabIs('税收改革发展.kp');
    // The cursor is on the indicator's declaration.
    await page.waitForFunction(() => {
      const line = [...document.querySelectorAll<HTMLElement>('kp-code-editor .view-line')].find((l) => l.textContent?.replace(/\s+/g, ' ').includes('指标 组织收入 分值')); // Monaco renders spaces as U+00A0
      const cursor = document.querySelector<HTMLElement>('kp-code-editor .cursors-layer .cursor');
      return line && cursor && line.style.top === cursor.style.top;
    }, undefined, WAIT);
    const testFile = 'kp-file-tree button.tree-file[data-path$="/测试-税收改革发展.kp"]';
    let version = await analysisVersion();
    await renameAtCursor('组织税收收入');
    await cleanAnalysisAfter(version); // the expectations in the tests were renamed too, or they would not compile
    expect(await page.locator(`${testFile} .dirty`).count()).toBe(1);
    version = await analysisVersion();
    await renameAtCursor('组织收入');
    await cleanAnalysisAfter(version);
    await shot('7-definition-rename');
  }, BROWSER_TEST);

  it('explains a clicked score in Chinese, and Escape closes the explanation', async () => {
    const score = page.locator('kp-ranking-table tbody tr').first().locator('button.score');
    await score.click();
    const steps = page.locator('.trace .trace-lines li');
    await steps.first().waitFor(WAIT);
    expect(await steps.count()).toBeGreaterThan(0);
    expect(await page.locator('.trace').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await shot('8-explanation');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.trace', { state: 'detached', ...WAIT });
    expect(await score.evaluate((button) => document.activeElement === button)).toBe(true);
  }, BROWSER_TEST);

  it('previews a workbook the user loads, and says why a file cannot be used', async () => {
    await page.locator('kp-preview .file-pick input').setInputFiles('policies/tax-provincial-2021/data/results.xlsx');
    await page.waitForFunction(() => document.querySelector('.data-label')?.textContent?.includes('results.xlsx'), undefined, WAIT);
    await previewIsFresh(page);
    expect(await rankingSnapshot()).toHaveLength(36);
    await page.locator('kp-preview .file-pick input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.waitForSelector('.preview.stale', WAIT);
    expect(await page.locator('.preview-note').textContent()).toContain('不支持的数据文件：notes.txt');
    await page.locator('kp-preview .file-pick input').setInputFiles('policies/tax-provincial-2021/data/results.json');
    await previewIsFresh(page);
  }, BROWSER_TEST);

  it("shows the tests' coverage of the indicator tree in the 测试 tab, on demand", async () => {
    await page.locator('.preview-tabs button', { hasText: '测试' }).click();
    await page.locator('kp-test-coverage button', { hasText: '显示测试覆盖' }).click();
    const summary = page.locator('kp-test-coverage .test-summary').first();
    await summary.waitFor(WAIT);
    // every indicator of the bundled policy is reached by a test (test/policies/test-coverage.test.ts)
    expect(await summary.textContent()).toMatch(/指标 (\d+)\/\1（100%）/);
    expect(await page.locator('kp-test-coverage .coverage li', { hasText: '分档' }).count()).toBeGreaterThan(0);
    await shot('8b-coverage');
    await page.locator('.preview-tabs button', { hasText: '排名' }).click();
  }, BROWSER_TEST);

  it('opens the review view with the diff editor and the impact table', async () => {
    await page.locator('[data-testid="open-review"]').click();
    await page.waitForSelector('kp-review .monaco-diff-editor', WAIT);
    await page.waitForSelector('kp-review .impact h3', WAIT);
    expect(await page.locator('kp-review .impact').textContent()).toContain('规则变化');
    await shot('9-review');
  }, BROWSER_TEST);

  it('raised no uncaught page errors', () => {
    expect(session.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
