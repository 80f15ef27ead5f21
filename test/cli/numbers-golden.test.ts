// Numbers as people read them, in Chinese and English: the explanation of a rank-based score shows the rank, the
// value ranked and the whole formula; rates, money and points read at the policy's 2 places; a failing test
// shows its expected and actual values at those places, with more only where they would read alike.
// The policy and data are in test/cli/golden/numbers/ beside the expected outputs (UPDATE_GOLDEN=1 rewrites them).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const DIR = path.join('test', 'cli', 'golden', 'numbers');
const DATA = path.join(DIR, '数据.json');

function golden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe.each(['zh', 'en'] as const)('numbers as people read them (%s)', (lang) => {
  it('explains a rank-based score with the rank, the value ranked and the formula, and money in 万元 or 元', async () => {
    for (const unit of ['甲', '丙']) {
      const r = await runCli(['explain', DIR, '--data', DATA, '--unit', unit, '--lang', lang]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      golden(`explain-${unit}.${lang}.txt`, r.stdout);
    }
  });

  it('shows a failing test\'s expected and actual values at the policy\'s places', async () => {
    const r = await runCli(['test', DIR, '--lang', lang]);
    expect(r.code).toBe(1);
    golden(`test.${lang}.txt`, r.stdout);
  });
});
