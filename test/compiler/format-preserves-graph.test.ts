// Formatting a policy changes its layout only: every bundled policy compiles to the same rule graph before and
// after `format`, once the fields that record where and how a rule was written (spans, source text) are set aside.
// The bundled policies are kept in the canonical layout, within the documented width.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import stringWidth from 'string-width';
import { WIDTH, formatSource } from '../../dsl/format.js';

const root = new URL('../../policies/', import.meta.url).pathname;
const folders = readdirSync(root).filter((f) => statSync(join(root, f)).isDirectory() && readdirSync(join(root, f)).some((x) => x.endsWith('.kp')));

/** The graph without source positions and rule texts (`span`, `text`, `baseText`, `shareText`, …). */
function withoutSource(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' || /^(text|\w+Text)$/.test(key) ? undefined : v)));
}

describe('format keeps the rule graph', () => {
  it.each(folders)('%s', (folder) => {
    const sources = readdirSync(join(root, folder)).filter((f) => f.endsWith('.kp')).sort()
      .map((f) => ({ path: `${folder}/${f}`, text: readFileSync(join(root, folder, f), 'utf8') }));
    const formatted = sources.map((s) => ({ path: s.path, text: formatSource(s.path, s.text).text! }));
    const before = compile(sources).graph;
    const after = compile(formatted).graph;
    expect(before).not.toBeNull();
    expect(withoutSource(after)).toEqual(withoutSource(before));
  });
});

describe('bundled policies are in the canonical layout', () => {
  it.each(folders)('%s: formatting changes nothing, and no line is wider than the width', (folder) => {
    for (const f of readdirSync(join(root, folder)).filter((x) => x.endsWith('.kp'))) {
      const text = readFileSync(join(root, folder, f), 'utf8');
      expect(formatSource(f, text).text, f).toBe(text);
      expect(text.split('\n').filter((l) => stringWidth(l) > WIDTH), f).toEqual([]);
    }
  });
});
