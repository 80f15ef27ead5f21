// docs/zh/tutorial.md runs as written: its `sh` blocks, in order, through bash in a temporary copy of the bundled
// 2021 policy, with `kaoping` on the PATH as the checkout's command. Each block must succeed; the outcomes the
// tutorial tells of (no rule change after new-version, the new test passing, the change in the diff) are checked.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TUTORIAL = readFileSync(path.join(ROOT, 'docs', 'zh', 'tutorial.md'), 'utf8');

/** The tutorial's shell blocks, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

describe('docs/zh/tutorial.md', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kaoping-tutorial-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has its commands in sh blocks: new-version, check, test and diff', () => {
    const commands = shellBlocks(TUTORIAL).join('\n');
    for (const c of ['kaoping new-version', 'kaoping check', 'kaoping test', 'kaoping diff']) expect(commands).toContain(c);
  });

  it('runs every shell block as written, each succeeding', () => {
    cpSync(path.join(ROOT, 'policies', 'tax-provincial-2021'), path.join(dir, 'policies', 'tax-provincial-2021'), { recursive: true });
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'kaoping'), `#!/bin/sh\nexec node ${JSON.stringify(path.join(ROOT, 'cli', 'kaoping.mjs'))} "$@"\n`);
    chmodSync(path.join(bin, 'kaoping'), 0o755);
    const outputs = shellBlocks(TUTORIAL).map((block) => {
      const r = spawnSync('bash', ['-e', '-c', block], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}`, LANG: 'zh_CN.UTF-8', KAOPING_LANG: 'zh' },
      });
      expect(r.status, `${block}\n${r.stdout}\n${r.stderr}`).toBe(0);
      return r.stdout;
    });
    const [created, unchanged, , checked, , , tested, changed] = outputs;
    expect(created).toContain('已创建 policies/tax-provincial-2022-draft');
    expect(unchanged).toContain('规则没有变化（只有体系的版本信息和期间不同）。');
    expect(checked).toMatch(/中有 0 个错误/);
    expect(tested).toContain('✓ 风险应对：99%以上得满分，98.5%只得1分');
    expect(tested).toMatch(/，0 个失败\n$/);
    expect(changed).toContain('风险应对');
    expect(changed).toContain('>= 99%: 2分');
    expect(existsSync(path.join(dir, '审阅-2022.md'))).toBe(true);
  }, 300_000);
});
