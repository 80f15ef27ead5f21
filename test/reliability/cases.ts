// Shared pieces of the reliability suite: the bundled policies as sources, span checks, and a tally of generated
// cases per property, printed once per file so a run shows how much was tried.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { PolicySource } from '../../compiler/index.js';
import type { Diagnostic } from '../../dsl/diagnostics.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Each bundled policy folder under policies/, with its `.kp` sources. */
export function bundledPolicies(): { name: string; sources: PolicySource[] }[] {
  const dir = path.join(repoRoot, 'policies');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const folder = path.join(dir, d.name);
      const files = readdirSync(folder).filter((f) => f.endsWith('.kp')).sort();
      return { name: d.name, sources: files.map((f) => ({ path: `policies/${d.name}/${f}`, text: readFileSync(path.join(folder, f), 'utf8') })) };
    });
}

/** Every diagnostic (and note) points inside the file it names. */
export function expectSpansInside(diagnostics: readonly Diagnostic[], sources: readonly PolicySource[]): void {
  const lengths = new Map(sources.map((s) => [s.path, s.text.length]));
  const outside = diagnostics.filter((d) =>
    [d.span, ...(d.related ?? []).map((r) => r.span)].some((span) => {
      const length = lengths.get(span.file);
      return length === undefined || span.start < 0 || span.end < span.start || span.end > length;
    }),
  );
  expect(outside).toEqual([]);
}

/** Counts the cases each property generated and prints them after the file's tests. */
export function caseTally(file: string): (property: string) => () => void {
  const counts = new Map<string, number>();
  afterAll(() => {
    const parts = [...counts].map(([p, n]) => `${p}: ${n}`);
    console.log(`[reliability] ${file} — generated cases per property: ${parts.join('; ')}`);
  });
  return (property) => {
    counts.set(property, counts.get(property) ?? 0);
    return () => counts.set(property, counts.get(property)! + 1);
  };
}
