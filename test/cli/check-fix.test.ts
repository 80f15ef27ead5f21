// `kaoping check --fix`: the unambiguous quick fixes applied to the files on disk, each one said; the rest left.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIXES = new URL('../golden-fixes/', import.meta.url).pathname;

function copyOf(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-fix-'));
  const file = path.join(dir, 'policy.kp');
  writeFileSync(file, readFileSync(path.join(FIXES, name)));
  return { dir, file };
}

describe('kaoping check --fix', () => {
  it('applies the unambiguous fixes, says each, and reports what is left (exit 1 while errors remain)', async () => {
    const { dir, file } = copyOf('names.kp');
    const r = await runCli(['check', '--fix', 'policy.kp'], dir);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(FIXES, 'names.fixed.kp'), 'utf8'));
    expect(r.stdout).toContain('policy.kp:18:13: fixed KP1002: change to `收入实绩`\n');
    expect(r.stdout).toContain('policy.kp:22:27: fixed KP2009: change to `称职`\n');
    expect(r.stdout).toContain('applied 2 fixes in 1 file; 2 more need the author\'s choice');
    // The diagnostics that follow are of the fixed file: the two left, at their places in it.
    expect([...r.stdout.matchAll(/^policy\.kp:\d+:\d+: error (KP\d+)/gm)].map((m) => m[1])).toEqual(['KP1012', 'KP1002']);
    expect(r.stdout).toContain('2 errors, 0 warnings in 1 file');
    expect(r.code).toBe(1);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['policy.kp']);
  });

  it('a missing bracket fixed makes the policy compile (exit 0); in Chinese with --lang zh', async () => {
    const { dir, file } = copyOf('brackets.kp');
    const r = await runCli(['check', '--fix', '--lang', 'zh', dir], dir);
    expect(r.stdout).toMatch(/policy\.kp:15:41：已修正 KP0003：补上「\)」/);
    expect(r.stdout).toContain('在 1 个文件中修正了 1 处');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(FIXES, 'brackets.fixed.kp'), 'utf8'));
    expect(r.code).toBe(0);
  });

  it('changes nothing in a clean policy or one whose fixes all need a choice', async () => {
    for (const name of ['brackets.fixed.kp', 'else-arms.kp']) {
      const { dir, file } = copyOf(name);
      const before = readFileSync(file, 'utf8');
      const r = await runCli(['check', '--fix', 'policy.kp'], dir);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(r.stdout).not.toContain('fixed ');
    }
    const clean = copyOf('brackets.fixed.kp');
    const r = await runCli(['check', '--fix', 'policy.kp'], clean.dir);
    expect([r.code, r.stdout]).toEqual([0, '0 errors, 0 warnings in 1 file\n']);
  });

  it('with --format json, says the fixes on standard error and keeps standard output JSON', async () => {
    const { dir } = copyOf('names.kp');
    const r = await runCli(['check', '--fix', '--format', 'json', 'policy.kp'], dir);
    expect(JSON.parse(r.stdout).map((d: { code: string }) => d.code)).toEqual(['KP1012', 'KP1002']);
    expect(r.stderr).toContain('fixed KP1002');
  });

  it('refuses a Git revision (usage error, exit 2)', async () => {
    const r = await runCli(['check', '--fix', 'HEAD:policies/tax-provincial-2021']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--fix changes files on disk, not Git revisions')]);
  });
});
