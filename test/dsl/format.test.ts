import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { format, formatSource, keywordLanguage } from '../../dsl/format.js';
import { parse } from '../../dsl/parse.js';
import { stripSpans } from './helpers.js';

const dir = join(import.meta.dirname, 'format');
const sources = readdirSync(dir).filter((f) => f.endsWith('.kp') && !f.endsWith('.formatted.kp'));

/** Formats text that must parse cleanly. */
function fmt(text: string): string {
  const result = formatSource('t.kp', text);
  expect(result.diagnostics).toEqual([]);
  return result.text!;
}

describe('formatter goldens', () => {
  it.each(sources)('%s', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    const formatted = fmt(source);
    const goldenPath = join(dir, name.replace(/\.kp$/, '.formatted.kp'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, formatted);
    expect(formatted).toBe(readFileSync(goldenPath, 'utf8'));
    // Idempotent, AST-preserving and comment-preserving.
    expect(fmt(formatted)).toBe(formatted);
    expect(stripSpans(parse('t.kp', formatted).file.decls)).toEqual(stripSpans(parse('t.kp', source).file.decls));
    expect(parse('t.kp', formatted).file.comments.map((c) => c.text.trimEnd())).toEqual(
      parse('t.kp', source).file.comments.map((c) => c.text.trimEnd()),
    );
  });
});

describe('format', () => {
  it('writes keywords in the language most of the file uses', () => {
    expect(keywordLanguage('板块 a 分值 1 { } param b = 1')).toBe('chinese');
    expect(keywordLanguage('section a points 1 { } 参数 b = 1')).toBe('english');
    expect(fmt('板块 a 分值 1 { }\nparam b = 是')).toBe('板块 a 分值 1 {}\n\n参数 b = 是\n');
    expect(fmt('section a points 1 { }\n参数 b = true')).toBe('section a points 1 {}\n\nparam b = true\n');
    expect(keywordLanguage('param b = 是')).toBe('english'); // a tie goes to English
  });

  it('keeps the parentheses the author wrote (a doubled pair once)', () => {
    expect(fmt('param a = ((a - (b - c)) * (d + e)) / -(f.g) == (h and i)')).toBe(
      'param a = ((a - (b - c)) * (d + e)) / -(f.g) == (h and i)\n',
    );
    expect(fmt('param a = not (a and b) or (not c) == d')).toBe('param a = not (a and b) or (not c) == d\n');
    expect(fmt('param a = (if a then 1 else 2) + 3')).toBe('param a = (if a then 1 else 2) + 3\n');
    expect(fmt('param a = ((b))')).toBe('param a = (b)\n');
  });

  it('adds parentheses exactly where precedence needs them when the tree has none', () => {
    const { file } = parse('t.kp', 'param a = ((a - (b - c)) * (d + e)) / -(f.g) == (h and i) or (if x then 1 else 2) + 3');
    const bare = JSON.parse(JSON.stringify(file, (key, v: unknown) => (key === 'paren' ? undefined : v))) as typeof file;
    expect(format(bare)).toBe('param a = (a - (b - c)) * (d + e) / -f.g == (h and i) or (if x then 1 else 2) + 3\n');
  });

  it('counts a Chinese character as two columns of the 100', () => {
    const call = (names: string[]): string => `param 合计 = max(${names.join(', ')})\n`;
    const chinese = ['收入实绩完成', '税费收入进度', '组织收入完成', '社保费征收额', '非税收入完成', '出口退税进度', '风险应对完成'];
    const ascii = chinese.map((_, i) => `income_${i}_x`); // more characters than the Chinese names, fewer columns
    expect(call(chinese).length).toBeLessThan(100);
    expect(fmt(call(ascii))).toBe(call(ascii));
    expect(fmt(call(chinese))).toBe(`param 合计 = max(\n  ${chinese.join(',\n  ')}\n)\n`);
  });

  it('keeps a trailing comment on its line and a leading comment above its item', () => {
    expect(fmt('section s points 1 {\n  # lead\n  let a = 1 # trail\n}')).toBe('section s points 1 {\n  # lead\n  let a = 1  # trail\n}\n');
  });

  it('keeps a comment after a one-line block on the block, not on its header, so formatting again keeps it', () => {
    const once = fmt('entity 特派办\nentity 省局 { 特派办: 特派办 }  # a { brace\n');
    expect(once).toBe('entity 特派办\n\nentity 省局 {\n  特派办: 特派办  # a { brace\n}\n');
    expect(fmt(once)).toBe(once);
  });

  it('escapes strings so they read back the same', () => {
    expect(fmt('param a = "x\\"y\\\\z"')).toBe('param a = "x\\"y\\\\z"\n');
  });

  it('refuses a file with syntax errors and keeps it', () => {
    const result = formatSource('bad.kp', 'section a points {');
    expect(result.text).toBeNull();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it('formats an empty file to nothing', () => {
    expect(format(parse('e.kp', '').file)).toBe('');
  });
});
