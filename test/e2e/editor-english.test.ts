// The editor opened with `?lang=en`, end to end in headless Chromium on a built bundle: not only its menus but the
// compiler's messages (problems list, hints), the hovers, the preview's notes and the review speak English, while
// the policy's rules are quoted as the author wrote them (Chinese keywords). Chinese stays the default (editor.test.ts).
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorSession } from '../../editor/harness/browser-session.js';
import { WAIT, closeWorkspaceEditor, openWorkspaceEditor, previewIsFresh, replaceInEditor, type WorkspaceEditor } from './editor-steps.js';

const ARTIFACTS = 'test-artifacts';
const BROWSER_TEST = 60_000;
let session: EditorSession;
let page: Page;
let editor: WorkspaceEditor | undefined;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/editor-english-${name}.png` });
}

beforeAll(async () => {
  editor = await openWorkspaceEditor('english', '税收改革发展.kp', '?lang=en');
  ({ session, page } = editor);
}, 180_000);

afterAll(() => closeWorkspaceEditor(editor));

describe('the editor in English (?lang=en)', () => {
  it('lists the compiler’s diagnostics in English, with the hint, and says why the preview is stale in English', async () => {
    await replaceInEditor(page, '令 收入进度完成率 = 累计收入 /', '令 收入进度完成率 = 累积收入 /');
    const problem = page.locator('.problem.error[data-code="KP1002"]').first();
    await problem.waitFor(WAIT);
    const text = (await problem.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('unknown name `累积收入`');
    expect(text).toContain('hint: did you mean `累计收入`?');
    expect(text).not.toMatch(/未知|是不是|提示|错误/);
    expect(text).toMatch(/^\s*KP1002 error 税收改革发展\.kp:16:\d+: unknown name/);
    expect(await page.locator('.problems summary').textContent()).toMatch(/Problems\s+1 error\s+\d+ warnings? and notes?|Problems\s+1 error\s+\d+ warning or note/);
    expect(await page.locator('.view-switch').textContent()).toMatch(/Edit and preview\s*Review versions/);
    expect(await page.locator('.preview-tabs').textContent()).toMatch(/Ranking\s*Unit\s*Charts\s*Tests.*Warnings/s);
    expect(await page.locator('kp-ranking-table thead').textContent()).toMatch(/Rank.*Unit.*Total/s);
    await page.waitForSelector('.preview.stale', WAIT);
    expect(await page.locator('.preview-note').first().textContent()).toMatch(/the sources have \d+ errors?: the preview was not updated/);
    await shot('1-problem');
    await replaceInEditor(page, '令 收入进度完成率 = 累积收入 /', '令 收入进度完成率 = 累计收入 /');
    await page.waitForFunction(() => !document.querySelector('.problem.error'), undefined, WAIT);
    await previewIsFresh(page);
  }, BROWSER_TEST);

  it('answers hovers in English', async () => {
    // Monaco merges the spaces around a name into its token's span; the span's middle is the name.
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    const name = page.locator('kp-code-editor .view-line span span', { hasText: /^\s*组织收入\s*$/ }).first();
    await name.hover();
    const hover = page.locator('kp-code-editor .monaco-hover', { hasText: 'indicator' }).first();
    await hover.waitFor(WAIT);
    const text = (await hover.textContent())!;
    expect(text).toContain('组织收入');
    expect(text).toContain('points: 6');
    expect(text).not.toMatch(/指标|分值/);
    await shot('2-hover');
    await page.mouse.move(0, 0);
  }, BROWSER_TEST);

  it('names the downloaded workbook in English and heads its columns in English', async () => {
    const [results] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('[data-download="results"]').click()]);
    expect(results.suggestedFilename()).toMatch(/-results\.xlsx$/);
    const book = XLSX.read(await readFile((await results.path())!));
    const first = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 })[0] as string[];
    expect(first.slice(0, 4)).toEqual(['id', 'name', 'rank', 'total']);
  }, BROWSER_TEST);

  it('shows the review in English, the rules in the policy’s own (Chinese) keywords', async () => {
    await page.locator('[data-testid="open-review"]').click();
    await page.waitForSelector('kp-review .monaco-diff-editor', WAIT);
    await page.waitForSelector('kp-review .impact .changes', WAIT);
    const impact = (await page.locator('kp-review .impact').textContent())!;
    expect(impact).toContain('Rule changes');
    expect(impact).toContain('Units that change tier');
    expect(impact).toContain('Indicators: added');
    expect(impact).toContain('method: (none) → 机考');
    expect(impact).toMatch(/rule: 得分 = 分档/);
    expect(impact).not.toMatch(/规则变化|段次变化|新增指标/);
    await shot('3-review');
  }, BROWSER_TEST);

  it('raised no uncaught page errors', () => {
    expect(session.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
