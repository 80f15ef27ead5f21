// Data shown in a terminal cannot drive it: control characters and bidirectional overrides in unit ids,
// names and values are shown escaped on standard error and on a terminal's standard output, and a line break
// inside a table cell cannot forge a row. Piped standard output stays byte-exact.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processContext, terminalText } from '../../cli/context.js';
import { runCli } from '../cli/run-cli.js';
import { repoRoot } from './cases.js';

describe('terminal text', () => {
  it('escapes controls, DEL, C1 and bidi overrides; keeps tab, line feed and Chinese', () => {
    expect(terminalText('甲\u001b[2J\u0007\r\u007f\u009b\u202e\u2066乙\t丙\n')).toBe('甲\\u{1b}[2J\\u{7}\\u{d}\\u{7f}\\u{9b}\\u{202e}\\u{2066}乙\t丙\n');
  });

  const writes: string[] = [];
  const restore: (() => void)[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    for (const undo of restore.splice(0)) undo();
    writes.length = 0;
  });
  function capture(stream: NodeJS.WriteStream, isTTY: boolean) {
    const before = Object.getOwnPropertyDescriptor(stream, 'isTTY');
    Object.defineProperty(stream, 'isTTY', { value: isTTY, configurable: true, writable: true });
    restore.push(() => (before ? Object.defineProperty(stream, 'isTTY', before) : delete (stream as { isTTY?: boolean }).isTTY));
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (writes.push(String(chunk)), true));
  }
  it('standard output on a terminal is escaped; piped, it is byte-exact', () => {
    const hostile = '{"id":"\u001b[31m甲"}\n';
    capture(process.stdout, true);
    processContext().out(hostile);
    capture(process.stdout, false);
    processContext().out(hostile);
    expect(writes).toEqual(['{"id":"\\u{1b}[31m甲"}\n', hostile]);
  });
  it('standard error is always escaped', () => {
    capture(process.stderr, false);
    processContext().err('单位「\u001b]0;title\u0007」\n');
    expect(writes).toEqual(['单位「\\u{1b}]0;title\\u{7}」\n']);
  });
});

describe('kaoping eval tables', () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  it('a line break in a unit name cannot forge a row', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kp-terminal-'));
    await copyFile(path.join(repoRoot, 'test/cli/fixtures/small-2021.kp'), path.join(dir, 'p.kp'));
    const data = JSON.parse(await readFile(path.join(repoRoot, 'test/cli/fixtures/small-data.json'), 'utf8'));
    data.units[0].name = '北京\r\n   1  伪造  100.00  100.00  第一段';
    await writeFile(path.join(dir, 'd.json'), JSON.stringify(data));
    const r = await runCli(['eval', 'p.kp', '--data', 'd.json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('北京\\u{d}\\u{a}   1  伪造');
    expect(r.stdout.split('\n').filter((l) => /^\s+\d+\s+伪造/.test(l))).toEqual([]);
  });
});
