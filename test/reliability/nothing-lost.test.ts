// Nothing lost: `kaoping fmt`, `kaoping eval --out` and editor saves replace files atomically (temporary file
// beside the target, then rename), and a failed or refused write leaves the original byte-identical.
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveSource } from '../../editor/server/policy-files.js';
import { runCli } from '../cli/run-cli.js';
import { repoRoot } from './cases.js';

const FIXTURES = path.join(repoRoot, 'test/cli/fixtures');
const isRoot = process.getuid?.() === 0;
/** A name whose temporary sibling (`.<name>.kaoping-<pid>.<12 hex>.tmp`) is longer than the 255 bytes a file name may have. */
const LONG_NAME = `${'长'.repeat(80)}.kp`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kp-nothing-lost-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

const unformatted = 'policy "甲" version "1" { precision 2 }\nentity 局\n';
const noTemporaryFiles = async (folder: string) => expect((await readdir(folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

describe('kaoping fmt', () => {
  it('replaces a file by rename: a new inode, full content, no temporary file left', async () => {
    const file = path.join(dir, 'a.kp');
    await writeFile(file, unformatted);
    const before = await stat(file);
    const r = await runCli(['fmt', 'a.kp'], dir);
    expect([r.code, r.stdout]).toEqual([0, 'formatted a.kp\n']);
    const after = await stat(file);
    expect(after.ino).not.toBe(before.ino);
    expect(await readFile(file, 'utf8')).toBe('policy "甲" version "1" {\n  precision 2\n}\n\nentity 局\n');
    await noTemporaryFiles(dir);
  });

  it('leaves a file with a syntax error byte-identical and says why', async () => {
    const file = path.join(dir, 'bad.kp');
    const bytes = Buffer.from(`${unformatted}section S for 局 points {\n`, 'utf8');
    await writeFile(file, bytes);
    const before = await stat(file);
    const r = await runCli(['fmt', 'bad.kp'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad\.kp:\d+:\d+: error KP0\d{3}: /m);
    expect(r.stderr).toContain('bad.kp: not formatted (syntax errors)');
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('a write that fails leaves the original intact, with a message and no temporary file', async () => {
    const file = path.join(dir, LONG_NAME);
    await writeFile(file, unformatted);
    const r = await runCli(['fmt', LONG_NAME], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${LONG_NAME}: cannot write:`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await readFile(file, 'utf8')).toBe(unformatted);
    await noTemporaryFiles(dir);
  });

  it.skipIf(isRoot)('in a read-only folder the write fails with a message and the original intact', async () => {
    const file = path.join(dir, 'a.kp');
    await writeFile(file, unformatted);
    await chmod(dir, 0o555);
    const r = await runCli(['fmt', 'a.kp'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('a.kp: cannot write: permission denied');
    expect(await readFile(file, 'utf8')).toBe(unformatted);
  });
});

describe('kaoping eval --out', () => {
  beforeEach(async () => {
    await copyFile(path.join(FIXTURES, 'small-2021.kp'), path.join(dir, 'p.kp'));
    await copyFile(path.join(FIXTURES, 'small-data.json'), path.join(dir, 'data.json'));
    await copyFile(path.join(FIXTURES, 'bad-data.json'), path.join(dir, 'bad.json'));
  });

  for (const ext of ['json', 'csv', 'xlsx']) {
    it(`writes .${ext} results by rename, leaving no temporary file`, async () => {
      const out = path.join(dir, `results.${ext}`);
      await writeFile(out, 'previous results');
      const before = await stat(out);
      const r = await runCli(['eval', 'p.kp', '--data', 'data.json', '--out', `results.${ext}`], dir);
      expect(r.code, r.stderr).toBe(0);
      expect((await stat(out)).ino).not.toBe(before.ino);
      expect((await readFile(out)).length).toBeGreaterThan(16);
      await noTemporaryFiles(dir);
    });
  }

  it('a temporary file left by a killed write is removed by the next write of the same file; others are kept', async () => {
    // A process that has ended: its pid names a write that can no longer finish.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const leftovers = [`.results.csv.kaoping-${gone}.0123456789ab.tmp`, `.results.csv.kaoping-${gone}.ba9876543210.tmp`];
    const kept = [
      `.results.csv.kaoping-${process.pid}.0123456789ab.tmp`, // a write under way (this process is alive)
      `.other.csv.kaoping-${gone}.0123456789ab.tmp`, // another file's
      `.results.csv.0123456789ab.tmp`, // not kaoping's pattern
    ];
    for (const name of [...leftovers, ...kept]) await writeFile(path.join(dir, name), 'partial');
    const r = await runCli(['eval', 'p.kp', '--data', 'data.json', '--out', 'results.csv'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp')).sort()).toEqual([...kept].sort());
  });

  it('bad data writes nothing: the previous results stay', async () => {
    const out = path.join(dir, 'results.json');
    await writeFile(out, 'previous results');
    const r = await runCli(['eval', 'p.kp', '--data', 'bad.json', '--out', 'results.json'], dir);
    expect(r.code).not.toBe(0);
    expect(await readFile(out, 'utf8')).toBe('previous results');
    await noTemporaryFiles(dir);
  });

  it('a write that fails leaves the previous results, with a message', async () => {
    const name = `${'长'.repeat(80)}.json`;
    await writeFile(path.join(dir, name), 'previous results');
    const r = await runCli(['eval', 'p.kp', '--data', 'data.json', '--out', name], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${name}: cannot write:`);
    expect(await readFile(path.join(dir, name), 'utf8')).toBe('previous results');
    await noTemporaryFiles(dir);
  });

  it('an --out that is a folder is refused with a message and the folder kept', async () => {
    await mkdir(path.join(dir, 'out.json'));
    await writeFile(path.join(dir, 'out.json', 'keep.txt'), 'keep');
    const r = await runCli(['eval', 'p.kp', '--data', 'data.json', '--out', 'out.json'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('out.json: cannot write');
    expect(await readFile(path.join(dir, 'out.json', 'keep.txt'), 'utf8')).toBe('keep');
    await noTemporaryFiles(dir);
  });
});

describe('editor saves', () => {
  it('replace the file by rename with the full text', async () => {
    const file = path.join(dir, 'a.kp');
    await writeFile(file, 'old');
    const before = await stat(file);
    await saveSource(file, unformatted);
    expect((await stat(file)).ino).not.toBe(before.ino);
    expect(await readFile(file, 'utf8')).toBe(unformatted);
    await noTemporaryFiles(dir);
  });

  it('a save that fails leaves the original intact and no temporary file', async () => {
    const file = path.join(dir, LONG_NAME);
    await writeFile(file, 'original');
    await expect(saveSource(file, unformatted)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('original');
    await noTemporaryFiles(dir);
  });

  it.skipIf(isRoot)('a save into a read-only folder fails and leaves the original intact', async () => {
    const file = path.join(dir, 'a.kp');
    await writeFile(file, 'original');
    await chmod(dir, 0o555);
    await expect(saveSource(file, unformatted)).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('original');
  });
});
