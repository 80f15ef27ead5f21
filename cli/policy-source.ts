// Where a policy's sources come from: a folder (its `*.kp` files, sorted, not recursive), one file,
// or a Git revision spec `REV:path`. This is the only module that runs git.
import path from 'node:path';
import { execFile } from 'node:child_process';
import { InputError, displayPath, type CliContext } from './context.js';
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

export async function readPolicy(ctx: CliContext, spec: string): Promise<PolicySources> {
  const full = path.resolve(ctx.cwd, spec);
  const kind = await pathKind(full);
  if (kind === 'dir') return { spec, sources: await readFolder(ctx, full) };
  if (kind === 'file') return { spec, sources: [{ path: displayPath(ctx, full), text: await readText(full) }] };
  const revision = REVISION_SPEC.exec(spec);
  if (revision) return { spec, sources: await readRevision(ctx, revision[1]!, revision[2]!) };
  throw new InputError(`${spec}: no such file or directory`);
}

/** The `*.kp` files of a folder, sorted by name; `replace` substitutes (or, with null, drops) one of them. */
export async function readFolder(
  ctx: CliContext,
  dir: string,
  replace?: { name: string; text: string | null },
): Promise<PolicySource[]> {
  const names = (await listDir(dir)).filter((e) => e.isFile && e.name.endsWith('.kp')).map((e) => e.name);
  if (replace && replace.text !== null && !names.includes(replace.name)) names.push(replace.name);
  names.sort();
  const sources: PolicySource[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (replace?.name === name) {
      if (replace.text !== null) sources.push({ path: displayPath(ctx, file), text: replace.text });
    } else {
      sources.push({ path: displayPath(ctx, file), text: await readText(file) });
    }
  }
  if (sources.length === 0) throw new InputError(`${displayPath(ctx, dir)}: no .kp files in this folder`);
  return sources;
}

async function readRevision(ctx: CliContext, rev: string, rel: string): Promise<PolicySource[]> {
  const object = `${rev}:${rel}`;
  const type = (await git(ctx, ['cat-file', '-t', object], object)).trim();
  if (type === 'blob') return [{ path: object, text: await git(ctx, ['cat-file', 'blob', object], object) }];
  if (type !== 'tree') throw new InputError(`${object}: not a file or folder in Git`);
  const listing = await git(ctx, ['ls-tree', '-z', object], object);
  const sources: PolicySource[] = [];
  const entries = listing.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    return { type: line.slice(0, tab).split(' ')[1], name: line.slice(tab + 1) };
  });
  for (const entry of entries.filter((e) => e.type === 'blob' && e.name.endsWith('.kp')).sort(byName)) {
    const file = rel === '' || rel.endsWith('/') ? `${rel}${entry.name}` : `${rel}/${entry.name}`;
    sources.push({ path: `${rev}:${file}`, text: await git(ctx, ['cat-file', 'blob', `${rev}:${file}`], object) });
  }
  if (sources.length === 0) throw new InputError(`${object}: no .kp files in this folder`);
  return sources;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function git(ctx: CliContext, args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: ctx.cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = String(stderr).trim().split('\n')[0] || error.message;
      reject(new InputError(`${what}: not found in Git (${reason})`));
    });
  });
}
