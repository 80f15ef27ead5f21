// The real process: `node cli/kaoping.mjs` with its standard streams as pipes.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('kaoping in a pipe', () => {
  it('stops printing quietly when the reader has gone (`| head`), and still finishes the command', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kaoping-pipe-')), 'r.json');
    const args = ['eval', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021', '--out', out];
    const child = spawn(process.execPath, ['cli/kaoping.mjs', ...args, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The read end closes before the command writes anything, as `head` does once it has its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: `wrote ${out}\n` });
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});
