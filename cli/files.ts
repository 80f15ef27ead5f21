// Reading and writing the user's files: located errors instead of exceptions, atomic writes.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { cliMessage } from '../messages/index.js';
import { InputError } from './context.js';

export async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new InputError(fileProblem(file, e));
  }
}

/** A file's bytes in chunks of about `size` bytes, so that a large file is never held whole. */
export async function* readChunks(file: string, size: number): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: size })) yield chunk as Buffer;
  } catch (e) {
    throw new InputError(fileProblem(file, e));
  }
}

export async function readText(file: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBytes(file));
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (e) {
    throw new InputError(fileProblem(file, e));
  }
}

/** What kind of path this is, or null when it does not exist. */
export async function pathKind(file: string): Promise<'file' | 'dir' | null> {
  try {
    const st = await fs.stat(file);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

export async function listDir(dir: string): Promise<{ name: string; isFile: boolean }[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile() }));
  } catch (e) {
    throw new InputError(fileProblem(dir, e));
  }
}

/**
 * Writes a file so that readers see either the old or the new content, never a part:
 * the content goes to a temporary file beside the target, which is then renamed over it.
 * Content given as pieces (a large CSV) is written as they come, never held whole.
 */
export async function writeAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, file);
  } catch (e) {
    // Cleaning up must not hide the real problem (the temporary name itself may be what failed).
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(fileProblem(file, e, true));
  }
}

const PROBLEMS: Record<string, 'missing' | 'denied' | 'directory' | 'nameTooLong' | 'notDirectory'> = {
  ENOENT: 'missing',
  EACCES: 'denied',
  EPERM: 'denied',
  EISDIR: 'directory',
  ENAMETOOLONG: 'nameTooLong',
  ENOTDIR: 'notDirectory',
};

function fileProblem(file: string, e: unknown, writing = false) {
  const problem = PROBLEMS[(e as { code?: string }).code ?? ''] ?? 'other';
  return cliMessage('fileProblem', { path: file, problem, detail: e instanceof Error ? e.message : String(e), writing });
}
