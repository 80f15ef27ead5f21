import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { WIDTH, formatSource } from '../../dsl/format.js';
import { KEYWORDS } from '../../dsl/keywords.js';
import { parse } from '../../dsl/parse.js';
import { stripSpans } from './helpers.js';
import { longProgram, validProgram } from './valid-programs.js';

const goldenDir = join(import.meta.dirname, 'format');
const goldens = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.kp'))
  .map((f) => readFileSync(join(goldenDir, f), 'utf8'));

/** parse and format return (never throw), and every diagnostic lies within the text. */
function checkRobust(text: string): void {
  const { diagnostics } = parse('p.kp', text);
  for (const d of diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.code).toMatch(/^KP0\d{3}$/);
  }
  const formatted = formatSource('p.kp', text);
  if (formatted.text !== null) {
    // Whatever parses cleanly formats to a fixed point.
    expect(formatSource('p.kp', formatted.text).text).toBe(formatted.text);
  }
}

const pieces = [
  ...KEYWORDS.flatMap((k) => [k.english, k.chinese]),
  '{', '}', '(', ')', '[', ']', ',', ':', '=', '.', '->', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/',
  '10分', '98.6%', '6800万元', '3件', '2021-06-30', '2021Q1', '2021', '"文本"', '"未闭合', '# 注释\n', '\n',
  '组织收入', 'a', '省局', '￥', '，',
];
const tokenSoup = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(' '));

/** A golden source with a slice deleted, duplicated or replaced by a random piece. */
const mutatedGolden = fc
  .tuple(fc.constantFrom(...goldens), fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...pieces), fc.constantFrom('delete', 'insert', 'duplicate'))
  .map(([source, at, length, piece, how]) => {
    const start = at % (source.length + 1);
    const end = Math.min(source.length, start + length);
    if (how === 'delete') return source.slice(0, start) + source.slice(end);
    if (how === 'insert') return source.slice(0, start) + piece + source.slice(start);
    return source.slice(0, end) + source.slice(start, end) + source.slice(end);
  });

describe('robustness', () => {
  it('random strings never make parse or format throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), checkRobust), { numRuns: 300 });
  });

  it('random token soups never make parse or format throw', () => {
    fc.assert(fc.property(tokenSoup, checkRobust), { numRuns: 400 });
  });

  it('mutated golden sources never make parse or format throw', () => {
    fc.assert(fc.property(mutatedGolden, checkRobust), { numRuns: 300 });
  });
});

/** Formatting keeps the tree (so the rule graph), the comments, and is a fixed point; returns the formatted text. */
function checkFormat(text: string): string {
  const parsed = parse('p.kp', text);
  expect(parsed.diagnostics).toEqual([]);
  const formatted = formatSource('p.kp', text).text!;
  const reparsed = parse('p.kp', formatted);
  expect(reparsed.diagnostics).toEqual([]);
  expect(stripSpans(reparsed.file.decls)).toEqual(stripSpans(parsed.file.decls));
  expect(reparsed.file.comments.map((c) => c.text.trimEnd())).toEqual(parsed.file.comments.map((c) => c.text.trimEnd()));
  expect(formatSource('p.kp', formatted).text).toBe(formatted);
  return formatted;
}

describe('valid programs from the grammar', () => {
  it('parse without diagnostics, and format keeps the tree, the comments and a fixed point', () => {
    fc.assert(fc.property(validProgram, (text) => void checkFormat(text)), { numRuns: 400 });
  });

  // Every name is an unbreakable token of at most 34 columns, far below the width, so every line must fit.
  it('that need breaking (long names, long expressions) are laid out within the width, kept and idempotent', () => {
    fc.assert(fc.property(longProgram, (text) => {
      const over = checkFormat(text).split('\n').filter((l) => stringWidth(l) > WIDTH);
      expect(over).toEqual([]);
    }), { numRuns: 200 });
  }, 60_000);
});
