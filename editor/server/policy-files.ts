// The workspace on disk: the policies under `policies/`, their `.kp` sources and their sample data.
// Every path the browser sends is checked here before the file system is touched: it must be a relative,
// forward-slash path inside `policies/`, and (for writes) a `.kp` file that is not a symlink.
import { lstat, mkdir, readdir, readFile, realpath } from 'node:fs/promises';
import { newVersion } from '../../dsl/new-version.js';
import { replaceFile } from '../../cli/atomic-write.js';
import path from 'node:path';

export interface PolicyEntry {
  /** Folder name under `policies/`, e.g. `tax-provincial-2021`. */
  name: string;
  /** `.kp` sources, as workspace paths (`policies/<name>/<file>.kp`), sorted. */
  sources: string[];
  /** Sample data files (`.json`, `.csv`, `.xlsx` under `data/`), as workspace paths, sorted. */
  data: string[];
}

export interface WorkspaceListing {
  /** True for the static bundle, where nothing can be saved. */
  readOnly: boolean;
  policies: PolicyEntry[];
}

export type PathCheck = { ok: true; absolute: string } | { ok: false; status: number; message: string };

const POLICIES = 'policies';
const DATA_EXTENSIONS = new Set(['.json', '.csv', '.xlsx']);
/** Largest source the server accepts in one save. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Lists every policy folder with its sources and sample data. */
export async function listWorkspace(root: string): Promise<WorkspaceListing> {
  const policiesDir = path.join(root, POLICIES);
  const folders = (await readdir(policiesDir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
  const policies: PolicyEntry[] = [];
  for (const name of folders) {
    const sources = (await readdir(path.join(policiesDir, name), { withFileTypes: true }))
      .filter((d) => d.isFile() && d.name.endsWith('.kp'))
      .map((d) => `${POLICIES}/${name}/${d.name}`)
      .sort();
    const data = (await listFiles(path.join(policiesDir, name, 'data')))
      .filter((rel) => DATA_EXTENSIONS.has(path.extname(rel)))
      .map((rel) => `${POLICIES}/${name}/data/${rel}`)
      .sort();
    if (sources.length > 0) policies.push({ name, sources, data });
  }
  return { readOnly: false, policies };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (e.isFile()) out.push(e.name);
    else if (e.isDirectory()) for (const sub of await listFiles(path.join(dir, e.name))) out.push(`${e.name}/${sub}`);
  }
  return out;
}

/**
 * Checks a workspace path sent by the browser. `purpose` decides the allowed extensions:
 * `write` allows only `.kp`; `read` allows `.kp` and the sample data formats.
 */
export async function checkWorkspacePath(root: string, requested: string, purpose: 'read' | 'write'): Promise<PathCheck> {
  const reject = (status: number, message: string): PathCheck => ({ ok: false, status, message });
  if (requested.includes('\0') || requested.includes('\\')) return reject(400, `路径含非法字符：${requested}`);
  if (requested.startsWith('/') || path.isAbsolute(requested) || /^[a-zA-Z]:/.test(requested)) {
    return reject(403, `不接受绝对路径：${requested}`);
  }
  const segments = requested.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) return reject(403, `路径越界：${requested}`);
  if (segments[0] !== POLICIES || segments.length < 3) return reject(403, `只能访问 ${POLICIES}/ 下的文件：${requested}`);
  const ext = path.extname(requested);
  if (purpose === 'write' && ext !== '.kp') return reject(403, `只能保存 .kp 文件：${requested}`);
  if (purpose === 'read' && ext !== '.kp' && !DATA_EXTENSIONS.has(ext)) return reject(403, `不支持读取此类文件：${requested}`);

  // Symlinks may point anywhere: resolve the real location of the folder and of the file itself.
  const policiesReal = await realpath(path.join(root, POLICIES)).catch(() => null);
  if (policiesReal === null) return reject(404, `工作区没有 ${POLICIES}/ 目录`);
  const absolute = path.join(root, ...segments);
  const parentReal = await realpath(path.dirname(absolute)).catch(() => null);
  if (parentReal === null) return reject(404, `目录不存在：${path.posix.dirname(requested)}`);
  if (!isInside(policiesReal, parentReal)) return reject(403, `路径指向 ${POLICIES}/ 之外：${requested}`);
  const stat = await lstat(absolute).catch(() => null);
  if (stat?.isSymbolicLink()) {
    if (purpose === 'write') return reject(403, `不能写入符号链接：${requested}`);
    const targetReal = await realpath(absolute).catch(() => null);
    if (targetReal === null || !isInside(policiesReal, targetReal)) return reject(403, `路径指向 ${POLICIES}/ 之外：${requested}`);
  } else if (stat && !stat.isFile()) {
    return reject(403, `不是普通文件：${requested}`);
  }
  if (purpose === 'read' && !stat) return reject(404, `文件不存在：${requested}`);
  return { ok: true, absolute: path.join(parentReal, path.basename(absolute)) };
}

function isInside(dir: string, candidate: string): boolean {
  const rel = path.relative(dir, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Reads a checked workspace file. */
export function readWorkspaceFile(absolute: string): Promise<Buffer> {
  return readFile(absolute);
}

/**
 * Saves a `.kp` source atomically: the text goes to a temporary file in the same folder, which then
 * replaces the target by rename, so a reader never sees a half-written policy.
 */
export function saveSource(absolute: string, text: string): Promise<void> {
  return replaceFile(absolute, text);
}

/** Why a new version was not made; the editor says it in the author's language (messages/editor.ts). */
export type NewVersionRefusal = 'badName' | 'noSource' | 'exists' | 'syntax' | 'noPolicy' | 'noYear';

export type NewVersionOutcome =
  | { ok: true; name: string; files: number; edits: number; mentions: number }
  | { ok: false; status: number; reason: NewVersionRefusal };

/** A new policy folder's name: one path segment of letters, digits, `-` and `_` (no dots, so no `..`). */
const FOLDER_NAME = /^[\p{L}\p{N}_-]{1,80}$/u;

/**
 * `kaoping new-version` for the editor: copies the `.kp` sources of `policies/<from>` into a new folder
 * `policies/<to>` with the version, the year in the name and the periods bumped (dsl/new-version.ts). The folder
 * must not exist (it is made without `recursive`, so one made meanwhile is refused, never overwritten); data is
 * not copied, as by the command.
 */
export async function createNewVersion(root: string, from: string, to: string, version: string): Promise<NewVersionOutcome> {
  const refuse = (status: number, reason: NewVersionRefusal): NewVersionOutcome => ({ ok: false, status, reason });
  if (!FOLDER_NAME.test(to) || !FOLDER_NAME.test(from) || version.trim() === '' || version.length > 40) return refuse(400, 'badName');
  const source = (await listWorkspace(root)).policies.find((p) => p.name === from);
  if (!source) return refuse(404, 'noSource');
  const texts = await Promise.all(source.sources.map(async (file) => {
    const checked = await checkWorkspacePath(root, file, 'read');
    return checked.ok ? { path: file, text: (await readFile(checked.absolute)).toString('utf8') } : null;
  }));
  if (texts.some((t) => t === null)) return refuse(404, 'noSource');
  const made = newVersion(texts as { path: string; text: string }[], version.trim());
  if (!made.ok) return refuse(422, made.reason === 'syntax' ? 'syntax' : made.reason === 'no-policy' ? 'noPolicy' : 'noYear');
  const folder = path.join(root, POLICIES, to);
  try {
    await mkdir(folder);
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return refuse(409, 'exists');
    throw e;
  }
  for (const s of made.sources) {
    const target = `${POLICIES}/${to}/${path.posix.basename(s.path)}`;
    const checked = await checkWorkspacePath(root, target, 'write');
    if (!checked.ok) throw new Error(checked.message);
    await saveSource(checked.absolute, s.text);
  }
  return { ok: true, name: to, files: made.sources.length, edits: made.edits.length, mentions: made.mentions.length };
}
