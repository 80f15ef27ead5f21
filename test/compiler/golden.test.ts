// Golden tests of the compiler: every case's diagnostics or rule graph, byte for byte.
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/compiler` and review the diff.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { ALL_CODES, LANGS } from '../../messages/index.js';
import { runTests } from '../../runtime/policy-tests/run-tests.js';
import { GOLDEN_DIR, generatedCases, goldenCases, readGolden, renderDiagnostic } from './golden-files.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = [...goldenCases(), ...generatedCases()];
const KP_CODES = ALL_CODES.filter((code) => code.startsWith('KP'));

function expected(file: string, actual: string): string | null {
  if (update) {
    writeFileSync(join(GOLDEN_DIR, file), actual);
    return actual;
  }
  return readGolden(file);
}

describe('golden cases', () => {
  // Diagnostics in both languages: `<case>.expected.txt` in English, `<case>.expected.zh.txt` in Chinese.
  it.each(cases.flatMap((c) => LANGS.map((lang) => [`${c.name} (${lang})`, c, lang] as const)))('%s', (_name, c, lang) => {
    const result = compile(c.sources, { lang });
    const suffix = lang === 'en' ? '' : `.${lang}`;
    const texts = new Map(c.sources.map((s) => [s.path, s.text]));
    // Warnings alone still give a graph; the case then shows its diagnostics.
    expect(result.graph === null).toBe(result.diagnostics.some((d) => d.severity === 'error'));
    if (result.diagnostics.length > 0) {
      const actual = result.diagnostics.map((d) => renderDiagnostic(d, texts)).join('\n\n') + '\n';
      if (update && readGolden(`${c.name}.graph.json`) !== null) unlinkSync(join(GOLDEN_DIR, `${c.name}.graph.json`));
      expect(actual).toBe(expected(`${c.name}.expected${suffix}.txt`, actual));
    } else {
      const actual = JSON.stringify(result.graph, null, 2) + '\n';
      if (update && readGolden(`${c.name}.expected${suffix}.txt`) !== null) unlinkSync(join(GOLDEN_DIR, `${c.name}.expected${suffix}.txt`));
      expect(actual).toBe(expected(`${c.name}.graph.json`, actual));
    }
  });

  it('cover every diagnostic code of the parser and the compiler', () => {
    // Codes as reported (`file:line:col: severity CODE:`), not as mentioned in a quoted source line.
    const reported = /^\S+:\d+:\d+: (?:error|warning|info) (KP\d{4}):/gm;
    const seen = new Set(cases.flatMap((c) => [...(readGolden(`${c.name}.expected.txt`) ?? '').matchAll(reported)].map((m) => m[1]!)));
    // KP9999 reports a compiler bug, and KP3003 guards a section tree the parser never builds (it requires
    // exactly one of points and weight); no source is meant to produce them.
    const unreachable = new Set(['KP9999', 'KP3003']);
    const codes = KP_CODES.filter((code) => !unreachable.has(code));
    expect(codes.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('that compile pass their own test blocks', () => {
    const run = cases.flatMap((c) => {
      const graph = compile(c.sources).graph;
      return graph && graph.tests.length > 0 ? [{ name: c.name, failed: runTests(graph).results.filter((r) => !r.passed) }] : [];
    });
    expect(run.map((r) => r.name)).toContain('full-policy');
    expect(run.filter((r) => r.failed.length > 0)).toEqual([]);
  });

  it('compile the same sources to byte-identical graphs', () => {
    for (const c of cases) {
      expect(JSON.stringify(compile(c.sources).graph)).toBe(JSON.stringify(compile(c.sources).graph));
    }
  });
});

describe('docs/language.md', () => {
  it('lists every diagnostic code, in the order of the code tables', () => {
    const docs = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
    const listed = [...docs.matchAll(/^\| (KP\d{4}) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(KP_CODES);
  });
});
