// Reading and writing the user's files: located errors instead of exceptions, atomic writes.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from './context.js';

export async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new InputError(`${file}: ${fileProblem(e)}`);
  }
}

/** A file's bytes in chunks of about `size` bytes, so that a large file is never held whole. */
export async function* readChunks(file: string, size: number): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: size })) yield chunk as Buffer;
  } catch (e) {
    throw new InputError(`${file}: ${fileProblem(e)}`);
  }
}

/**
 * A UTF-8 text file, its size on disk checked before any read: beyond `maxBytes` it is refused unread
 * (`what` says what kind of file, for the message).
 */
export async function readText(file: string, maxBytes = Infinity, what = 'a file'): Promise<string> {
  const size = await fileSize(file);
  if (size > maxBytes) throw new InputError(`${file}: ${mib(size)} on disk, beyond the ${mib(maxBytes)} ${what} may take; refused before reading`);
  return new TextDecoder('utf-8').decode(await readBytes(file));
}

const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MiB`;

export async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (e) {
    throw new InputError(`${file}: ${fileProblem(e)}`);
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
    throw new InputError(`${dir}: ${fileProblem(e)}`);
  }
}

/**
 * The temporary sibling a write of `base` goes through: `.base.kaoping-PID.HEX.tmp`. The name says which
 * process wrote it, so a later write of the same file can tell a leftover of a killed write (its process is
 * gone) from a write still under way.
 */
function tempName(base: string): string {
  return `.${base}.kaoping-${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

const TEMP_NAME = /^\.(.*)\.kaoping-(\d+)\.[0-9a-f]{12}\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // alive, another user's
  }
}

/** Removes the temporary siblings of `file` left by writes whose process was killed before renaming them. */
async function removeLeftoverTemps(dir: string, base: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (m && m[1] === base && !processAlive(Number(m[2]))) await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/**
 * Writes a file so that readers see either the old or the new content, never a part:
 * the content goes to a temporary file beside the target, which is then renamed over it.
 * Content given as pieces (a large CSV) is written as they come, never held whole.
 */
export async function writeAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  await removeLeftoverTemps(dir, base);
  const temp = path.join(dir, tempName(base));
  try {
    await fs.writeFile(temp, content);
    await fs.rename(temp, file);
  } catch (e) {
    // Cleaning up must not hide the real problem (the temporary name itself may be what failed).
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new InputError(`${file}: cannot write: ${fileProblem(e)}`);
  }
}

function fileProblem(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENAMETOOLONG':
      return 'the file name is too long for this file system';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}
