// The editor's workspace server: a Vite plugin that serves the policies under `policies/` to the browser
// (list, read, save) in both `vite` dev and `vite preview`, and bundles them read-only into a static build.
//   GET /api/workspace.json       → WorkspaceListing
//   GET /api/files/<path>         → the file's bytes (.kp sources and sample data)
//   PUT /api/files/<path>         → saves a .kp source atomically (text/plain body, header X-Kaoping-Save: 1)
//   POST /api/new-version         → a policy's next version in a new folder (JSON body { from, to, version },
//                                   header X-Kaoping-Save: 1), as `kaoping new-version` makes it
// The custom header makes browsers send a CORS preflight first, which this server never approves, so other
// origins cannot write. The server binds 127.0.0.1 only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdir, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin, ResolvedConfig } from 'vite';
import {
  MAX_SOURCE_BYTES,
  checkWorkspacePath,
  createNewVersion,
  listWorkspace,
  readWorkspaceFile,
  saveSource,
  type WorkspaceListing,
} from './policy-files.js';

export const LOOPBACK = '127.0.0.1';
export const API_PREFIX = '/api/';
export const SAVE_HEADER = 'x-kaoping-save';

export const CONTENT_TYPES: Record<string, string> = {
  '.kp': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The request handler, separate from Vite so tests can drive it directly. */
export function workspaceMiddleware(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url ?? '';
    if (!url.startsWith(API_PREFIX)) return next();
    handle(root, req, res).catch((error: unknown) => {
      sendText(res, 500, `服务器内部错误：${error instanceof Error ? error.message : String(error)}`);
    });
  };
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = (req.url ?? '').split('?')[0]!.slice(API_PREFIX.length);
  if (pathname === 'workspace.json') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '只支持 GET');
    return sendJson(res, await listWorkspace(root));
  }
  if (pathname === 'new-version') {
    if (req.method !== 'POST') return sendText(res, 405, '只支持 POST');
    if (req.headers[SAVE_HEADER] !== '1') return sendText(res, 403, `保存请求缺少 ${SAVE_HEADER} 头`);
    const body = await readBody(req, 4096);
    const request = body === null ? null : parseJson(body);
    const field = (name: string) => (typeof request?.[name] === 'string' ? (request[name] as string) : '');
    const outcome = await createNewVersion(root, field('from'), field('to'), field('version'));
    res.statusCode = outcome.ok ? 200 : outcome.status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(outcome));
    return;
  }
  if (!pathname.startsWith('files/')) return sendText(res, 404, `未知接口：${pathname}`);
  let requested: string;
  try {
    requested = decodeURIComponent(pathname.slice('files/'.length));
  } catch {
    return sendText(res, 400, '路径编码无效');
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const checked = await checkWorkspacePath(root, requested, 'read');
    if (!checked.ok) return sendText(res, checked.status, checked.message);
    const bytes = await readWorkspaceFile(checked.absolute);
    res.statusCode = 200;
    res.setHeader('Content-Type', CONTENT_TYPES[path.extname(requested)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-store');
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return;
  }
  if (req.method === 'PUT') {
    if (req.headers[SAVE_HEADER] !== '1') return sendText(res, 403, `保存请求缺少 ${SAVE_HEADER} 头`);
    const checked = await checkWorkspacePath(root, requested, 'write');
    if (!checked.ok) return sendText(res, checked.status, checked.message);
    const body = await readBody(req, MAX_SOURCE_BYTES);
    if (body === null) return sendText(res, 413, `文件超过 ${MAX_SOURCE_BYTES} 字节上限`);
    const text = decodeUtf8(body);
    if (text === null) return sendText(res, 400, '内容不是有效的 UTF-8 文本');
    await saveSource(checked.absolute, text);
    return sendJson(res, { saved: requested, bytes: body.length });
  }
  return sendText(res, 405, `不支持的方法：${req.method ?? ''}`);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(bytes: Buffer): Record<string, unknown> | null {
  const text = decodeUtf8(bytes);
  try {
    const value: unknown = text === null ? null : JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(value));
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(message);
}

/** The Vite plugin: API in dev and preview, the workspace bundled read-only into builds, loopback only. */
export function workspacePlugin(root: string): Plugin {
  let resolved: ResolvedConfig | null = null;
  return {
    name: 'kaoping-workspace',
    config: () => ({ server: { host: LOOPBACK }, preview: { host: LOOPBACK } }),
    configResolved(config) {
      resolved = config;
    },
    configureServer(server) {
      server.middlewares.use(workspaceMiddleware(root));
    },
    configurePreviewServer(server) {
      server.middlewares.use(workspaceMiddleware(root));
    },
    async generateBundle() {
      const listing: WorkspaceListing = { ...(await listWorkspace(root)), readOnly: true };
      this.emitFile({ type: 'asset', fileName: 'api/workspace.json', source: JSON.stringify(listing) });
      for (const policy of listing.policies) {
        for (const file of [...policy.sources, ...policy.data]) {
          this.emitFile({ type: 'asset', fileName: `api/files/${file}`, source: readFileSync(path.join(root, file)) });
        }
      }
    },
    async closeBundle() {
      if (!resolved || resolved.command !== 'build') return;
      const outDir = path.resolve(resolved.root, resolved.build.outDir);
      const { files, bytes, jsGzip } = await measureBundle(outDir);
      resolved.logger.info(
        `kaoping 编辑器静态包：${files} 个文件，共 ${(bytes / 1048576).toFixed(2)} MB` +
          `（JS gzip 后 ${(jsGzip / 1048576).toFixed(2)} MB），位于 ${path.relative(process.cwd(), outDir)}/`,
      );
    },
  };
}

async function measureBundle(dir: string): Promise<{ files: number; bytes: number; jsGzip: number }> {
  const total = { files: 0, bytes: 0, jsGzip: 0 };
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await measureBundle(full);
      total.files += sub.files;
      total.bytes += sub.bytes;
      total.jsGzip += sub.jsGzip;
    } else {
      total.files += 1;
      total.bytes += (await stat(full)).size;
      if (entry.name.endsWith('.js')) total.jsGzip += gzipSync(readFileSync(full)).length;
    }
  }
  return total;
}
