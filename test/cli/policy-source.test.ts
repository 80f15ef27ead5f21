import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPolicy } from '../../cli/policy-source.js';
import { writeAtomic } from '../../cli/files.js';
import type { CliContext } from '../../cli/context.js';

let dir: string;
let ctx: CliContext;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kaoping-source-'));
  ctx = { out: () => {}, err: () => {}, cwd: dir, stderrIsTTY: false, env: {}, lang: 'en' };
  mkdirSync(path.join(dir, 'p', 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'p', 'b.kp'), 'b1');
  writeFileSync(path.join(dir, 'p', 'a.kp'), 'a1');
  writeFileSync(path.join(dir, 'p', 'notes.md'), 'not a source');
  writeFileSync(path.join(dir, 'p', 'data', 'c.kp'), 'inside data/');
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  writeFileSync(path.join(dir, 'p', 'a.kp'), 'a2');
  git('commit', '-q', '-am', 'two');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policy PATH', () => {
  it('reads a folder: its .kp files sorted by name, not the data/ folder', async () => {
    const p = await readPolicy(ctx, 'p');
    expect(p.sources).toEqual([
      { path: 'p/a.kp', text: 'a2' },
      { path: 'p/b.kp', text: 'b1' },
    ]);
  });

  it('reads one file', async () => {
    expect((await readPolicy(ctx, 'p/b.kp')).sources).toEqual([{ path: 'p/b.kp', text: 'b1' }]);
  });

  it('reads a folder and a file at a Git revision', async () => {
    expect((await readPolicy(ctx, 'HEAD~1:p')).sources).toEqual([
      { path: 'HEAD~1:p/a.kp', text: 'a1' },
      { path: 'HEAD~1:p/b.kp', text: 'b1' },
    ]);
    expect((await readPolicy(ctx, 'HEAD:p/a.kp')).sources).toEqual([{ path: 'HEAD:p/a.kp', text: 'a2' }]);
  });

  it('reads REV:path from a subdirectory of the repository, and REV:./path relative to it', async () => {
    const inData = { ...ctx, cwd: path.join(dir, 'p', 'data') };
    expect((await readPolicy(inData, 'HEAD~1:p')).sources).toEqual([
      { path: 'HEAD~1:p/a.kp', text: 'a1' },
      { path: 'HEAD~1:p/b.kp', text: 'b1' },
    ]);
    const inP = { ...ctx, cwd: path.join(dir, 'p') };
    expect((await readPolicy(inP, 'HEAD~1:./')).sources).toEqual([
      { path: 'HEAD~1:./a.kp', text: 'a1' },
      { path: 'HEAD~1:./b.kp', text: 'b1' },
    ]);
    expect((await readPolicy(inData, 'HEAD:../a.kp')).sources).toEqual([{ path: 'HEAD:../a.kp', text: 'a2' }]);
  });

  it('names what is missing', async () => {
    await expect(readPolicy(ctx, 'nowhere')).rejects.toThrow('nowhere: no such file or directory');
    await expect(readPolicy(ctx, 'HEAD:nowhere')).rejects.toThrow(/^HEAD:nowhere: not found in Git/);
  });
});

describe('atomic writes', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const file = path.join(dir, 'out.json');
    writeFileSync(file, 'old');
    await writeAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with a located message and leaves the target untouched when the folder is missing', async () => {
    await expect(writeAtomic(path.join(dir, 'missing', 'x.json'), 'x')).rejects.toThrow(/missing\/x\.json: cannot write: no such file or directory/);
  });
});
