// Replacing a file atomically, for every writer of user files (the CLI's outputs and formatted sources, the
// editor's saves): readers see the old or the new content, never a part, and a write that is killed leaves
// a temporary file that the next write of the same file recognises and removes.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
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
 * Writes `file` through a temporary sibling renamed over it. Content given as pieces (a large CSV) is written
 * as they come, never held whole. Errors are thrown as they are; the temporary file is removed first.
 */
export async function replaceFile(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  await removeLeftoverTemps(dir, base);
  const temp = path.join(dir, tempName(base));
  try {
    await fs.writeFile(temp, content, { flag: 'wx' });
    await fs.rename(temp, file);
  } catch (e) {
    // Cleaning up must not hide the real problem (the temporary name itself may be what failed).
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
