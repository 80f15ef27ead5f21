// The browser's side of the workspace server (editor/server/workspace-plugin.ts). URLs are relative so the
// same code reads the static bundle's read-only copy of the workspace.
import type { NewVersionOutcome, WorkspaceListing } from '../../server/policy-files.js';
import { ui } from '../app/ui-text.js';

export type { PolicyEntry, WorkspaceListing } from '../../server/policy-files.js';

const SAVE_HEADER = 'X-Kaoping-Save';

function fileUrl(workspacePath: string): string {
  return `api/files/${workspacePath.split('/').map(encodeURIComponent).join('/')}`;
}

async function failure(response: Response, action: 'list' | 'read' | 'save' | 'newVersion', path?: string): Promise<Error> {
  const detail = (await response.text().catch(() => '')).trim();
  return new Error(ui('workspaceFailed', { action, ...(path === undefined ? {} : { path }), status: response.status, detail }));
}

export async function fetchWorkspace(): Promise<WorkspaceListing> {
  const response = await fetch('api/workspace.json', { cache: 'no-store' });
  if (!response.ok) throw await failure(response, 'list');
  return (await response.json()) as WorkspaceListing;
}

export async function readText(workspacePath: string): Promise<string> {
  const response = await fetch(fileUrl(workspacePath), { cache: 'no-store' });
  if (!response.ok) throw await failure(response, 'read', workspacePath);
  return response.text();
}

export async function readBytes(workspacePath: string): Promise<Uint8Array> {
  const response = await fetch(fileUrl(workspacePath), { cache: 'no-store' });
  if (!response.ok) throw await failure(response, 'read', workspacePath);
  return new Uint8Array(await response.arrayBuffer());
}

export async function saveText(workspacePath: string, text: string): Promise<void> {
  const response = await fetch(fileUrl(workspacePath), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/plain; charset=utf-8', [SAVE_HEADER]: '1' },
    body: text,
  });
  if (!response.ok) throw await failure(response, 'save', workspacePath);
}

/** Asks the workspace server for a policy's next version in a new folder (as `kaoping new-version`). */
export async function createNewVersion(from: string, to: string, version: string): Promise<NewVersionOutcome> {
  const response = await fetch('api/new-version', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [SAVE_HEADER]: '1' },
    body: JSON.stringify({ from, to, version }),
  });
  if (response.headers.get('Content-Type')?.startsWith('application/json')) return (await response.json()) as NewVersionOutcome;
  throw await failure(response, 'newVersion');
}
