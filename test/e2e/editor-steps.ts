// Steps the editor's browser tests share: what an author does in the page, and what they wait for.
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openEditorSession, type EditorSession } from '../../editor/harness/browser-session.js';

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

/** A copy of the bundled policies as the workspace. */
export interface WorkspaceEditor {
  session: EditorSession;
  page: Page;
  workspace: string;
}

/** The editor on a fresh copy of policies/ (`query`: the page's, e.g. `?lang=en`), with `file` of the default policy open. */
export async function openWorkspaceEditor(name: string, file: string, query = ''): Promise<WorkspaceEditor> {
  await mkdir('test-artifacts', { recursive: true });
  const workspace = await mkdtemp(path.join(os.tmpdir(), `kp-e2e-${name}-`));
  await cp('policies', path.join(workspace, 'policies'), { recursive: true });
  const session = await openEditorSession({ workspace });
  const page = session.page;
  await page.goto(`${session.url}${query}`);
  await previewIsFresh(page);
  await page.locator(`kp-file-tree button.tree-file[data-path$="/${file}"]`).click();
  await page.waitForFunction((f) => document.querySelector('.tab.active button')?.textContent?.trim().startsWith(f), file, WAIT);
  return { session, page, workspace };
}

export async function closeWorkspaceEditor(editor: WorkspaceEditor | undefined): Promise<void> {
  await editor?.session.close();
  if (editor) await rm(editor.workspace, { recursive: true, force: true });
}
