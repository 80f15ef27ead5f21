// The editor's authoring aids end to end, in headless Chromium on a built bundle: the problems list with place and
// hint, a quick fix applied through Monaco's code actions, the preview kept running on a points mismatch, the
// what-if against the saved version marking the units an edit moves, and the 绩效分析 flags beside the indicators.
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import path from 'node:path';
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
  await page.screenshot({ path: `${ARTIFACTS}/editor-authoring-${name}.png` });
}

async function modelText(): Promise<string> {
  return page.locator('kp-code-editor .view-lines').evaluate((el) => el.textContent?.replace(/\u00a0/g, ' ') ?? '');
}

async function noErrors(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.problem.error'), undefined, WAIT);
}

beforeAll(async () => {
  editor = await openWorkspaceEditor('authoring', '税收改革发展.kp');
  ({ session, page } = editor);
}, 180_000);

afterAll(() => closeWorkspaceEditor(editor));

describe('editor authoring aids', () => {
  it('lists a problem with its line:column and hint, and applies its quick fix from the light bulb', async () => {
    await replaceInEditor(page, '令 收入进度完成率 = 累计收入 /', '令 收入进度完成率 = 累积收入 /');
    const problem = page.locator('.problem.error[data-code="KP1002"]').first();
    await problem.waitFor(WAIT);
    const text = (await problem.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain('税收改革发展.kp:16:'); // the line of the `令` in the file
    expect(text).toContain('提示：是不是「累计收入」？');
    expect(text).toMatch(/1 个快速修复/);
    await shot('1-problem');
    await problem.click(); // the cursor goes to the unknown name
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .action-item, .action-widget .monaco-list-row', { hasText: '改为「累计收入」' }).first();
    await action.waitFor(WAIT);
    await shot('2-quick-fix');
    await action.click();
    await noErrors();
    expect(await modelText()).toContain('令 收入进度完成率 = 累计收入 /');
    await previewIsFresh(page);
  }, BROWSER_TEST);

  it('keeps the preview running on a points mismatch: an error, evaluated with the stated points', async () => {
    await replaceInEditor(page, '指标 收入质量 分值 2 {', '指标 收入质量 分值 3 {');
    await page.locator('.problem.error[data-code="KP3001"]').first().waitFor(WAIT);
    await page.waitForSelector('.points-note', WAIT);
    expect(await page.locator('.points-note').textContent()).toContain('税收改革发展');
    expect(await page.locator('.preview.stale').count()).toBe(0);
    expect(await page.locator('kp-ranking-table tbody tr').count()).toBeGreaterThanOrEqual(36);
    // The tests need a clean policy: they say why they did not run.
    await page.waitForFunction(() => document.querySelector('.preview-tabs .badge')?.textContent?.includes('未运行'), undefined, WAIT);
    await shot('3-points-mismatch');
    await replaceInEditor(page, '指标 收入质量 分值 3 {', '指标 收入质量 分值 2 {');
    await noErrors();
    await page.waitForSelector('.points-note', { state: 'detached', ...WAIT });
  }, BROWSER_TEST);

  it('marks the units an unsaved edit moves against the saved version, with a summary of tier changes', async () => {
    await replaceInEditor(page, '指标 组织收入 分值 6', '指标 组织收入 分值 3');
    await replaceInEditor(page, '指标 收入质量 分值 2', '指标 收入质量 分值 5');
    await page.waitForFunction(() => /个单位换段/.test(document.querySelector('kp-ranking-table .what-if')?.textContent ?? ''), undefined, WAIT);
    const summary = (await page.locator('kp-ranking-table .what-if').textContent())!;
    const tiers = Number(/(\d+) 个单位换段/.exec(summary)![1]);
    expect(tiers).toBeGreaterThan(0);
    // Exactly the rows the summary counts carry an old → new tier, and moved totals carry ↑/↓ amounts.
    expect(await page.locator('kp-ranking-table tr.tier-moved').count()).toBe(tiers);
    const change = await page.locator('kp-ranking-table tr.tier-moved .tier-change').first().textContent();
    expect(change).toMatch(/^\s*第.段\s*→\s*第.段\s*$/);
    expect(await page.locator('kp-ranking-table .move.up, kp-ranking-table .move.down').count()).toBeGreaterThan(0);
    await page.locator('kp-ranking-table .what-if input[type="checkbox"]').check();
    const shown = await page.locator('kp-ranking-table tbody tr').count();
    expect(shown).toBe(await page.locator('kp-ranking-table tr.moved').count());
    await shot('4-what-if');
    await page.locator('kp-ranking-table .what-if input[type="checkbox"]').uncheck();
    // Saving makes the edit the saved version: nothing moves any more.
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已保存'), undefined, WAIT);
    await page.waitForSelector('kp-ranking-table .what-if', { state: 'detached', ...WAIT });
    expect(await page.locator('kp-ranking-table tr.moved').count()).toBe(0);
  }, BROWSER_TEST);

  it('downloads the results as a styled workbook and the bulletin as a page', async () => {
    const [results] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('[data-download="results"]').click()]);
    expect(results.suggestedFilename()).toMatch(/^税务绩效管理2021年版-2021-结果\.xlsx$/);
    const book = XLSX.read(await readFile((await results.path())!), { cellNF: true });
    expect(book.SheetNames).toEqual(['特派办', '省局']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['省局']!, { header: 1 });
    const header = rows[0] as string[];
    expect(header.slice(0, 4)).toEqual(['单位编号', '单位名称', '名次', '总分']);
    expect(rows).toHaveLength(37); // the header and 36 units
    // The totals as the ranking shows them, in the score format of the policy's precision.
    const totalColumn = header.indexOf('总分');
    const first = rows.slice(1).find((r) => (r as unknown[])[header.indexOf('名次')] === 1) as unknown[];
    const ranked = await page.locator('kp-ranking-table tbody tr').first().locator('button.score').textContent();
    expect(String(first[totalColumn])).toBe(ranked!.trim());
    const cell = book.Sheets['省局']![XLSX.utils.encode_cell({ r: 1, c: totalColumn })]!;
    expect(cell.z).toBe('0.00');
    const [bulletin] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('[data-download="bulletin"]').click()]);
    const html = await readFile((await bulletin.path())!, 'utf8');
    expect(bulletin.suggestedFilename()).toMatch(/-通报\.html$/);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('税务绩效管理2021年版');
  }, BROWSER_TEST);

  it('explains a total grouped by section, the tier and its reason first', async () => {
    await page.locator('kp-ranking-table tbody tr').first().locator('button.score').click();
    await page.locator('.trace .trace-group').first().waitFor(WAIT);
    const groups = await page.locator('.trace .trace-group').evaluateAll((els) => els.map((e) => [e.getAttribute('data-group'), e.querySelector('h4')?.textContent?.trim(), e.querySelector('li')?.textContent?.trim()]));
    expect(groups[0]!.slice(0, 2)).toEqual(['standing', '名次与段次']);
    expect(groups[0]![2]).toMatch(/^【年度分段】/);
    expect(groups.filter((g) => g[0] === 'section').map((g) => g[1])).toEqual(['党的全面领导', '各方多维评价', '工作运转保障', '税收改革发展']);
    await shot('5-explanation');
    await page.keyboard.press('Escape');
  }, BROWSER_TEST);

  it('lists only the failed tests when asked', async () => {
    await page.locator('.preview-tabs button', { hasText: '测试' }).click();
    await page.waitForFunction(() => /^\d+ 未过$/.test(document.querySelector('.preview-tabs .badge')?.textContent?.trim() ?? ''), undefined, WAIT);
    const failed = Number(/^(\d+)/.exec((await page.locator('.preview-tabs .badge').textContent())!.trim())![1]);
    expect(await page.locator('ul.tests > li.pass').count()).toBeGreaterThan(0);
    await page.locator('.failures-only input').check();
    expect(await page.locator('ul.tests > li.pass').count()).toBe(0);
    expect(await page.locator('ul.tests > li.fail').count()).toBe(failed);
    await shot('6-failures-only');
    await page.locator('.preview-tabs button', { hasText: '排名' }).click();
  }, BROWSER_TEST);

  it('shows the 绩效分析 flags beside the indicators: marked on their names in the source, as badges in 单位明细', async () => {
    await page.locator('kp-file-tree button.tree-file[data-path$="/党的全面领导.kp"]').click();
    await page.waitForFunction(() => document.querySelector('.tab.active button')?.textContent?.trim().startsWith('党的全面领导.kp'), undefined, WAIT);
    // 意识形态工作 and 安全稳定: 35 of the 36 省局 at full points on the 2021 sample data. Line 45: found, so in view.
    await page.locator('kp-code-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+F');
    await page.locator('kp-code-editor .find-widget .find-part textarea').first().fill('指标 意识形态工作');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const mark = page.locator('kp-code-editor .squiggly-info').first();
    await mark.waitFor({ state: 'attached', ...WAIT });
    // The squiggle lies under the text (it takes no pointer): the mouse goes to its middle, over the name.
    const box = (await mark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: '绩效趋同' }).first();
    await hover.waitFor(WAIT);
    expect((await hover.textContent())!).toContain('2021 绩效趋同：参评 36 个单位中 35 个得满分（97.2%）');
    await shot('7-analysis-mark');
    await page.locator('kp-ranking-table tbody tr').first().locator('button.link').click();
    await page.locator('kp-unit-breakdown table.breakdown').first().waitFor(WAIT);
    const badges = await page.locator('kp-unit-breakdown .analysis-flag').evaluateAll((els) =>
      els.map((e) => [[...e.closest('th')!.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim(), e.textContent, e.getAttribute('title')]));
    expect(badges).toEqual([
      ['意识形态工作', '绩效趋同', '绩效趋同：参评 36 个单位中 35 个得满分（97.2%）'],
      ['安全稳定', '绩效趋同', '绩效趋同：参评 36 个单位中 35 个得满分（97.2%）'],
      // Saved above at 3 points, 组织收入 (6分 less 0.5分 a step) still gives every 省局 3分 or more: all capped at 3.
      ['组织收入', '绩效趋同', '绩效趋同：参评 36 个单位中 36 个得满分（100.0%）'],
      ['组织收入', '不区分', '不区分：参评的 36 个单位得分相同（均为 3.00 分）'],
    ]);
    await shot('8-analysis-badges');
    await page.locator('.preview-tabs button', { hasText: '排名' }).click();
  }, BROWSER_TEST);

  it('says beside a tier that a gate or veto decided it: 深圳 受限, 江苏 否决, the rule in the title', async () => {
    const reason = (id: string) => page.locator(`kp-ranking-table tr[data-unit="${id}"] .tier-reason`);
    await reason('深圳').waitFor(WAIT);
    expect([await reason('深圳').textContent(), await reason('深圳').getAttribute('title')]).toEqual(['受限', '不得进入第一段（非 第一段 当 党的全面领导 位列 后 10%）']);
    expect([await reason('江苏').textContent(), await reason('江苏').getAttribute('class')]).toEqual(['否决', 'tier-reason veto']);
    expect(await reason('浙江').count()).toBe(0);
  }, BROWSER_TEST);

  it('lists the warnings (预警) raised on the sample data in their tab, counted on the tab, grounds on hover', async () => {
    await page.locator('.preview-tabs button', { hasText: '预警' }).click();
    const summary = page.locator('kp-warning-list .warning-summary');
    await summary.waitFor(WAIT);
    // The yearly data's latest quarter, as `kaoping monitor … --period 2021Q4` lists it: 3 预警 and 2 提示.
    expect((await summary.textContent())!.trim()).toBe('2021Q4：检查 2 条预警，严重 0，预警 3，提示 2');
    expect((await page.locator('.preview-tabs .warning-count').textContent())!.trim()).toBe('5');
    const rows = await page.locator('kp-warning-list tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['大连', '预警', '社保费征收偏低'],
      ['山西', '预警', '社保费征收偏低'],
      ['海南', '预警', '社保费征收偏低'],
      ['深圳', '提示', '风险应对临界'],
      ['湖南', '提示', '风险应对临界'],
    ]);
    expect(rows[3]![3]).toBe('风险任务按期应对率98.03%，高出98%的得分线仅0.03%，再降即失1分');
    expect(await page.locator('kp-warning-list tbody tr').nth(3).locator('td').nth(3).getAttribute('title')).toBe('依据：风险任务应对率 98.03%；风险应对 2分；距得分线 0.03%');
    await shot('9-warnings');
    await page.locator('.preview-tabs button', { hasText: '排名' }).click();
  }, BROWSER_TEST);

  it('saves the policy as a new version (另存为新版本) and opens it', async () => {
    await page.locator('[data-testid="new-version"]').click();
    const to = page.locator('form.new-version input[name="to"]');
    expect(await to.inputValue()).toBe('tax-provincial-2022');
    expect(await page.locator('form.new-version input[name="version"]').inputValue()).toBe('2022');
    // That folder exists: refused, said, nothing overwritten.
    await page.locator('form.new-version button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已存在，不会覆盖'), undefined, WAIT);
    await to.fill('tax-provincial-2022-draft');
    await page.locator('form.new-version button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已创建 tax-provincial-2022-draft'), undefined, WAIT);
    expect((await page.locator('.tree-policy.current').textContent())!.trim()).toBe('tax-provincial-2022-draft');
    const header = await readFile(path.join(editor!.workspace, 'policies/tax-provincial-2022-draft/体系.kp'), 'utf8');
    expect(header).toMatch(/版本 "2022"/);
    expect(await readFile(path.join(editor!.workspace, 'policies/tax-provincial-2022/体系.kp'), 'utf8')).toBe(await readFile('policies/tax-provincial-2022/体系.kp', 'utf8'));
    await shot('10-new-version');
  }, BROWSER_TEST);

  it('raised no uncaught page errors', () => {
    // The browser logs the refusal of the existing folder above (409) as a failed resource; nothing else.
    expect(session.errors.filter((e) => !/favicon/.test(e))).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
