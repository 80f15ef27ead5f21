// Where a policy's sources come from: a folder (its `*.kp` files, sorted, not recursive), one file,
// or a Git revision spec `REV:path`. This is the only module that runs git.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { cliMessage } from '../messages/index.js';
import { InputError, displayPath, type CliContext } from './context.js';
import { MAX_SOURCE_LENGTH } from '../dsl/limits.js';
import { listDir, pathKind, readText } from './files.js';

export interface PolicySource {
  path: string;
  text: string;
}

/** A policy as read from one PATH argument. */
export interface PolicySources {
  /** The argument as the user wrote it. */
  spec: string;
  sources: PolicySource[];
}

const REVISION_SPEC = /^([^:]+):(.*)$/;

/** A UTF-8 file beyond this many bytes holds more than MAX_SOURCE_LENGTH characters: refused before it is read. */
export const MAX_POLICY_FILE_BYTES = 3 * MAX_SOURCE_LENGTH;

export function readPolicyFile(file: string): Promise<string> {
  return readText(file, MAX_POLICY_FILE_BYTES, { what: 'policyFile', characters: MAX_SOURCE_LENGTH });
}

export async function readPolicy(ctx: CliContext, spec: string): Promise<PolicySources> {
  const full = path.resolve(ctx.cwd, spec);
  const kind = await pathKind(full);
  if (kind === 'dir') return { spec, sources: await readFolder(ctx, full) };
  if (kind === 'file') return { spec, sources: [{ path: displayPath(ctx, full), text: await readPolicyFile(full) }] };
  const revision = REVISION_SPEC.exec(spec);
  if (revision) return { spec, sources: await readRevision(ctx, revision[1]!, revision[2]!) };
  throw new InputError(cliMessage('noSuchPath', { path: spec }));
}

/** The `*.kp` files of a folder, sorted by name; `replace` substitutes some by name (a null text drops the file). */
export async function readFolder(ctx: CliContext, dir: string, replace: ReadonlyMap<string, string | null> = new Map()): Promise<PolicySource[]> {
  const names = new Set((await listDir(dir)).filter((e) => e.isFile && e.name.endsWith('.kp')).map((e) => e.name));
  for (const [name, text] of replace) {
    if (text === null) names.delete(name);
    else names.add(name);
  }
  const sources: PolicySource[] = [];
  for (const name of [...names].sort()) {
    const file = path.join(dir, name);
    sources.push({ path: displayPath(ctx, file), text: replace.get(name) ?? (await readPolicyFile(file)) });
  }
  if (sources.length === 0) throw new InputError(cliMessage('noPolicyFiles', { path: displayPath(ctx, dir) }));
  return sources;
}

async function readRevision(ctx: CliContext, rev: string, rel: string): Promise<PolicySource[]> {
  const object = `${rev}:${rel}`;
  const type = (await git(ctx, ['cat-file', '-t', object], object)).trim();
  if (type === 'blob') return [{ path: object, text: await git(ctx, ['cat-file', 'blob', object], object) }];
  if (type !== 'tree') throw new InputError(cliMessage('notInGit', { object }));
  // --full-tree: without it ls-tree keeps only the entries under the working directory's own path in the repository.
  const listing = await git(ctx, ['ls-tree', '-z', '--full-tree', object], object);
  const sources: PolicySource[] = [];
  const entries = listing.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    return { type: line.slice(0, tab).split(' ')[1], name: line.slice(tab + 1) };
  });
  for (const entry of entries.filter((e) => e.type === 'blob' && e.name.endsWith('.kp')).sort(byName)) {
    const file = rel === '' || rel.endsWith('/') ? `${rel}${entry.name}` : `${rel}/${entry.name}`;
    sources.push({ path: `${rev}:${file}`, text: await git(ctx, ['cat-file', 'blob', `${rev}:${file}`], object) });
  }
  if (sources.length === 0) throw new InputError(cliMessage('noPolicyFiles', { path: object }));
  return sources;
}

/** A commit that changed a path: its hash, commit time (ISO 8601) and subject line. */
export interface Revision {
  commit: string;
  time: string;
  subject: string;
}

/** The latest `max` commits that changed `rel` (relative to the working directory); none outside a Git repository. */
export async function revisionsOf(ctx: CliContext, rel: string, max: number): Promise<Revision[]> {
  const log = await git(ctx, ['log', `-n${max}`, '--format=%H%x00%cI%x00%s', '--', rel], rel).catch(() => '');
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit, time, subject] = line.split('\0') as [string, string, string];
      return { commit, time, subject };
    });
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function git(ctx: CliContext, args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: ctx.cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = String(stderr).trim().split('\n')[0] || error.message;
      reject(new InputError(cliMessage('gitMissing', { object: what, reason })));
    });
  });
}
