// Quick fixes as data: each case in test/golden-fixes/ beside the fixes its diagnostics carry (`<case>.fixes.txt`)
// and its text once `check --fix` has applied the unambiguous ones (`<case>.fixed.kp`).
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/compiler/quick-fixes.test.ts` and review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { applyFixes } from '../../dsl/apply-fixes.js';
import { positionAt, type Diagnostic } from '../../dsl/diagnostics.js';

const DIR = new URL('../golden-fixes/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(DIR).filter((f) => f.endsWith('.kp') && !f.endsWith('.fixed.kp')).map((f) => f.slice(0, -3)).sort();

function golden(file: string, actual: string): string {
  const full = join(DIR, file);
  if (update) writeFileSync(full, actual);
  return existsSync(full) ? readFileSync(full, 'utf8') : '';
}

function listFixes(diagnostics: Diagnostic[], text: string): string {
  const at = (offset: number) => {
    const p = positionAt(text, offset);
    return `${p.line}:${p.column}`;
  };
  return diagnostics.filter((d) => d.fixes?.length).map((d) => [
    `${at(d.span.start)} ${d.code}: ${d.message}`,
    ...d.fixes!.flatMap((f) => [
      `  fix (${f.unambiguous ? 'applied by check --fix' : 'offered in the editor'}): ${f.title}`,
      ...f.edits.map((e) => `    ${at(e.span.start)}-${at(e.span.end)} ${JSON.stringify(e.text)}`),
    ]),
  ].join('\n')).join('\n') + '\n';
}

describe('quick fixes', () => {
  it.each(cases)('%s', (name) => {
    const path = `${name}.kp`;
    const text = readFileSync(join(DIR, path), 'utf8');
    const { diagnostics } = compile([{ path, text }], { lang: 'en' });
    const listed = listFixes(diagnostics, text);
    expect(listed).toBe(golden(`${name}.fixes.txt`, listed));
    const fixed = applyFixes(diagnostics, (f) => (f === path ? text : undefined)).texts.get(path) ?? text;
    expect(fixed).toBe(golden(`${name}.fixed.kp`, fixed));
    // What --fix leaves is what had no unambiguous fix; fixing again changes nothing.
    const again = compile([{ path, text: fixed }], { lang: 'en' }).diagnostics;
    expect(again.filter((d) => d.fixes?.length === 1 && d.fixes[0]!.unambiguous)).toEqual([]);
    expect(applyFixes(again, () => fixed).texts.size).toBe(0);
  });

  it('a name as close to two candidates is offered, not applied', () => {
    const text = readFileSync(join(DIR, 'names.kp'), 'utf8');
    const d = compile([{ path: 'names.kp', text }], { lang: 'en' }).diagnostics.find((x) => x.message.includes('甲三'))!;
    expect(d.fixes!.map((f) => [f.title, f.unambiguous])).toEqual([['change to `甲一`', false]]);
  });

  it('titles are rendered in the language asked for', () => {
    const text = readFileSync(join(DIR, 'names.kp'), 'utf8');
    const titles = compile([{ path: 'names.kp', text }]).diagnostics.flatMap((d) => d.fixes ?? []).map((f) => f.title);
    expect(titles).toContain('改为「收入实绩」');
  });

  it('the else arms offered make the policy compile, in the file’s keyword spelling', () => {
    const text = readFileSync(join(DIR, 'else-arms.kp'), 'utf8');
    const { diagnostics } = compile([{ path: 'x.kp', text }]);
    const offered = diagnostics.map((d) => ({ ...d, fixes: d.fixes?.map((f) => ({ ...f, unambiguous: true })) }));
    const fixed = applyFixes(offered, () => text).texts.get('x.kp')!;
    expect(compile([{ path: 'x.kp', text: fixed }]).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const chinese = '体系 "甲" 版本 "1" { }\n实体 局\n输入 局 { 率: percent }\n板块 乙 适用 局 分值 10 {\n  指标 丙 分值 10 {\n    得分 = 分档 率 { >= 1%: 10分 }\n  }\n}\n';
    const band = compile([{ path: 'zh.kp', text: chinese }]).diagnostics.find((d) => d.code === 'KP2007')!;
    expect(band.fixes![0]!.edits[0]!.text).toBe(', 否则: 0分');
  });

  it('overlapping fixes: the first is applied, the other left', () => {
    const text = 'abc';
    const d = (start: number, end: number, to: string): Diagnostic => ({
      code: 'KP1002', severity: 'error', message: '', text: { code: 'KP1002', key: 'unknown', params: {} }, span: { file: 'f', start, end },
      fixes: [{ title: '', titleText: { code: '', key: 'replaceWith', params: {} }, edits: [{ span: { file: 'f', start, end }, text: to }], unambiguous: true }],
    });
    const outcome = applyFixes([d(0, 2, 'X'), d(1, 3, 'Y'), d(3, 3, '!')], () => text);
    expect([outcome.texts.get('f'), outcome.applied.length, outcome.left.length]).toEqual(['Xc!', 2, 1]);
  });
});
