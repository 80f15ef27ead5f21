// docs/embedding.md: every example runs as written, as its own Node process in a folder where `kaoping` resolves
// to this checkout (the sources, through tsx and tsconfig paths, so no build is needed), and prints exactly the
// text under it. scripts/check-package.mjs runs the same examples against the packed package in CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(path.join(repo, 'docs', 'embedding.md'), 'utf8');
/** Each ```js block and the ```text block after it ("prints"). */
const examples = [...doc.matchAll(/```js\n([\s\S]*?)```\s*\nprints\s*\n\s*```text\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, prints: m[2]! }));
let folder: string;
/** tsx as the repository has it: the example's folder has only kaoping in its node_modules. */
const TSX = import.meta.resolve('tsx');

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'kaoping-embedding-'));
  mkdirSync(path.join(folder, 'node_modules'));
  symlinkSync(repo, path.join(folder, 'node_modules', 'kaoping'));
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
  const entry = (file: string) => [path.join(repo, file)];
  const paths = { kaoping: entry('api/index.ts'), 'kaoping/runtime': entry('runtime/index.ts'), 'kaoping/compiler': entry('compiler/index.ts') };
  writeFileSync(path.join(folder, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }));
  // The graph.json the page says `npx kaoping build … -o graph.json` writes.
  const built = await runCli(['build', 'node_modules/kaoping/policies/tax-provincial-2021', '-o', 'graph.json'], folder);
  expect(built.code).toBe(0);
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('docs/embedding.md', () => {
  it('has an example for each function of the facade, the runtime and the compiler', () => {
    const code = examples.map((e) => e.code).join('\n');
    const functions = [
      'compile', 'evaluate', 'explain', 'diff', 'renderTrace', 'loadGraph', 'readJsonDataset', 'checkDataset', 'readTables', 'decodeText',
      'renderTraceLines', 'runTests', 'resultsSchema', 'snap', 'roundTo', 'GRAPH_FORMAT', 'STAGE_ORDER', 'COMPILER_CODES', 'symbolAt', 'occurrences',
    ];
    expect(functions.filter((f) => !new RegExp(`\\b${f}\\(|\\b${f}\\b[^(]`).test(code))).toEqual([]);
    expect(examples.length).toBe(8);
  });

  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i runs as written and prints what the page shows', (i, { code, prints }) => {
    const file = path.join(folder, `example-${i}.mjs`);
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, ['--import', TSX, file], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(folder, 'tsconfig.json') },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(prints);
  }, 60_000);
});
