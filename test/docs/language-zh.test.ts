// docs/zh/language.md lists every keyword of the language in both spellings, as dsl/keywords.ts has them, and its
// examples of whole declarations parse.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEYWORDS } from '../../dsl/keywords.js';
import { parse } from '../../dsl/parse.js';

const PAGE = readFileSync(fileURLToPath(new URL('../../docs/zh/language.md', import.meta.url)), 'utf8');

describe('docs/zh/language.md', () => {
  it('has every keyword in its table, beside its English spelling', () => {
    const rows = PAGE.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|').map((c) => c.trim()));
    const pairs = new Set(rows.flatMap((cells) => cells.flatMap((c, i) => (i % 2 === 1 && cells[i + 1] ? [`${c}/${cells[i + 1]}`] : []))));
    const missing = KEYWORDS.filter((k) => !pairs.has(`${k.chinese}/${k.english}`)).map((k) => k.chinese);
    expect(missing).toEqual([]);
  });

  it('has examples that parse without errors', () => {
    const blocks = [...PAGE.matchAll(/^```kp\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(8);
    for (const text of blocks) expect(parse('例.kp', text).diagnostics.map((d) => d.message), text).toEqual([]);
  });
});
