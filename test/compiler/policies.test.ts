// Every bundled policy (each folder under policies/) compiles with no errors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { renderDiagnostic } from './golden-files.js';

const root = new URL('../../policies/', import.meta.url).pathname;
const folders = existsSync(root)
  ? readdirSync(root).filter((f) => statSync(join(root, f)).isDirectory() && readdirSync(join(root, f)).some((x) => x.endsWith('.kp')))
  : [];

describe('bundled policies', () => {
  it('exist', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  it.each(folders)('%s compiles without errors', (folder) => {
    const sources = readdirSync(join(root, folder)).filter((f) => f.endsWith('.kp')).sort()
      .map((f) => ({ path: `${folder}/${f}`, text: readFileSync(join(root, folder, f), 'utf8') }));
    const result = compile(sources);
    const texts = new Map(sources.map((s) => [s.path, s.text]));
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => renderDiagnostic(d, texts));
    expect(errors.join('\n\n')).toBe('');
    expect(result.graph).not.toBeNull();
  });
});
