// The cache of compiled graphs (cli/graph-cache.ts) as the built command uses it: a second run reads the graph
// kept by the first and prints the same; an entry that someone else may write, or whose text does not match
// its hash, is ignored and compiled anew.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../..');
const cache = mkdtempSync(path.join(tmpdir(), 'kaoping-graph-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const evalDefault = () =>
  execFileSync(process.execPath, ['cli/kaoping.mjs', 'eval', 'policies/tax-provincial-2021', '--data', 'policies/tax-provincial-2021/data/results.json', '--period', '2021'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, KAOPING_CACHE_DIR: cache, KAOPING_LANG: 'zh' },
  });

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

describe('compiled graphs cached by the SHA-256 of their sources and compiler', () => {
  it('are kept private, read back to the same output, and ignored when tampered with', () => {
    const first = evalDefault();
    const folder = path.join(cache, 'graphs');
    const [entry] = readdirSync(folder);
    const file = path.join(folder, entry!);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
    expect(evalDefault()).toBe(first);

    // A graph changed with a matching hash (every indicator worth nothing): used only from a private file.
    const [head, graphJson] = [readFileSync(file, 'utf8').split('\n')[0]!, readFileSync(file, 'utf8').split('\n').slice(1).join('\n')];
    const changed = graphJson.replace(/"points":\d+(\.\d+)?/g, '"points":0');
    expect(changed).not.toBe(graphJson);
    writeFileSync(file, `${head.split(' ')[0]} ${sha256(changed)}\n${changed}`);
    chmodSync(file, 0o664); // group-writable: not trusted
    expect(evalDefault()).toBe(first);
    // Compiled anew and written back privately, the entry is the clean one again.
    expect(readFileSync(file, 'utf8').split('\n').slice(1).join('\n')).toBe(graphJson);

    writeFileSync(file, `${head}\n${graphJson.slice(0, 1000)}`); // cut short: the hash does not match
    chmodSync(file, 0o600);
    expect(evalDefault()).toBe(first);
  }, 120_000);
});
