// Chinese first, from the one catalogue: the command's sentences, headings and labels live in messages/ with
// their English, so no Chinese literal is left in the code of cli/ and of the reports it writes (reports/) outside
// comments. The files still holding
// some are listed with why; a new literal anywhere else fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const FOLDERS = ['cli', 'reports'];
const HAN = /\p{Script=Han}/u;

/** Files whose Chinese is not a sentence of the catalogue's, and why. */
const KEPT: Record<string, string> = {
  'cli/load-data.ts': 'standard input named as a data file (标准输入.json) in data messages',
  'reports/results-columns.ts': "the related unit's result and share columns (部门结果, 部门结果占比), named after the policy's relation",
  'cli/serve/schemas.ts': 'the OpenAPI descriptions name the domain words (严重, 预警, 提示; 依据)',
  'cli/serve/server.ts': "the service's plain-text refusal of a bad path and its page when the editor is not built",
};

function sources(dir: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(dir, path.posix.join(under, e.name)) : e.name.endsWith('.ts') ? [path.posix.join(under, e.name)] : [],
  );
}

/** The lines of code with Chinese in them, comments left out (block comments, and `//` that begins a comment). */
function chineseLines(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return code
    .split('\n')
    .map((line, k) => [k + 1, line.replace(/(^|\s)\/\/.*$/, '')] as const)
    .filter(([, line]) => HAN.test(line))
    .map(([n, line]) => `${n}: ${line.trim()}`);
}

describe('no Chinese literal in cli/ and reports/ outside comments', () => {
  it('finds them: a literal counts, a comment does not', () => {
    expect(chineseLines("// 通报\n/* 考评\n结果 */ const a = 'x';\nconst b = `${k}排名`; // 排名\nconst url = 'https://x'; // 注")).toEqual(['4: const b = `${k}排名`;']);
  });

  const files = FOLDERS.flatMap((folder) => sources(ROOT, folder)).filter((f) => !(f in KEPT));
  it.each(files)('%s', (file) => {
    expect(chineseLines(readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('lists only files that still hold Chinese', () => {
    for (const file of Object.keys(KEPT)) expect([file, chineseLines(readFileSync(path.join(ROOT, file), 'utf8')).length > 0]).toEqual([file, true]);
  });
});
