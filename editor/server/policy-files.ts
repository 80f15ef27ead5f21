// The workspace on disk: the policies under `policies/`, their `.kp` sources and their sample data.
// Every path the browser sends is checked here before the file system is touched: it must be a relative,
// forward-slash path inside `policies/`, and (for writes) a `.kp` file that is not a symlink.
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
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
