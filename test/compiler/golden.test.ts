// Golden tests of the compiler: every case's diagnostics or rule graph, byte for byte.
// Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/compiler` and review the diff.
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILER_CODES, compile } from '../../compiler/index.js';
import { GOLDEN_DIR, goldenCases, readGolden, renderDiagnostic } from './golden-files.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = goldenCases();

function expected(file: string, actual: string): string | null {
  if (update) {
    writeFileSync(join(GOLDEN_DIR, file), actual);
    return actual;
  }
  return readGolden(file);
}

describe('golden cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = compile(c.sources);
    const texts = new Map(c.sources.map((s) => [s.path, s.text]));
    if (result.diagnostics.length > 0) {
      expect(result.graph).toBeNull();
      const actual = result.diagnostics.map((d) => renderDiagnostic(d, texts)).join('\n\n') + '\n';
      if (update && readGolden(`${c.name}.graph.json`) !== null) unlinkSync(join(GOLDEN_DIR, `${c.name}.graph.json`));
      expect(actual).toBe(expected(`${c.name}.expected.txt`, actual));
    } else {
      expect(result.graph).not.toBeNull();
      const actual = JSON.stringify(result.graph, null, 2) + '\n';
      if (update && readGolden(`${c.name}.expected.txt`) !== null) unlinkSync(join(GOLDEN_DIR, `${c.name}.expected.txt`));
      expect(actual).toBe(expected(`${c.name}.graph.json`, actual));
    }
  });

  it('cover every diagnostic code of the compiler', () => {
    const seen = new Set(cases.flatMap((c) => (readGolden(`${c.name}.expected.txt`) ?? '').match(/KP\d{4}/g) ?? []));
    // KP9999 reports a compiler bug, and KP3003 guards a section tree the parser never builds (it requires
    // exactly one of points and weight); no source is meant to produce them.
    const unreachable = new Set(['KP9999', 'KP3003']);
    const codes = Object.keys(COMPILER_CODES).filter((code) => !unreachable.has(code));
    expect(codes.filter((code) => !seen.has(code))).toEqual([]);
  });

  it('compile the same sources to byte-identical graphs', () => {
    for (const c of cases) {
      expect(JSON.stringify(compile(c.sources).graph)).toBe(JSON.stringify(compile(c.sources).graph));
    }
  });
});
